import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import type { Role } from '../../domain/roles.js';
import { LoadFailed } from '../components/LoadFailed';
import { FullPageSpin } from '../components/FullPageSpin';
import { landingPath, LOGIN_PATH, PASSWORD_PATH } from '../navigation';
import { ForbiddenPage } from '../pages/ForbiddenPage';
import type { LoginLocationState } from './notice';
import { useCurrentUser, useSessionQuery } from './useSession';

/** Lets only logged-in users through; a pending password change allows the password page only. */
export function RequireSession() {
  const session = useSessionQuery();
  const location = useLocation();
  if (session.isPending) return <FullPageSpin />;
  if (session.isError) return <LoadFailed error={session.error} onRetry={() => void session.refetch()} />;
  const { user, ended } = session.data;
  if (!user) {
    const state: LoginLocationState = {
      notice: ended ?? (location.pathname === '/' ? undefined : 'unauthorized'),
    };
    return <Navigate to={LOGIN_PATH} replace state={state} />;
  }
  if (user.mustChangePassword && location.pathname !== PASSWORD_PATH) return <Navigate to={PASSWORD_PATH} replace />;
  return <Outlet />;
}

/** Shows its children only to holders of one of the roles. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const user = useCurrentUser();
  if (!user.roles.some((r) => roles.includes(r))) return <ForbiddenPage />;
  return children;
}

/** "/" sends each user to the landing page of their first role. */
export function LandingRedirect() {
  const user = useCurrentUser();
  return <Navigate to={landingPath(user.roles)} replace />;
}
