import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import { precompiled } from '../db/precompiled.js';
import { speedupOn } from '../db/speedups.js';
import { APPLICATION_FOR_EDIT_COLUMNS, applicationForEditQuery, type ApplicationForEdit } from './applications.js';
import { findSessionWithActor, sessionAndActorOf, sessionWithActorQuery, type SessionWithActor } from './users.js';

/**
 * Speed-up (issue 12, bench B1): the session lookup that every request makes and the row the route
 * reads first, in ONE statement instead of two. An autosave was three round trips (session,
 * application, save); on PostgreSQL each costs the server a socket write and a parse, and the
 * database a statement (in the B1 profile, 9 % of the server's time was the `writev` of those
 * round trips). A route asks for it with `config: { preload: 'applicationForEdit' }`
 * (plugins/auth.ts runs the lookup); the command takes the row from `req.preload` instead of
 * querying (updateApplication). Nothing else changes: the row is exactly findApplicationForEdit's
 * (test/api/session-preload.test.ts), and it is used only once the session is accepted.
 */
export type PreloadKind = 'applicationForEdit';

/** What a preload found: the row, or null when it does not exist. */
export interface Preloaded {
  applicationForEdit: ApplicationForEdit | null;
}

const PREFIX = 'a__';
// Off for the bench's comparison only (db/speedups.ts): the session alone, the command reads the row.
const preloading = speedupOn('session-preload');

/** The session query and the application query side by side: one row when the session exists. */
const sessionWithApplicationForEdit = precompiled((db, p) =>
  db
    .selectFrom(sessionWithActorQuery(db, p('sessionId')).as('s'))
    .leftJoin(applicationForEditQuery(db, p('applicationId')).as('a'), (join) => join.onTrue())
    .selectAll('s')
    // The application's columns under a prefix: both rows have an id, a status, a city_id …
    .select(APPLICATION_FOR_EDIT_COLUMNS.map((c) => sql.ref(`a.${c}`).as(`${PREFIX}${c}`))),
);

/**
 * The session (by the SHA-256 of its token) with its actor, as findSessionWithActor gives it, and
 * the application `applicationId` as findApplicationForEdit gives it (null when there is none);
 * null when there is no such session.
 */
export async function findSessionWithApplicationForEdit(
  db: Executor,
  sessionId: string,
  applicationId: string,
): Promise<(SessionWithActor & { preload: Preloaded }) | null> {
  const [row] = await sessionWithApplicationForEdit(db, { sessionId, applicationId });
  if (!row) return null;
  const columns = row as unknown as Record<string, unknown>;
  const application =
    columns[`${PREFIX}id`] === null
      ? null
      : (Object.fromEntries(
          APPLICATION_FOR_EDIT_COLUMNS.map((c) => [c, columns[`${PREFIX}${c}`]]),
        ) as unknown as ApplicationForEdit);
  return { ...sessionAndActorOf(row), preload: { applicationForEdit: application } };
}

/** What a route preloads: its kind and the route's `id` parameter, already checked (plugins/auth.ts). */
export interface PreloadRequest {
  kind: PreloadKind;
  id: string;
}

/**
 * The session lookup of a request: with the row its route preloads, else the session and actor alone
 * (preload null).
 */
export async function findSessionForRoute(
  db: Executor,
  sessionId: string,
  preload: PreloadRequest | undefined,
): Promise<(SessionWithActor & { preload: Preloaded | null }) | null> {
  if (preload && preloading) return findSessionWithApplicationForEdit(db, sessionId, preload.id);
  const found = await findSessionWithActor(db, sessionId);
  return found && { ...found, preload: null };
}
