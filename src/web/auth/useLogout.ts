import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { logout, SESSION_KEY, type SessionState } from '../api/session';
import { LOGIN_PATH } from '../navigation';
import type { LoginLocationState } from './notice';

/** Ends the session on the server, forgets every cached answer and returns to the login page. */
export function useLogout() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  return useCallback(async () => {
    try {
      await logout();
    } catch {
      // The session may already have ended on the server; the user is logged out locally anyway.
    }
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
    qc.setQueryData<SessionState>(SESSION_KEY, { user: null, expired: false });
    const state: LoginLocationState = { notice: 'logged_out' };
    navigate(LOGIN_PATH, { replace: true, state });
  }, [qc, navigate]);
}
