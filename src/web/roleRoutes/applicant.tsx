import { ApplicantHome } from '../pages/applicant/Home';
import { ApplicationPage } from '../pages/applicant/ApplicationPage';
import { ApplicantNoticePage } from '../pages/applicant/NoticeInApp';
import { linkRedirects } from '../pages/review/redirects';
import { APPLICANT_NOTICE_PATH, BACK_OFFICE_PREFIXES, ROLE_HOME } from '../navigation';
import type { RolePage } from '../routes';
import { PageRoutes } from './PageRoutes';

/** The applicant's pages: a chunk of their own, loaded only for applicant accounts. */
export const applicantPages: RolePage[] = [
  { path: ROLE_HOME.applicant, roles: ['applicant'], element: <ApplicantHome /> },
  { path: `${ROLE_HOME.applicant}/applications/:id`, roles: ['applicant'], element: <ApplicationPage /> },
  { path: APPLICANT_NOTICE_PATH, roles: ['applicant'], element: <ApplicantNoticePage /> },
  // The role-neutral addresses of notifications and e-mails (/applications/{id}) lead here too.
  ...linkRedirects,
];

export default function ApplicantRoutes() {
  return <PageRoutes pages={applicantPages} forbidden={BACK_OFFICE_PREFIXES} />;
}
