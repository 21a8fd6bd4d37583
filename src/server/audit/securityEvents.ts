import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import { storable } from './canonical.js';

/** Security events are kept this long (等保 level 3 asks for at least six months of logs). */
export const SECURITY_EVENT_RETENTION_DAYS = 180;
const MAX_PATH = 200;
let lastPurge = 0;

/**
 * Counts one refused request without a session (issue 11 item 3): one row per client address,
 * minute, method, path (cut to 200 characters) and error code, its count incremented. Such requests
 * are not written to the audit log row by row, so anonymous traffic cannot grow it. At most once an
 * hour, rows older than the retention period are deleted.
 */
export async function recordSecurityEvent(
  db: Executor,
  e: { ip: string | null; method: string; path: string; code: string; now: Date },
): Promise<void> {
  const at = e.now.toISOString();
  const row = {
    minute: `${at.slice(0, 16)}Z`,
    ip: (e.ip ?? '').slice(0, 64),
    method: e.method.slice(0, 10),
    path: storable(e.path.slice(0, MAX_PATH)),
    code: e.code.slice(0, 64),
    count: 1,
    last_at: at,
  };
  await db
    .insertInto('security_events')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['minute', 'ip', 'method', 'path', 'code'])
        .doUpdateSet({ count: sql`security_events.count + 1`, last_at: (eb) => eb.ref('excluded.last_at') }),
    )
    .execute();
  if (e.now.getTime() - lastPurge > 3600_000) {
    lastPurge = e.now.getTime();
    await purgeSecurityEvents(db, e.now);
  }
}

export async function purgeSecurityEvents(db: Executor, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - SECURITY_EVENT_RETENTION_DAYS * 86_400_000).toISOString();
  const res = await db.deleteFrom('security_events').where('minute', '<', cutoff.slice(0, 16)).executeTakeFirst();
  return Number(res.numDeletedRows);
}
