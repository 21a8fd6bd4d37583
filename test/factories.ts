import { createHash, randomUUID } from 'node:crypto';
import type { Role } from '../src/domain/roles.js';
import type { ApplicationStatus } from '../src/domain/workflow.js';
import { hashPassword } from '../src/server/auth/password.js';
import type { Executor } from '../src/server/db/database.js';
import { insertUser } from '../src/server/repositories/users.js';
import { cityId, JS_CENTRE_ID, JS_DEPT_ID, MINISTRY_ID } from '../src/server/db/seed/reference-orgs.js';
import { usccCheckChar } from '../src/domain/uscc.js';
import { DEFAULT_INTEGRITY_TEXT } from '../src/domain/schemas/review.js';
import type { RegistrationRequest } from '../src/domain/schemas/registrations.js';
import { DEFAULT_INTEGRITY_VERSION } from '../src/server/commands/review/loadReviewConfig.js';
import { TEST_PASSWORD } from './helpers/env.js';
import { setWorkingCopy, workingCopy } from './helpers/workingCopy.js';

let hashed: Promise<string> | null = null;
/** The test password hashed once per process: argon2 is deliberately slow. */
const testHash = () => (hashed ??= hashPassword(TEST_PASSWORD));

let seq = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${++seq}-${randomUUID().slice(0, 6)}`;

export const NANJING = cityId('320100');
export const SUZHOU = cityId('320500');
export const JIANGSU = 'prov-320000';
export const ZHEJIANG = 'prov-330000';
export { JS_CENTRE_ID, JS_DEPT_ID, MINISTRY_ID };

/** A valid USCC for a Jiangsu unit, unique within the process. */
export function buildUscc(region = '320100'): string {
  const body = `91${region}${String(Date.now() % 1e7).padStart(7, '0')}${String(++seq % 100).padStart(2, '0')}`.slice(
    0,
    17,
  );
  return body + usccCheckChar(body)!;
}

/**
 * The body of a valid `POST /api/registrations` for a unit in Nanjing, unique per call: the eight
 * fields of the original contract, plus whatever `over` gives (the evidence, or a wrong value to test).
 */
export function buildRegistrationBody(over: Partial<RegistrationRequest> = {}): RegistrationRequest {
  const n = ++seq;
  return {
    unitName: `南京测试众创服务有限公司${n}`,
    uscc: buildUscc('320100'),
    cityOrgId: NANJING,
    contactName: '张联系',
    mobile: '13912345678',
    email: `unit${process.pid}x${n}@example.com`,
    username: `unit${process.pid}x${n}`,
    password: 'Unit@2026pw',
    ...over,
  };
}

export interface BuiltUser {
  id: string;
  username: string;
  orgId: string;
}

/** Inserts an active user with the given roles in the given org. */
export async function buildUser(
  db: Executor,
  opts: {
    roles: Role[];
    orgId: string;
    username?: string;
    status?: 'active' | 'disabled' | 'pending';
    mustChangePassword?: boolean;
    now?: Date;
  },
): Promise<BuiltUser> {
  const id = randomUUID();
  const username = opts.username ?? unique(opts.roles[0] ?? 'user');
  await insertUser(db, {
    id,
    username,
    displayName: `测试用户${seq}`,
    passwordHash: await testHash(),
    orgId: opts.orgId,
    status: opts.status ?? 'active',
    mustChangePassword: opts.mustChangePassword ?? false,
    roles: opts.roles,
    now: opts.now ?? new Date('2026-06-01T00:00:00Z'),
  });
  return { id, username, orgId: opts.orgId };
}

/** Inserts an applicant unit in a city. */
export async function buildUnit(db: Executor, opts: { cityOrgId?: string; name?: string; uscc?: string } = {}) {
  const id = randomUUID();
  const city = opts.cityOrgId ?? NANJING;
  const at = new Date('2026-06-01T00:00:00Z').toISOString();
  const uscc = opts.uscc ?? buildUscc(city.replace('city-', ''));
  await db
    .insertInto('orgs')
    .values({
      id,
      parent_id: city,
      kind: 'applicant_unit',
      name: opts.name ?? `测试科技有限公司${++seq}`,
      short_name: null,
      region_code: city.replace('city-', ''),
      uscc,
      province_id: 'prov-320000',
      city_id: city,
      sort_order: 0,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return { id, uscc };
}

export const buildApplicant = async (db: Executor, opts: { cityOrgId?: string } = {}) => {
  const unit = await buildUnit(db, opts);
  return { ...(await buildUser(db, { roles: ['applicant'], orgId: unit.id })), unit };
};
/**
 * A city reviewer. Like a real one before the first review of a batch, a factory-built reviewer has
 * acknowledged the integrity rules (default text) of every batch — those that exist and those
 * buildBatch makes later; `{ acknowledged: false }` gives one who has not (tests of the guard).
 */
export const buildCityReviewer = async (db: Executor, cityOrgId = NANJING, opts: { acknowledged?: boolean } = {}) => {
  const user = await buildUser(db, { roles: ['city_reviewer'], orgId: cityOrgId });
  if (opts.acknowledged === false) unacknowledged.add(user.id);
  else await acknowledgeIntegrity(db, { userIds: [user.id] });
  return user;
};

/** City reviewers built with { acknowledged: false }. */
const unacknowledged = new Set<string>();

/**
 * Records acknowledgements of the default integrity text (DEFAULT_INTEGRITY_VERSION) by the given city reviewers
 * (default: every city reviewer not built unacknowledged) for the given batches (default: all).
 */
export async function acknowledgeIntegrity(db: Executor, opts: { userIds?: string[]; batchIds?: string[] } = {}) {
  const users = await db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .innerJoin('orgs', 'orgs.id', 'users.org_id')
    .select(['users.id', 'orgs.province_id'])
    .where('user_roles.role', '=', 'city_reviewer')
    .$if(!!opts.userIds, (q) => q.where('users.id', 'in', opts.userIds!))
    .execute();
  const batches = opts.batchIds ?? (await db.selectFrom('batches').select('id').execute()).map((b) => b.id);
  const sha = createHash('sha256').update(DEFAULT_INTEGRITY_TEXT, 'utf8').digest('hex');
  for (const u of users) {
    if ((!opts.userIds && unacknowledged.has(u.id)) || !u.province_id) continue;
    for (const batchId of batches) {
      await db
        .insertInto('integrity_acknowledgements')
        .values({
          id: randomUUID(),
          user_id: u.id,
          batch_id: batchId,
          province_id: u.province_id,
          text_version: DEFAULT_INTEGRITY_VERSION,
          text_sha256: sha,
          acknowledged_at: new Date('2026-06-01T00:00:00Z').toISOString(),
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  }
}
export const buildCityApprover = (db: Executor, cityOrgId = NANJING) =>
  buildUser(db, { roles: ['city_approver'], orgId: cityOrgId });
export const buildAcceptanceClerk = (db: Executor) =>
  buildUser(db, { roles: ['acceptance_clerk'], orgId: JS_CENTRE_ID });
export const buildProvinceOfficer = (db: Executor) => buildUser(db, { roles: ['province_officer'], orgId: JS_DEPT_ID });
/** The province's second signature on its list to the Ministry (分管领导). */
export const buildProvinceApprover = (db: Executor) =>
  buildUser(db, { roles: ['province_approver'], orgId: JS_DEPT_ID });
export const buildMinistryOfficer = (db: Executor) =>
  buildUser(db, { roles: ['ministry_officer'], orgId: MINISTRY_ID });
export const buildAdmin = (db: Executor, role: 'system_admin' | 'security_admin' | 'audit_admin') =>
  buildUser(db, { roles: [role], orgId: JS_DEPT_ID });

/**
 * Inserts an open batch with its deadline cascade: national province → Ministry, Jiangsu's
 * city → province, and (optionally) an applicant deadline per city. Defaults are in the future
 * relative to the test clock's start.
 */
export async function buildBatch(
  db: Executor,
  opts: {
    cityDeadline?: string;
    provinceDeadline?: string;
    applicantDeadlines?: Record<string, string>;
    requiredFileKinds?: string[];
    name?: string;
  } = {},
) {
  const id = randomUUID();
  const at = new Date('2026-06-01T00:00:00Z').toISOString();
  await db
    .insertInto('batches')
    .values({
      id,
      name: opts.name ?? `测试批次${++seq}`,
      year: 2026,
      notice_text: '测试通知',
      notice_title: '关于组织开展第四批国家专业化众创空间备案示范推荐工作的通知',
      notice_no: '苏科高发〔2020〕174号',
      status: 'open',
      required_file_kinds: JSON.stringify(opts.requiredFileKinds ?? []),
      recorded_dates: '{}',
      created_by: null,
      created_at: at,
      updated_at: at,
      version: 1,
    })
    .execute();
  const deadline = async (kind: string, scope: string | null, due: string, setBy: string) =>
    db
      .insertInto('deadlines')
      .values({
        id: randomUUID(),
        batch_id: id,
        kind,
        scope_org_id: scope,
        due_at: new Date(due).toISOString(),
        original_due_at: new Date(due).toISOString(),
        set_by_org_id: setBy,
        set_by_user_id: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
  await deadline('province', null, opts.provinceDeadline ?? '2026-08-31T15:59:59Z', MINISTRY_ID);
  await deadline('city', 'prov-320000', opts.cityDeadline ?? '2026-07-31T15:59:59Z', JS_DEPT_ID);
  for (const [city, due] of Object.entries(opts.applicantDeadlines ?? {})) await deadline('applicant', city, due, city);
  await acknowledgeIntegrity(db, { batchIds: [id] });
  return { id };
}

/**
 * Inserts an application directly in any status, for setup only (the behaviour under test goes
 * through the API). From `submitted` on it carries a snapshot of its content, with its SHA-256, and
 * a pledge bound to it — as a real submission leaves them.
 */
export async function buildApplication(
  db: Executor,
  opts: {
    batchId: string;
    unit: { id: string; uscc: string };
    status?: ApplicationStatus;
    spaceName?: string;
    createdBy?: string;
  },
) {
  const id = randomUUID();
  const n = ++seq;
  const status = opts.status ?? 'submitted';
  const org = await db
    .selectFrom('orgs')
    .select(['city_id', 'province_id', 'name'])
    .where('id', '=', opts.unit.id)
    .executeTakeFirstOrThrow();
  const spaceName = opts.spaceName ?? `测试${n}专业化众创空间`;
  const basicInfo = { spaceName, operatorName: org.name, operatorUscc: opts.unit.uscc };
  const at = new Date('2026-06-01T00:00:00Z').toISOString();
  const createdBy = opts.createdBy ?? 'factory';
  await db
    .insertInto('applications')
    .values({
      id,
      batch_id: opts.batchId,
      unit_id: opts.unit.id,
      city_id: org.city_id!,
      province_id: org.province_id!,
      status,
      version: 1,
      number: status === 'draft' ? null : `T${process.pid}-${n}-${id.slice(0, 4)}`,
      space_name: spaceName,
      uscc: opts.unit.uscc,
      current_snapshot_id: null,
      submitted_at: status === 'draft' ? null : at,
      created_by: createdBy,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await setWorkingCopy(db, id, { basicInfo });
  const snapshot = status === 'draft' ? null : await buildSnapshot(db, id, { createdBy });
  return { id, unitId: opts.unit.id, spaceName, snapshot };
}

/** Adds a new snapshot (a resubmission) and makes it the application's current one. */
export async function buildSnapshot(db: Executor, applicationId: string, opts: { createdBy?: string } = {}) {
  const prev = await db
    .selectFrom('application_snapshots')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('application_id', '=', applicationId)
    .executeTakeFirst();
  const snapSeq = Number(prev?.seq ?? 0) + 1;
  const working = { ...(await workingCopy(db, applicationId)), revision: snapSeq };
  const content = JSON.stringify(working);
  const sha256 = createHash('sha256').update(content).update(applicationId).digest('hex');
  const id = randomUUID();
  const at = new Date('2026-06-01T00:00:00Z').toISOString();
  const createdBy = opts.createdBy ?? 'factory';
  await db
    .insertInto('application_snapshots')
    .values({ id, application_id: applicationId, seq: snapSeq, content, sha256, created_by: createdBy, created_at: at })
    .execute();
  await db
    .insertInto('pledges')
    .values({
      id: randomUUID(),
      application_id: applicationId,
      snapshot_id: id,
      snapshot_sha256: sha256,
      signer_name: '王建国',
      user_id: createdBy,
      signed_at: at,
    })
    .execute();
  await db.updateTable('applications').set({ current_snapshot_id: id }).where('id', '=', applicationId).execute();
  await setWorkingCopy(db, applicationId, working);
  return { id, sha256, seq: snapSeq };
}
