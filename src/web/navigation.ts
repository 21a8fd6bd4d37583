/** The app's paths and where each role lands: imported by the first page, so no icons or menus here. */
import type { Role } from '../domain/roles.js';

export const LOGIN_PATH = '/login';
export const PASSWORD_PATH = '/account/password';
/** The batch notice inside the applicant's workbench. */
export const APPLICANT_NOTICE_PATH = '/applicant/notice';
/** The public pages, open without a session. */
export const NOTICE_PATH = '/notice';
export const REGISTER_PATH = '/register';
/** Where a registered unit without an account yet sees its registration and licence. */
export const REGISTRATION_STATUS_PATH = '/register/status';
export const PUBLIC_LIST_PATH = '/public/filed';

/** The landing page of each role; a user with several roles lands on the first role's page. */
export const ROLE_HOME: Record<Role, string> = {
  applicant: '/applicant',
  city_reviewer: '/city/review',
  city_approver: '/city/approve',
  acceptance_clerk: '/acceptance',
  province_officer: '/province',
  province_approver: '/province-leader',
  expert: '/expert',
  ministry_officer: '/ministry',
  system_admin: '/system/orgs',
  security_admin: '/security/accounts',
  audit_admin: '/audit/log',
};

/** Where a user goes after login. */
export function landingPath(roles: readonly Role[]): string {
  const first = roles[0];
  return first ? ROLE_HOME[first] : PASSWORD_PATH;
}

/**
 * The first path segments of the officials' and administrators' pages (src/web/roleRoutes/backOffice.tsx).
 * The applicant's chunk does not contain those pages; it answers these paths with 403 (not 404) from this
 * list. A back-office page under a new first segment adds it here.
 */
export const BACK_OFFICE_PREFIXES: readonly string[] = [
  ...new Set(
    Object.entries(ROLE_HOME)
      .filter(([role]) => role !== 'applicant')
      .map(([, home]) => `/${home.split('/')[1]}`),
  ),
  '/conflicts',
  '/manage',
];
/** The applicant's pages: the back office answers them with 403. */
export const APPLICANT_PREFIXES: readonly string[] = [ROLE_HOME.applicant];
