import { Suspense } from 'react';
import type { Role } from '../../domain/roles.js';
import { useCurrentUser } from '../auth/useSession';
import { FullPageSpin } from '../components/FullPageSpin';
import { lazyLoaded, loader } from '../loadable';

/** Whether the user's pages are the applicant's (else the back office's). */
export const isApplicant = (roles: readonly Role[]) => roles.includes('applicant');
const loadApplicant = loader(() => import('./applicant'));
const loadBackOffice = loader(() => import('./backOffice'));

/** The chunk of the user's kind of role (also started by src/web/preload.ts as soon as the session is known). */
export const loadRolePages = (roles: readonly Role[]) => (isApplicant(roles) ? loadApplicant() : loadBackOffice());

// Split by role: an applicant account loads only the applicant's pages, an official only the back office.
// Rendered at once when src/web/preload.ts has loaded the chunk already (no fallback, no Suspense delay).
const ApplicantRoutes = lazyLoaded(loadApplicant, (mod) => mod.default);
const BackOfficeRoutes = lazyLoaded(loadBackOffice, (mod) => mod.default);

/** Every page behind the session, from the chunk of the user's kind of role. */
export function RolePages() {
  const user = useCurrentUser();
  const Pages = isApplicant(user.roles) ? ApplicantRoutes : BackOfficeRoutes;
  return (
    <Suspense fallback={<FullPageSpin />}>
      <Pages />
    </Suspense>
  );
}
