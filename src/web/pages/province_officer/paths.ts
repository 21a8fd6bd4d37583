import { ROLE_HOME } from '../../navigation';

const home = ROLE_HOME.province_officer;

/** The province department's pages. */
export const provincePaths = {
  home,
  applications: `${home}/applications`,
  dispatches: `${home}/dispatches`,
  cityDispatches: `${home}/city-dispatches`,
  credit: `${home}/credit`,
  ranking: `${home}/ranking`,
  config: `${home}/review-config`,
};
