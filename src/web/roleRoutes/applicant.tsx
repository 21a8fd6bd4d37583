import { lazy, Suspense } from 'react';
import { FullPageSpin } from '../components/FullPageSpin';
import { ApplicationPage } from '../pages/applicant/ApplicationPage';
import { linkRedirects } from '../pages/review/redirects';
import { APPLICANT_NOTICE_PATH, BACK_OFFICE_PREFIXES, ROLE_HOME } from '../navigation';
import type { RolePage } from '../routes';
import { PageRoutes } from './PageRoutes';

/** The workbench's list of applications: not loaded by the editor opened from a link. */
const ApplicantHome = lazy(() => import('../pages/applicant/Home').then((mod) => ({ default: mod.ApplicantHome })));

/** The notice in the workbench: its own chunk (with the public notice's code), loaded when opened. */
const ApplicantNoticePage = lazy(() =>
  import('../pages/applicant/NoticeInApp').then((mod) => ({ default: mod.ApplicantNoticePage })),
);

/** The applicant's pages: a chunk of their own, loaded only for applicant accounts. */
export const applicantPages: RolePage[] = [
  {
    path: ROLE_HOME.applicant,
    roles: ['applicant'],
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <ApplicantHome />
      </Suspense>
    ),
  },
  { path: `${ROLE_HOME.applicant}/applications/:id`, roles: ['applicant'], element: <ApplicationPage /> },
  {
    path: APPLICANT_NOTICE_PATH,
    roles: ['applicant'],
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <ApplicantNoticePage />
      </Suspense>
    ),
  },
  // The role-neutral addresses of notifications and e-mails (/applications/{id}) lead here too.
  ...linkRedirects,
];

export default function ApplicantRoutes() {
  return <PageRoutes pages={applicantPages} forbidden={BACK_OFFICE_PREFIXES} />;
}
