import type { AuditOutcome } from '../../domain/audit.js';
import type { OrgKind, Role } from '../../domain/roles.js';

/** Response shapes of the API, as the server's presenters produce them. */

export type AccountStatus = 'active' | 'disabled' | 'pending' | 'refused';
export const ACCOUNT_STATUSES: readonly AccountStatus[] = ['active', 'disabled', 'pending', 'refused'];

export interface Account {
  id: string;
  username: string;
  displayName: string;
  orgId: string;
  orgName: string;
  roles: Role[];
  status: AccountStatus;
  locked: boolean;
  lockedUntil: string | null;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  mobile: string | null;
  email: string | null;
  version: number;
}

export interface AccountList {
  items: Account[];
  total: number;
}

export interface AccountWithPassword {
  account: Account;
  temporaryPassword?: string;
}

export interface Org {
  id: string;
  name: string;
  shortName: string | null;
  kind: OrgKind;
  regionCode: string | null;
  parentId: string | null;
  provinceId: string | null;
  cityId: string | null;
}

export interface AuditRecord {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  orgId: string | null;
  orgName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: AuditOutcome;
  ip: string | null;
  requestId: string | null;
  summary: Record<string, unknown> | null;
}

export interface AuditPage {
  items: AuditRecord[];
  nextCursor: string | null;
}

export interface AuditVerifyResult {
  ok: boolean;
  count: number;
  brokenAt?: number;
  reason?: string;
}
