import { lazy, Suspense } from 'react';
import { useCurrentUser } from '../auth/useSession';
import { FullPageSpin } from '../components/FullPageSpin';

// Split by role: an applicant account loads only the applicant's pages, an official only the back office.
const ApplicantRoutes = lazy(() => import('./applicant'));
const BackOfficeRoutes = lazy(() => import('./backOffice'));

/** Every page behind the session, from the chunk of the user's kind of role. */
export function RolePages() {
  const user = useCurrentUser();
  const Pages = user.roles.includes('applicant') ? ApplicantRoutes : BackOfficeRoutes;
  return (
    <Suspense fallback={<FullPageSpin />}>
      <Pages />
    </Suspense>
  );
}
