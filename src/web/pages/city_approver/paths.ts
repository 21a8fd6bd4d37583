import { ROLE_HOME } from '../../navigation';

const home = ROLE_HOME.city_approver;

/** The city approver's pages. */
export const cityApproverPaths = {
  home,
  dispatches: `${home}/dispatches`,
  applications: `${home}/applications`,
};
