/** Fixtures of the dispatch (报送) API tests: applications to send, and what a refused command must leave alone. */
import type { Db } from '../../src/server/db/database.js';
import { type Client, type TestEnv } from './env.js';
import { buildApplicant, buildApplication, NANJING } from '../factories.js';
import type { ApplicationStatus } from '../../src/domain/workflow.js';

export const PLEDGE = { signerName: '张明远', agreed: true };
export const START = '2026-06-01T02:00:00.000Z';

/** Recommended (or other-status) applications of fresh units in a city. */
export async function apps(
  db: Db,
  batchId: string,
  n: number,
  status: ApplicationStatus = 'recommended',
  city = NANJING,
) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const a = await buildApplicant(db, { cityOrgId: city });
    out.push(await buildApplication(db, { batchId, unit: a.unit, status }));
  }
  return out;
}

/** Everything a dispatch command could change, to compare before and after a refused request. */
export async function snapshot(db: Db, appIds: string[]) {
  const [applications, dispatches, items, events, audit] = await Promise.all([
    db.selectFrom('applications').select(['id', 'status', 'version']).where('id', 'in', appIds).orderBy('id').execute(),
    db.selectFrom('dispatches').selectAll().orderBy('id').execute(),
    db.selectFrom('dispatch_items').selectAll().orderBy('dispatch_id').orderBy('rank').execute(),
    db.selectFrom('application_events').select('id').where('application_id', 'in', appIds).execute(),
    db.selectFrom('audit_log').select('seq').where('action', 'like', 'dispatch.%').execute(),
  ]);
  return { applications, dispatches, items, events: events.length, audit: audit.length };
}

export async function login(env: () => TestEnv, user: { username: string }): Promise<Client> {
  return env().login(user.username);
}
