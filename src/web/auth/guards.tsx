import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { LoadFailed } from '../components/LoadFailed';
import { FullPageSpin } from '../components/FullPageSpin';
import { landingPath, LOGIN_PATH, PASSWORD_PATH } from '../navigation';
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

/** "/" sends each user to the landing page of their first role. */
export function LandingRedirect() {
  const user = useCurrentUser();
  return <Navigate to={landingPath(user.roles)} replace />;
}
