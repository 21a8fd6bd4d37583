import type { SessionUser } from '../../domain/schemas/session.js';
import type { Actor } from '../context.js';

export const presentSessionUser = (actor: Actor, orgName: string, mustChangePassword: boolean): SessionUser => ({
  id: actor.userId,
  username: actor.username,
  displayName: actor.displayName,
  roles: actor.roles,
  orgId: actor.orgId,
  orgName,
  orgKind: actor.orgKind,
  mustChangePassword,
});
