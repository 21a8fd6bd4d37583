import type { ComponentType, ReactElement } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router-dom';
import type { Role } from '../domain/roles.js';
import { LandingRedirect, RequireSession } from './auth/guards';
import { RouteError } from './components/ErrorBoundary';
import {
  LOGIN_PATH,
  NOTICE_PATH,
  PASSWORD_PATH,
  PUBLIC_LIST_PATH,
  REGISTER_PATH,
  REGISTRATION_STATUS_PATH,
} from './navigation';
import { RolePages } from './roleRoutes/RolePages';

/**
 * A page behind the session, open to the listed roles. New pages of a role are added to its pages.tsx,
 * listed in src/web/roleRoutes/applicant.tsx or backOffice.tsx.
 */
export interface RolePage {
  path: string;
  roles: readonly Role[];
  element: ReactElement;
}

/**
 * Every page is its own chunk, loaded when its route is first visited: the login page loads no
 * back-office or chart code. Role pages come from src/web/roleRoutes (one chunk for applicants, one for
 * officials and administrators).
 */
const page = (load: () => Promise<ComponentType>): Pick<RouteObject, 'lazy'> => ({
  lazy: async () => ({ Component: await load() }),
});

/** The route of every page behind the session (src/web/preload.ts starts their data early). */
export const SESSION_ROUTE_ID = 'session';

export const routes: RouteObject[] = [
  {
    path: LOGIN_PATH,
    ...page(() => import('./pages/LoginPage').then((mod) => mod.LoginPage)),
    errorElement: <RouteError />,
  },
  {
    path: PUBLIC_LIST_PATH,
    ...page(() => import('./pages/public-list/PublicListPage').then((mod) => mod.PublicListPage)),
    errorElement: <RouteError />,
  },
  // Public pages: the notice and the unit registration, open without a session.
  {
    path: NOTICE_PATH,
    ...page(() => import('./pages/public/NoticePage').then((mod) => mod.NoticePage)),
    errorElement: <RouteError />,
  },
  {
    path: '/batches/:id',
    ...page(() => import('./pages/public/NoticePage').then((mod) => mod.BatchNoticePage)),
    errorElement: <RouteError />,
  },
  {
    path: REGISTER_PATH,
    ...page(() => import('./pages/public/RegisterPage').then((mod) => mod.RegisterPage)),
    errorElement: <RouteError />,
  },
  {
    path: REGISTRATION_STATUS_PATH,
    ...page(() => import('./pages/public/RegistrationStatusPage').then((mod) => mod.RegistrationStatusPage)),
    errorElement: <RouteError />,
  },
  {
    id: SESSION_ROUTE_ID,
    element: <RequireSession />,
    errorElement: <RouteError />,
    children: [
      {
        ...page(() => import('./layout/AppLayout').then((mod) => mod.AppLayout)),
        children: [
          { index: true, element: <LandingRedirect /> },
          {
            path: PASSWORD_PATH,
            ...page(() => import('./pages/ChangePasswordPage').then((mod) => mod.ChangePasswordPage)),
          },
          { path: '*', element: <RolePages /> },
        ],
      },
    ],
  },
];

export const router = createBrowserRouter(routes);
