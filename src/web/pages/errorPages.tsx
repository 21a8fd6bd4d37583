import { lazy } from 'react';

/**
 * The 403 and 404 pages of the role chunks, loaded when one is shown: antd's Result brings its
 * illustrations along (8.5 KB compressed), which no page that opens normally needs.
 */
export const ForbiddenPage = lazy(() => import('./ForbiddenPage').then((mod) => ({ default: mod.ForbiddenPage })));
export const NotFoundPage = lazy(() => import('./NotFoundPage').then((mod) => ({ default: mod.NotFoundPage })));
