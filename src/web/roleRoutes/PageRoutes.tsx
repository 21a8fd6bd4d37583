import { useRoutes } from 'react-router-dom';
import { RequireRole } from '../auth/RequireRole';
import { ForbiddenPage, NotFoundPage } from '../pages/errorPages';
import type { RolePage } from '../routes';

/**
 * The pages of one part of the app as descendant routes, each open to its roles. Paths of the other
 * part (whose code this chunk does not load) are 403, as a page of another role is; anything else is 404.
 */
export function PageRoutes({ pages, forbidden }: { pages: readonly RolePage[]; forbidden: readonly string[] }) {
  return useRoutes([
    ...pages.map((p) => ({ path: p.path, element: <RequireRole roles={p.roles}>{p.element}</RequireRole> })),
    ...forbidden.map((prefix) => ({ path: `${prefix}/*`, element: <ForbiddenPage /> })),
    { path: '*', element: <NotFoundPage /> },
  ]);
}
