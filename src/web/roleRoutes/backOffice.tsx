import { APPLICANT_PREFIXES, ROLE_HOME } from '../navigation';
import { AcceptanceClerkHome } from '../pages/acceptance_clerk/Home';
import { acceptancePages } from '../pages/acceptance_clerk/pages';
import { AuditLogPage } from '../pages/audit_admin/AuditLogPage';
import { batchPages } from '../pages/batches/pages';
import { CityApproverHome } from '../pages/city_approver/Home';
import { cityApproverPages } from '../pages/city_approver/pages';
import { CityReviewerHome } from '../pages/city_reviewer/Home';
import { cityReviewerPages } from '../pages/city_reviewer/pages';
import { ExpertHome } from '../pages/expert/Home';
import { expertPages } from '../pages/expert/pages';
import { MinistryOfficerHome } from '../pages/ministry_officer/Home';
import { ministryPages } from '../pages/ministry_officer/pages';
import { ProvinceOfficerHome } from '../pages/province_officer/Home';
import { provincePages } from '../pages/province_officer/pages';
import { provinceApproverPages } from '../pages/province_approver/pages';
import { reviewPages } from '../pages/review/pages';
import { AccountsPage } from '../pages/security_admin/AccountsPage';
import { OrgsPage } from '../pages/system_admin/OrgsPage';
import type { RolePage } from '../routes';
import { PageRoutes } from './PageRoutes';

/** The officials' and administrators' pages: one chunk, never loaded by the login page or an applicant. */
export const backOfficePages: RolePage[] = [
  { path: ROLE_HOME.city_reviewer, roles: ['city_reviewer'], element: <CityReviewerHome /> },
  { path: ROLE_HOME.city_approver, roles: ['city_approver'], element: <CityApproverHome /> },
  { path: ROLE_HOME.acceptance_clerk, roles: ['acceptance_clerk'], element: <AcceptanceClerkHome /> },
  { path: ROLE_HOME.province_officer, roles: ['province_officer'], element: <ProvinceOfficerHome /> },
  { path: ROLE_HOME.expert, roles: ['expert'], element: <ExpertHome /> },
  { path: ROLE_HOME.ministry_officer, roles: ['ministry_officer'], element: <MinistryOfficerHome /> },
  { path: ROLE_HOME.system_admin, roles: ['system_admin'], element: <OrgsPage /> },
  { path: ROLE_HOME.security_admin, roles: ['security_admin'], element: <AccountsPage /> },
  { path: ROLE_HOME.audit_admin, roles: ['audit_admin'], element: <AuditLogPage /> },
  ...cityReviewerPages,
  ...cityApproverPages,
  ...acceptancePages,
  ...provincePages,
  ...provinceApproverPages,
  ...ministryPages,
  ...expertPages,
  ...reviewPages,
  ...batchPages,
];

export default function BackOfficeRoutes() {
  return <PageRoutes pages={backOfficePages} forbidden={APPLICANT_PREFIXES} />;
}
