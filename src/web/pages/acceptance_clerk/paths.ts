import { ROLE_HOME } from '../../navigation';

const home = ROLE_HOME.acceptance_clerk;

/** The acceptance centre's pages. */
export const acceptancePaths = {
  home,
  dispatches: `${home}/dispatches`,
  applications: `${home}/applications`,
  scan: `${home}/paper-copies/scan`,
};
