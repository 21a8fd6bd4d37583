import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { fetchSession, SESSION_KEY, type SessionState, type SessionUser } from '../api/session';

/** The session query: read by the guards, started early by src/web/preload.ts. */
export const sessionQuery = {
  queryKey: SESSION_KEY,
  queryFn: fetchSession,
  staleTime: Infinity,
  retry: false,
} as const;

export function useSessionQuery() {
  return useQuery(sessionQuery);
}

/** The logged-in user. Only for components rendered behind RequireSession. */
export function useCurrentUser(): SessionUser {
  const { data } = useSessionQuery();
  if (!data?.user) throw new Error('useCurrentUser outside a session');
  return data.user;
}

/** Replaces the cached session (after login, logout or a password change). */
export function useSetSession() {
  const qc = useQueryClient();
  return useCallback((user: SessionUser | null) => qc.setQueryData<SessionState>(SESSION_KEY, { user }), [qc]);
}
