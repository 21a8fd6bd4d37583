import type { Role, OrgKind } from '../domain/roles.js';

/** The authenticated user on whose behalf a command runs. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  roles: Role[];
  orgId: string;
  orgKind: OrgKind;
  provinceId: string | null;
  cityId: string | null;
}

/** What every command needs besides its own options: who, from where, and when. */
export interface RequestContext {
  actor: Actor | null;
  ip: string | null;
  requestId: string | null;
  now: Date;
}
