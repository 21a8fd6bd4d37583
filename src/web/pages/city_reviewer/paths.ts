import { ROLE_HOME } from '../../navigation';

const home = ROLE_HOME.city_reviewer;

/** The city reviewer's pages. */
export const cityReviewerPaths = {
  home,
  applications: `${home}/applications`,
  registrations: `${home}/registrations`,
  dispatches: `${home}/dispatches`,
};
