import { ROLE_HOME } from '../../navigation';

const home = ROLE_HOME.province_approver;

/** The province approver's (分管领导) pages. */
export const provinceApproverPaths = {
  home,
  dispatches: `${home}/dispatches`,
};
