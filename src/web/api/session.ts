import type { SessionResponse, SessionUser } from '../../domain/schemas/session.js';
import { api, isApiError, setCsrfToken } from './client';

export type { SessionUser };

/** The current session; without a user, `ended` says why (for the notice on the login page). */
export interface SessionState {
  user: SessionUser | null;
  ended?: 'session_expired' | 'logged_out';
}

export const SESSION_KEY = ['session'] as const;

export async function fetchSession(): Promise<SessionState> {
  try {
    const res = await api.get<SessionResponse>('/api/session', undefined, { quietAuth: true });
    setCsrfToken(res.csrfToken);
    return { user: res.user };
  } catch (e) {
    if (isApiError(e) && e.status === 401) {
      setCsrfToken(null);
      return { user: null, ended: e.code === 'session_expired' ? 'session_expired' : undefined };
    }
    throw e;
  }
}

export async function login(username: string, password: string): Promise<SessionUser> {
  const res = await api.post<SessionResponse>('/api/session', { username, password }, { quietAuth: true });
  setCsrfToken(res.csrfToken);
  return res.user;
}

export async function logout(): Promise<void> {
  try {
    await api.delete('/api/session');
  } finally {
    setCsrfToken(null);
  }
}

export const changePassword = (currentPassword: string, newPassword: string) =>
  api.post<{ ok: true }>('/api/session/password', { currentPassword, newPassword });
