import type { ReactElement } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router-dom';
import type { Role } from '../domain/roles.js';
import { LandingRedirect, RequireRole, RequireSession } from './auth/guards';
import { RouteError } from './components/ErrorBoundary';
import { AppLayout } from './layout/AppLayout';
import { APPLICANT_NOTICE_PATH, LOGIN_PATH, PASSWORD_PATH, ROLE_HOME } from './navigation';
import { AcceptanceClerkHome } from './pages/acceptance_clerk/Home';
import { acceptancePages } from './pages/acceptance_clerk/pages';
import { ApplicantHome } from './pages/applicant/Home';
import { ApplicationPage } from './pages/applicant/ApplicationPage';
import { ApplicantNoticePage } from './pages/applicant/NoticeInApp';
import { AuditLogPage } from './pages/audit_admin/AuditLogPage';
import { batchPages } from './pages/batches/pages';
import { ChangePasswordPage } from './pages/ChangePasswordPage';
import { CityApproverHome } from './pages/city_approver/Home';
import { cityApproverPages } from './pages/city_approver/pages';
import { CityReviewerHome } from './pages/city_reviewer/Home';
import { cityReviewerPages } from './pages/city_reviewer/pages';
import { ExpertHome } from './pages/expert/Home';
import { expertPages } from './pages/expert/pages';
import { LoginPage } from './pages/LoginPage';
import { MinistryOfficerHome } from './pages/ministry_officer/Home';
import { ministryPages } from './pages/ministry_officer/pages';
import { NotFoundPage } from './pages/NotFoundPage';
import { ProvinceOfficerHome } from './pages/province_officer/Home';
import { provincePages } from './pages/province_officer/pages';
import { provinceApproverPages } from './pages/province_approver/pages';
import { PUBLIC_LIST_PATH, PublicListPage } from './pages/public-list/PublicListPage';
import { reviewPages } from './pages/review/pages';
import { BatchNoticePage, NoticePage } from './pages/public/NoticePage';
import { NOTICE_PATH, REGISTER_PATH } from './pages/public/PublicLayout';
import { RegisterPage } from './pages/public/RegisterPage';
import { AccountsPage } from './pages/security_admin/AccountsPage';
import { OrgsPage } from './pages/system_admin/OrgsPage';

/** A page behind the session, open to the listed roles. New pages of a role are added here. */
export interface RolePage {
  path: string;
  roles: readonly Role[];
  element: ReactElement;
}

export const rolePages: RolePage[] = [
  { path: ROLE_HOME.applicant, roles: ['applicant'], element: <ApplicantHome /> },
  { path: `${ROLE_HOME.applicant}/applications/:id`, roles: ['applicant'], element: <ApplicationPage /> },
  { path: APPLICANT_NOTICE_PATH, roles: ['applicant'], element: <ApplicantNoticePage /> },
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

export const routes: RouteObject[] = [
  { path: LOGIN_PATH, element: <LoginPage />, errorElement: <RouteError /> },
  { path: PUBLIC_LIST_PATH, element: <PublicListPage />, errorElement: <RouteError /> },
  // Public pages: the notice and the unit registration, open without a session.
  { path: NOTICE_PATH, element: <NoticePage />, errorElement: <RouteError /> },
  { path: '/batches/:id', element: <BatchNoticePage />, errorElement: <RouteError /> },
  { path: REGISTER_PATH, element: <RegisterPage />, errorElement: <RouteError /> },
  {
    element: <RequireSession />,
    errorElement: <RouteError />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <LandingRedirect /> },
          { path: PASSWORD_PATH, element: <ChangePasswordPage /> },
          ...rolePages.map((p) => ({ path: p.path, element: <RequireRole roles={p.roles}>{p.element}</RequireRole> })),
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export const router = createBrowserRouter(routes);
