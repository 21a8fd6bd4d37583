import type { Account } from '../../domain/schemas/accounts.js';
import type { Role } from '../../domain/roles.js';
import type { Actor } from '../context.js';
import { accountActions } from '../policies/accounts.js';

interface Row {
  id: string;
  username: string;
  display_name: string;
  org_id: string;
  org_name: string;
  status: string;
  locked_until: string | null;
  must_change_password: number;
  last_login_at: string | null;
  created_at: string;
  mobile: string | null;
  email: string | null;
  version: number;
  roles: Role[];
}

export function presentAccount(r: Row, now: Date, viewer: Actor | null): Account {
  const locked = !!r.locked_until && new Date(r.locked_until) > now;
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    orgId: r.org_id,
    orgName: r.org_name,
    roles: r.roles,
    status: r.status as Account['status'],
    locked,
    lockedUntil: r.locked_until && new Date(r.locked_until) > now ? r.locked_until : null,
    mustChangePassword: r.must_change_password === 1,
    lastLoginAt: r.last_login_at,
    createdAt: r.created_at,
    mobile: r.mobile,
    email: r.email,
    version: r.version,
    allowedActions: accountActions(viewer, { id: r.id, roles: r.roles, status: r.status, locked }),
  };
}
