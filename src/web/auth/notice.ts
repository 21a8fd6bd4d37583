import { m } from '../i18n';

/** Why the user is on the login page; carried in the router's location state. */
export type LoginNotice = 'session_expired' | 'unauthorized' | 'logged_out';

export interface LoginLocationState {
  notice?: LoginNotice;
}

export const noticeText: Record<LoginNotice, string> = {
  session_expired: m.session.expired,
  unauthorized: m.session.unauthorized,
  logged_out: m.session.loggedOut,
};

export function readNotice(state: unknown): LoginNotice | undefined {
  const notice = (state as LoginLocationState | null)?.notice;
  return notice && notice in noticeText ? notice : undefined;
}
