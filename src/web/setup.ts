import { configureClient } from './api/client';
import { SESSION_KEY, type SessionState } from './api/session';
import type { LoginLocationState } from './auth/notice';
import { LOGIN_PATH, PASSWORD_PATH } from './navigation';
import { queryClient } from './queryClient';
import { router } from './routes';

/** Connects the API client to the app: a lost session goes to login, a pending password change to its page. */
export function setupClient(): void {
  configureClient({
    onAuthFailure: (code) => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
      queryClient.setQueryData<SessionState>(SESSION_KEY, {
        user: null,
        ended: code === 'session_expired' ? 'session_expired' : undefined,
      });
      const state: LoginLocationState = { notice: code };
      if (router.state.location.pathname !== LOGIN_PATH) void router.navigate(LOGIN_PATH, { replace: true, state });
    },
    onPasswordChangeRequired: () => {
      queryClient.setQueryData<SessionState>(SESSION_KEY, (s) =>
        s?.user ? { ...s, user: { ...s.user, mustChangePassword: true } } : s,
      );
      if (router.state.location.pathname !== PASSWORD_PATH) void router.navigate(PASSWORD_PATH, { replace: true });
    },
  });
}
