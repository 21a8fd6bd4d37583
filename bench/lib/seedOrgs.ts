import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/server/db/database.js';
import { endOfBeijingDay } from '../../src/server/db/seed/demo-batch.js';
import { JIANGSU_ID, JS_CENTRE_ID, JS_DEPT_ID, MINISTRY_ID } from '../../src/server/db/seed/reference-orgs.js';
import type { ApplicationAction } from '../../src/domain/workflow.js';
import type { Role } from '../../src/domain/roles.js';
import { BENCH_PROVINCES, type BenchCity } from './regions.js';
import { personName, type Rng } from './names.js';
import { insertMany, type Row } from './seedRows.js';

/**
 * The bench data set's organisations and staff: acceptance centres, city bureaus, the reviewer,
 * approver, acceptance clerk, province officer and Ministry officer accounts, the two batches and
 * their deadlines.
 */

export const CURRENT_BATCH = 'bench-batch-2026';
export const PREVIOUS_BATCH = 'bench-batch-2025';
export const CURRENT_BATCH_NAME = '第六批国家专业化众创空间备案示范';

/** Who does what in the seeded timelines, and the accounts the benchmarks log in as. */
export interface Staff {
  reviewer: Map<string, { id: string; username: string }>;
  approver: Map<string, { id: string; username: string }>;
  clerk: Map<string, { id: string; orgId: string }>;
  officer: Map<string, { id: string; orgId: string }>;
  ministry: { id: string };
}

/** Writes the organisations, staff accounts, batches and deadlines in one transaction. */
export async function seedOrgsAndStaff(
  db: Db,
  opts: { now: Date; r: Rng; passwordHash: string; cities: BenchCity[]; count: (table: string, n: number) => void },
): Promise<{ staff: Staff; applicantDeadlines: Map<string, Row<'deadlines'>> }> {
  const { now, r, passwordHash, cities, count } = opts;
  const at = now.toISOString();
  const users: Row<'users'>[] = [];
  const roles: Row<'user_roles'>[] = [];
  const addUser = (username: string, orgId: string, role: Role, name = personName(r)) => {
    const id = randomUUID();
    users.push(userRow({ id, username, displayName: name, orgId, passwordHash, at }));
    roles.push({ user_id: id, role });
    return id;
  };

  // ---- organisations, staff, batches and deadlines ----
  const staff: Staff = {
    reviewer: new Map(),
    approver: new Map(),
    clerk: new Map(),
    officer: new Map(),
    ministry: { id: '' },
  };
  const orgs: Row<'orgs'>[] = [];
  const org = (o: Omit<Row<'orgs'>, 'created_at' | 'updated_at' | 'uscc' | 'short_name'> & { short_name?: string }) =>
    orgs.push({ short_name: null, uscc: null, created_at: at, updated_at: at, ...o });
  for (const p of BENCH_PROVINCES) {
    if (p.id === JIANGSU_ID) {
      staff.clerk.set(p.id, { id: addUser(`ac-${p.code}`, JS_CENTRE_ID, 'acceptance_clerk'), orgId: JS_CENTRE_ID });
      staff.officer.set(p.id, { id: addUser(`po-${p.code}`, JS_DEPT_ID, 'province_officer'), orgId: JS_DEPT_ID });
      continue;
    }
    const centreId = `bench-centre-${p.code}`;
    org({
      id: centreId,
      parent_id: p.id,
      kind: 'acceptance_centre',
      name: `${p.region}科技创业服务中心`,
      region_code: p.code,
      province_id: p.id,
      city_id: null,
      sort_order: 2,
    });
    staff.clerk.set(p.id, { id: addUser(`ac-${p.code}`, centreId, 'acceptance_clerk'), orgId: centreId });
    staff.officer.set(p.id, { id: addUser(`po-${p.code}`, p.id, 'province_officer'), orgId: p.id });
  }
  for (const c of cities) {
    if (!c.seeded)
      org({
        id: c.id,
        parent_id: c.provinceId,
        kind: 'city',
        name: c.orgName,
        short_name: c.name,
        region_code: c.code,
        province_id: c.provinceId,
        city_id: c.id,
        sort_order: 10 + c.rank,
      });
    staff.reviewer.set(c.id, { id: addUser(`rv-${c.code}`, c.id, 'city_reviewer'), username: `rv-${c.code}` });
    staff.approver.set(c.id, { id: addUser(`ap-${c.code}`, c.id, 'city_approver'), username: `ap-${c.code}` });
  }
  staff.ministry.id = addUser('bench-ministry', MINISTRY_ID, 'ministry_officer');

  const beijingHour = (now.getUTCHours() + 8) % 24;
  const applicantDue = endOfBeijingDay(now, beijingHour >= 20 ? 1 : 0);
  const deadlines: Row<'deadlines'>[] = [];
  const deadline = (batch: string, kind: string, scope: string | null, due: string, setBy: string) =>
    deadlines.push({
      id: randomUUID(),
      batch_id: batch,
      kind,
      scope_org_id: scope,
      due_at: due,
      original_due_at: due,
      set_by_org_id: setBy,
      set_by_user_id: null,
      created_at: at,
      updated_at: at,
    });
  deadline(CURRENT_BATCH, 'province', null, endOfBeijingDay(now, 40), MINISTRY_ID);
  deadline(PREVIOUS_BATCH, 'province', null, '2025-08-31T15:59:59.000Z', MINISTRY_ID);
  for (const p of BENCH_PROVINCES) {
    deadline(CURRENT_BATCH, 'city', p.id, endOfBeijingDay(now, 20), p.id);
    deadline(PREVIOUS_BATCH, 'city', p.id, '2025-07-31T15:59:59.000Z', p.id);
  }
  const applicantDeadlines = new Map<string, Row<'deadlines'>>();
  for (const c of cities) {
    deadline(CURRENT_BATCH, 'applicant', c.id, applicantDue, c.id);
    applicantDeadlines.set(c.id, deadlines[deadlines.length - 1]!);
    deadline(PREVIOUS_BATCH, 'applicant', c.id, '2025-07-15T15:59:59.000Z', c.id);
  }

  await db.transaction().execute(async (trx) => {
    await insertMany(trx, 'orgs', orgs);
    await insertMany(trx, 'users', users);
    await insertMany(trx, 'user_roles', roles);
    for (const [id, name, year, status] of [
      [PREVIOUS_BATCH, '第五批国家专业化众创空间备案示范', 2025, 'closed'],
      [CURRENT_BATCH, CURRENT_BATCH_NAME, 2026, 'open'],
    ] as const) {
      await trx
        .insertInto('batches')
        .values({
          id,
          name,
          year,
          notice_text: `关于组织推荐${name}的通知`,
          status,
          required_file_kinds: '[]',
          recorded_dates: '{}',
          created_by: null,
          created_at: at,
          updated_at: at,
          version: 1,
        })
        .execute();
    }
    await insertMany(trx, 'deadlines', deadlines);
  });
  count('orgs', orgs.length);
  count('users', users.length);
  return { staff, applicantDeadlines };
}

