import { ROLE_HOME } from '../../navigation';

const home = ROLE_HOME.ministry_officer;

/** The Ministry's pages. */
export const ministryPaths = {
  home,
  dispatches: `${home}/dispatches`,
  applications: `${home}/applications`,
  publications: `${home}/publications`,
};
