import { ROLE_HOME } from '../../navigation';

const home = ROLE_HOME.expert;

/** The expert's pages (notification links use `${assignments}/{id}` too). */
export const expertPaths = {
  home,
  assignments: `${home}/assignments`,
};
