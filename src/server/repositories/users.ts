import { PostgresAdapter, sql } from 'kysely';
import type { Role, OrgKind } from '../../domain/roles.js';
import type { Actor } from '../context.js';
import type { Executor } from '../db/database.js';
import { precompiled } from '../db/precompiled.js';

const ACTOR_COLUMNS = [
  'users.id',
  'users.username',
  'users.display_name',
  'users.status',
  'users.must_change_password',
  'users.password_changed_at',
  'users.org_id',
  'orgs.kind as org_kind',
  'orgs.province_id',
  'orgs.city_id',
  'orgs.name as org_name',
] as const;

interface ActorRow {
  id: string;
  username: string;
  display_name: string;
  status: string;
  must_change_password: number;
  password_changed_at: string;
  org_id: string;
  org_kind: string;
  province_id: string | null;
  city_id: string | null;
  org_name: string;
}

async function loadedActor(db: Executor, row: ActorRow) {
  return actorOf(row, await listRoles(db, row.id));
}

function actorOf(row: ActorRow, roles: Role[]) {
  const actor: Actor = {
    userId: row.id,
    username: row.username,
    displayName: row.display_name,
    roles,
    orgId: row.org_id,
    orgKind: row.org_kind as OrgKind,
    provinceId: row.province_id,
    cityId: row.city_id,
  };
  return {
    actor,
    status: row.status,
    mustChangePassword: row.must_change_password === 1,
    passwordChangedAt: row.password_changed_at,
    orgName: row.org_name,
  };
}

/** Loads a user with its organisation and roles, as the Actor that commands receive. */
export async function findActorByUserId(db: Executor, userId: string) {
  const row = await db
    .selectFrom('users')
    .innerJoin('orgs', 'orgs.id', 'users.org_id')
    .select(ACTOR_COLUMNS)
    .where('users.id', '=', userId)
    .executeTakeFirst();
  return row ? loadedActor(db, row) : null;
}

/** The roles as one comma-separated string, in the same row (roles have no commas). */
const rolesAggregate = (db: Executor) =>
  db.getExecutor().adapter instanceof PostgresAdapter
    ? sql<string | null>`(select string_agg(user_roles.role, ',') from user_roles where user_roles.user_id = users.id)`
    : sql<
        string | null
      >`(select group_concat(user_roles.role, ',') from user_roles where user_roles.user_id = users.id)`;

/**
 * The session with its user's actor columns and roles, `id` being where the session id goes (a
 * placeholder of a precompiled query): compiled once by sessionWithActor, and the session half of
 * sessionPreload.ts's statement.
 */
export const sessionWithActorQuery = (db: Executor, id: string) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('orgs', 'orgs.id', 'users.org_id')
    .select(ACTOR_COLUMNS)
    .select([
      'sessions.id as session_id',
      'sessions.user_id as session_user_id',
      'sessions.csrf_token',
      'sessions.last_seen_at',
    ])
    .select(rolesAggregate(db).as('roles'))
    .where('sessions.id', '=', id);

const sessionWithActor = precompiled((db, p) => sessionWithActorQuery(db, p('id')));

type SessionActorRow = ActorRow & {
  session_id: string;
  session_user_id: string;
  csrf_token: string;
  last_seen_at: string;
  roles: string | null;
};

/** A session row of sessionWithActorQuery as the session and its loaded actor. */
export function sessionAndActorOf(row: SessionActorRow) {
  return {
    session: {
      id: row.session_id,
      user_id: row.session_user_id,
      csrf_token: row.csrf_token,
      last_seen_at: row.last_seen_at,
    },
    loaded: actorOf(row, row.roles ? (row.roles.split(',') as Role[]).sort() : []),
  };
}
export type SessionWithActor = ReturnType<typeof sessionAndActorOf>;

/**
 * A session (by the SHA-256 of its token) together with its user loaded as an Actor, roles included:
 * what every request needs, in one query (compiled once) instead of three (session, user, roles).
 */
export async function findSessionWithActor(db: Executor, sessionId: string): Promise<SessionWithActor | null> {
  const [row] = await sessionWithActor(db, { id: sessionId });
  return row ? sessionAndActorOf(row) : null;
}

export async function listRoles(db: Executor, userId: string): Promise<Role[]> {
  const rows = await db.selectFrom('user_roles').select('role').where('user_id', '=', userId).execute();
  return rows.map((r) => r.role as Role).sort();
}

export const findUserByUsername = (db: Executor, username: string) =>
  db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();

export const findUserById = (db: Executor, id: string) =>
  db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

/** Replaces a user's roles. */
export async function setRoles(db: Executor, userId: string, roles: readonly Role[]): Promise<void> {
  await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  if (roles.length) {
    await db
      .insertInto('user_roles')
      .values(roles.map((role) => ({ user_id: userId, role })))
      .execute();
  }
}

export interface NewUser {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  orgId: string;
  status: 'active' | 'disabled' | 'pending' | 'refused';
  mustChangePassword: boolean;
  roles: readonly Role[];
  mobile?: string | null;
  email?: string | null;
  now: Date;
}

/** Inserts a user and its roles. */
export async function insertUser(db: Executor, u: NewUser): Promise<void> {
  const at = u.now.toISOString();
  await db
    .insertInto('users')
    .values({
      id: u.id,
      username: u.username,
      display_name: u.displayName,
      password_hash: u.passwordHash,
      org_id: u.orgId,
      status: u.status,
      must_change_password: u.mustChangePassword ? 1 : 0,
      failed_login_count: 0,
      locked_until: null,
      password_changed_at: at,
      last_login_at: null,
      mobile: u.mobile ?? null,
      email: u.email ?? null,
      created_at: at,
      updated_at: at,
      version: 1,
    })
    .execute();
  await setRoles(db, u.id, u.roles);
}
