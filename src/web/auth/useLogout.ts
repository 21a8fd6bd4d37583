import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { logout, SESSION_KEY, type SessionState } from '../api/session';

/**
 * Ends the session on the server and forgets every cached answer; RequireSession then sends the
 * user to the login page with the "logged out" notice.
 */
export function useLogout() {
  const qc = useQueryClient();
  return useCallback(async () => {
    try {
      await logout();
    } catch {
      // The session may already have ended on the server; the user is logged out locally anyway.
    }
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
    qc.setQueryData<SessionState>(SESSION_KEY, { user: null, ended: 'logged_out' });
  }, [qc]);
}