/** Who takes each workflow action on a unit's application in the seeded timelines. */
export function actorFor(
  action: ApplicationAction,
  unit: { userId: string; id: string },
  city: BenchCity,
  staff: Staff,
): { id: string; orgId: string; role: string } {
  switch (action) {
    case 'submit':
    case 'withdraw':
    case 'reopen':
      return { id: unit.userId, orgId: unit.id, role: 'applicant' };
    case 'return':
    case 'decline':
    case 'recommend':
    case 'unrecommend':
      return { id: staff.reviewer.get(city.id)!.id, orgId: city.id, role: 'city_reviewer' };
    case 'dispatch_to_province':
      return { id: staff.approver.get(city.id)!.id, orgId: city.id, role: 'city_approver' };
    case 'accept':
    case 'request_correction': {
      const c = staff.clerk.get(city.provinceId)!;
      return { id: c.id, orgId: c.orgId, role: 'acceptance_clerk' };
    }
    case 'province_recommend':
    case 'province_decline':
    case 'dispatch_to_ministry':
    case 'cancel_for_dishonesty': {
      const o = staff.officer.get(city.provinceId)!;
      return { id: o.id, orgId: o.orgId, role: 'province_officer' };
    }
    case 'file':
    case 'reject':
      return { id: staff.ministry.id, orgId: MINISTRY_ID, role: 'ministry_officer' };
  }
}

/** An active account with the bench password. */
export function userRow(u: {
  id: string;
  username: string;
  displayName: string;
  orgId: string;
  passwordHash: string;
  at: string;
}): Row<'users'> {
  return {
    id: u.id,
    username: u.username,
    display_name: u.displayName,
    password_hash: u.passwordHash,
    org_id: u.orgId,
    status: 'active',
    must_change_password: 0,
    failed_login_count: 0,
    locked_until: null,
    password_changed_at: u.at,
    last_login_at: null,
    mobile: null,
    email: null,
    created_at: u.at,
    updated_at: u.at,
    version: 1,
  };
}
