import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import { hashPassword } from '../../src/server/auth/password.js';
import { leafHash } from '../../src/server/audit/canonical.js';
import { canonicalJson, sha256Hex } from '../../src/server/commands/applications/canonicalJson.js';
import type { Db, Trx } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import type { DB } from '../../src/server/db/schema.js';
import { endOfBeijingDay } from '../../src/server/db/seed/demo-batch.js';
import {
  JIANGSU_ID,
  JS_CENTRE_ID,
  JS_DEPT_ID,
  MINISTRY_ID,
  seedReferenceOrgs,
} from '../../src/server/db/seed/reference-orgs.js';
import { applicantPledgeText } from '../../src/domain/pledges.js';
import {
  findTransition,
  type ApplicationAction,
  type ApplicationStatus,
  type Transition,
} from '../../src/domain/workflow.js';
import type { Role } from '../../src/domain/roles.js';
import { reminders } from '../../src/server/notifications/messages.js';
import { reminderKindAt } from '../../src/server/notifications/reminders.js';
import { buildContent } from './content.js';
import { benchCities, BENCH_PROVINCES, type BenchCity } from './regions.js';
import { personName, Rng, unitNames, uscc, type UnitNames } from './names.js';

/**
 * Seeds the bench data set straight into the database with the server's own modules (migrations,
 * reference organisations, the password hash, the audit hash, canonical JSON) before the server starts:
 * city bureaus of every province, their staff, applicant units with one account each, and applications
 * in two batches — last year's, closed, in end states, and this year's on its applicant deadline day —
 * each with the timeline, snapshots, pledges, dispatches and audit chain its status implies.
 * Rows go in with multi-row INSERTs, one transaction per 5,000 applications.
 */

export const BENCH_PASSWORD = 'Bench@2026js';
export const CURRENT_BATCH = 'bench-batch-2026';
export const PREVIOUS_BATCH = 'bench-batch-2025';
const CURRENT_BATCH_NAME = '第六批国家专业化众创空间备案示范';
const APPS_PER_TRANSACTION = 5000;
const XLSX_ROWS = 5000;

type Status = ApplicationStatus;
type Row<T extends keyof DB> = Insertable<DB[T]>;

/** The actions that lead from a draft to each status (the workflow table's only road there). */
const PATHS: Record<Status, ApplicationAction[]> = {
  draft: [],
  submitted: ['submit'],
  withdrawn: ['submit', 'withdraw'],
  returned: ['submit', 'return'],
  declined: ['submit', 'decline'],
  recommended: ['submit', 'recommend'],
  dispatched_to_province: ['submit', 'recommend', 'dispatch_to_province'],
  correction_requested: ['submit', 'recommend', 'dispatch_to_province', 'request_correction'],
  accepted: ['submit', 'recommend', 'dispatch_to_province', 'accept'],
  province_recommended: ['submit', 'recommend', 'dispatch_to_province', 'accept', 'province_recommend'],
  province_declined: ['submit', 'recommend', 'dispatch_to_province', 'accept', 'province_decline'],
  dispatched_to_ministry: [
    'submit',
    'recommend',
    'dispatch_to_province',
    'accept',
    'province_recommend',
    'dispatch_to_ministry',
  ],
  filed: [
    'submit',
    'recommend',
    'dispatch_to_province',
    'accept',
    'province_recommend',
    'dispatch_to_ministry',
    'file',
  ],
  not_filed: [
    'submit',
    'recommend',
    'dispatch_to_province',
    'accept',
    'province_recommend',
    'dispatch_to_ministry',
    'reject',
  ],
  cancelled: ['submit', 'recommend', 'dispatch_to_province', 'accept', 'cancel_for_dishonesty'],
};

/** This year's batch on the applicant deadline day: most are still drafts or just submitted. */
const CURRENT_MIX: [Status, number][] = [
  ['draft', 35],
  ['submitted', 30],
  ['returned', 5],
  ['withdrawn', 2],
  ['declined', 2],
  ['recommended', 14],
  ['dispatched_to_province', 8],
  ['accepted', 3],
  ['correction_requested', 1],
];
/** Last year's batch, closed: where applications end. */
const PREVIOUS_MIX: [Status, number][] = [
  ['draft', 5],
  ['withdrawn', 5],
  ['returned', 3],
  ['declined', 15],
  ['province_declined', 15],
  ['not_filed', 15],
  ['filed', 40],
  ['cancelled', 2],
];
const REVIEW_COMMENTS = [
  '请补充近三年服务成效的佐证材料。',
  '专业化特色不够突出，请进一步凝练。',
  '运营主体信息与营业执照不一致，请核对。',
  '场地面积数据与附件不符，请修改。',
];

const cumulative = (mix: [Status, number][]) => {
  let sum = 0;
  return mix.map(([, w]) => (sum += w));
};

/** Who does what in the seeded timelines, and the accounts the benchmarks log in as. */
interface Staff {
  reviewer: Map<string, { id: string; username: string }>;
  approver: Map<string, { id: string; username: string }>;
  clerk: Map<string, { id: string; orgId: string }>;
  officer: Map<string, { id: string; orgId: string }>;
  ministry: { id: string };
}

export interface AutosaveUser {
  username: string;
  appId: string;
  version: number;
  basicInfo: Record<string, unknown>;
}

export interface SeedResult {
  ms: number;
  counts: Record<string, number>;
  /** B1: 200 applicants with a complete draft each. */
  autosave: AutosaveUser[];
  /** B1 baseline: 200 other drafts, updated by the baseline server. */
  baselineAutosave: { appId: string; version: number; basicInfo: Record<string, unknown> }[];
  /** B1 floor: 200 more drafts, saved by the baseline server with the application's own SQL. */
  floorAutosave: { appId: string; version: number; basicInfo: Record<string, unknown> }[];
  /** B3: 1,000 applicants with a complete draft valid for submission. */
  storm: { username: string; appId: string }[];
  /** B2/B4: the city with the most submitted applications, its reviewer and approver. */
  reviewer: { username: string; approver: string; cityId: string; cityName: string; q: string };
  /** B4: submitted applications of that city (PDF) and 50 recommended ones (a dispatch). */
  pdfAppIds: string[];
  recommendedAppIds: string[];
  /** B4: a province officer and the number of its province's applications after submission in this batch (~5,000). */
  provinceOfficer: { username: string; provinceId: string; rows: number };
  ministryUsername: string;
}

async function insertMany<T extends keyof DB>(trx: Trx, table: T, rows: Row<T>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!).length;
  const chunk = Math.max(1, Math.floor(16_000 / columns));
  for (let i = 0; i < rows.length; i += chunk) {
    // Kysely cannot relate a generic table name to its row type; the rows are typed by the caller.
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + chunk) as never)
      .execute();
  }
}

/** The whole data set. `apps` is 100,000 for the benchmark (less for a quick try with BENCH_APPS). */
export async function seedBench(db: Db, opts: { apps: number; now: Date; seed?: number }): Promise<SeedResult> {
  const t0 = Date.now();
  const { now } = opts;
  const at = now.toISOString();
  const r = new Rng(opts.seed ?? 20261128);
  await migrateToLatest(db);
  await seedReferenceOrgs(db, now);
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const cities = benchCities();
  const cityCum: number[] = [];
  cities.reduce((s, c) => (cityCum.push(s + c.weight), s + c.weight), 0);
  const counts: Record<string, number> = {};
  const count = (k: string, n: number) => (counts[k] = (counts[k] ?? 0) + n);

  const users: Row<'users'>[] = [];
  const roles: Row<'user_roles'>[] = [];
  const addUser = (username: string, orgId: string, role: Role, name = personName(r)) => {
    const id = randomUUID();
    users.push({
      id,
      username,
      display_name: name,
      password_hash: passwordHash,
      org_id: orgId,
      status: 'active',
      must_change_password: 0,
      failed_login_count: 0,
      locked_until: null,
      password_changed_at: at,
      last_login_at: null,
      mobile: null,
      email: null,
      created_at: at,
      updated_at: at,
      version: 1,
    });
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
  users.length = 0;
  roles.length = 0;

  // ---- applications ----
  const nCurrent = Math.round(opts.apps * 0.75);
  const numbers = new Map<string, number>();
  const nextNumber = (year: number, city: BenchCity) => {
    const key = `${year}-${city.code}`;
    const n = (numbers.get(key) ?? 0) + 1;
    numbers.set(key, n);
    return `${key}-${String(n).padStart(4, '0')}`;
  };
  const units: { id: string; uscc: string; city: BenchCity; userId: string; username: string; operatorName: string }[] =
    [];
  const appliedLastYear = new Set<string>();
  let unitSerial = 0;
  const dispatchGroups = new Map<
    string,
    { level: string; batch: string; fromOrg: string; provinceId: string; apps: string[] }
  >();
  const result: Omit<SeedResult, 'ms' | 'counts'> = {
    autosave: [],
    baselineAutosave: [],
    floorAutosave: [],
    storm: [],
    reviewer: { username: '', approver: '', cityId: '', cityName: '', q: '' },
    pdfAppIds: [],
    recommendedAppIds: [],
    provinceOfficer: { username: '', provinceId: '', rows: 0 },
    ministryUsername: 'bench-ministry',
  };
  /** Complete drafts of this year's batch: candidates for B1 and B3. */
  const completeDrafts: { appId: string; username: string; city: BenchCity; basicInfo: Record<string, unknown> }[] = [];
  const submittedByCity = new Map<string, { ids: string[]; brands: string[] }>();
  const recommendedByCity = new Map<string, string[]>();
  const laterByProvince = new Map<string, number>();

  let buf = newBuffers();
  // Generation of the next 5,000 overlaps with the database writing the previous ones (PostgreSQL
  // works in its own process); one transaction at a time.
  let pending: Promise<void> = Promise.resolve();
  const flush = async () => {
    const b = buf;
    buf = newBuffers();
    await pending;
    pending = db.transaction().execute(async (trx) => {
      await insertMany(trx, 'orgs', b.orgs);
      await insertMany(trx, 'users', b.users);
      await insertMany(trx, 'user_roles', b.roles);
      await insertMany(trx, 'applications', b.apps);
      await insertMany(trx, 'application_sections', b.sections);
      await insertMany(trx, 'application_events', b.events);
      await insertMany(trx, 'application_snapshots', b.snapshots);
      await insertMany(trx, 'pledges', b.pledges);
      await insertMany(trx, 'audit_log', b.audit);
      await insertMany(trx, 'reminders_sent', b.reminders);
      await insertMany(trx, 'notifications', b.notifications);
    });
    for (const [k, v] of Object.entries(b)) count(k, v.length);
  };

  for (let i = 0; i < opts.apps; i++) {
    const current = i < nCurrent;
    const batchId = current ? CURRENT_BATCH : PREVIOUS_BATCH;
    const year = current ? 2026 : 2025;
    // A unit: new for each of this year's applications; last year's reuse one 60% of the time.
    let unit = !current && units.length > 0 && r.chance(0.6) ? units[r.int(0, units.length - 1)]! : undefined;
    if (unit && appliedLastYear.has(unit.id)) unit = undefined;
    let names: UnitNames;
    if (unit) {
      names = { ...unitNames(r, unit.city.word, unit.city.name), operatorName: unit.operatorName };
    } else {
      const city = cities[r.weighted(cityCum)]!;
      names = unitNames(r, city.word, city.name);
      const code = uscc(city.code, ++unitSerial);
      const id = randomUUID();
      const username = `a${unitSerial}`;
      unit = { id, uscc: code, city, userId: randomUUID(), username, operatorName: names.operatorName };
      buf.orgs.push({
        id,
        parent_id: city.id,
        kind: 'applicant_unit',
        name: names.operatorName,
        short_name: null,
        region_code: city.code,
        uscc: code,
        province_id: city.provinceId,
        city_id: city.id,
        sort_order: 0,
        created_at: at,
        updated_at: at,
      });
      buf.users.push({
        id: unit.userId,
        username,
        display_name: personName(r),
        password_hash: passwordHash,
        org_id: id,
        status: 'active',
        must_change_password: 0,
        failed_login_count: 0,
        locked_until: null,
        password_changed_at: at,
        last_login_at: null,
        mobile: null,
        email: null,
        created_at: at,
        updated_at: at,
        version: 1,
      });
      buf.roles.push({ user_id: unit.userId, role: 'applicant' });
      if (current) units.push(unit);
    }
    if (!current) appliedLastYear.add(unit.id);
    const city = unit.city;
    const mix = current ? CURRENT_MIX : PREVIOUS_MIX;
    const status = mix[r.weighted(current ? CUR_CUM : PREV_CUM)]![0];
    const complete = status !== 'draft' || r.chance(current ? 0.6 : 0.3);
    const content = buildContent(r, {
      names,
      uscc: unit.uscc,
      cityWord: city.word,
      cityName: city.name,
      complete,
    });
    const appId = randomUUID();
    // The timeline: created some days ago, each step some hours after the one before.
    const start = current
      ? now.getTime() - r.int(2, 40) * 86_400_000
      : Date.parse('2025-05-01T00:00:00Z') + r.int(0, 60) * 86_400_000;
    let t = start;
    const events: {
      action: string;
      from: Status | null;
      to: Status;
      at: string;
      actor: string;
      actorOrg: string;
      role: string;
      comment: string | null;
    }[] = [
      {
        action: 'create',
        from: null,
        to: 'draft',
        at: new Date(t).toISOString(),
        actor: unit.userId,
        actorOrg: unit.id,
        role: 'applicant',
        comment: null,
      },
    ];
    let state: Status = 'draft';
    for (const action of PATHS[status]) {
      const tr: Transition = findTransition(state, action)!;
      const stepMs = current ? r.int(1, 48) * 3_600_000 : r.int(1, 20) * 86_400_000;
      t = Math.min(t + stepMs, current ? now.getTime() - r.int(1, 3600) * 1000 : Date.parse('2025-12-20T00:00:00Z'));
      const actor = actorFor(action, unit, city, staff);
      events.push({
        action,
        from: state,
        to: tr.to,
        at: new Date(t).toISOString(),
        actor: actor.id,
        actorOrg: actor.orgId,
        role: actor.role,
        comment: tr.commentRequired ? r.pick(REVIEW_COMMENTS) : null,
      });
      state = tr.to;
    }
    // The working copy, one row per section (as the application stores it).
    for (const [section, value] of Object.entries(content))
      if (value != null) buf.sections.push({ application_id: appId, section, content: JSON.stringify(value) });
    let number: string | null = null;
    let snapshotId: string | null = null;
    let submittedAt: string | null = null;
    const submit = events.find((e) => e.action === 'submit');
    if (submit) {
      number = nextNumber(year, city);
      snapshotId = randomUUID();
      submittedAt = submit.at;
      const snapshotJson = canonicalJson({ ...content, files: [] });
      const sha = sha256Hex(snapshotJson);
      buf.snapshots.push({
        id: snapshotId,
        application_id: appId,
        seq: 1,
        content: snapshotJson,
        sha256: sha,
        created_by: unit.userId,
        created_at: submit.at,
      });
      buf.pledges.push({
        id: randomUUID(),
        application_id: appId,
        snapshot_id: snapshotId,
        snapshot_sha256: sha,
        signer_name: (content.basicInfo as { legalRepresentative: { name: string } }).legalRepresentative.name,
        user_id: unit.userId,
        signed_at: submit.at,
        text_id: applicantPledgeText.id,
      });
    }
    const last = events[events.length - 1]!;
    buf.apps.push({
      id: appId,
      batch_id: batchId,
      unit_id: unit.id,
      city_id: city.id,
      province_id: city.provinceId,
      status,
      version: events.length,
      number,
      space_name: names.spaceName,
      uscc: unit.uscc,
      current_snapshot_id: snapshotId,
      submitted_at: submittedAt,
      created_by: unit.userId,
      created_at: events[0]!.at,
      updated_at: last.at,
    });
    events.forEach((e, k) => {
      const eventId = randomUUID();
      buf.events.push({
        id: eventId,
        application_id: appId,
        action: e.action,
        from_status: e.from,
        to_status: e.to,
        actor_id: e.actor,
        actor_org_id: e.actorOrg,
        actor_role: e.role,
        comment: e.comment,
        at: e.at,
        seq: k + 1,
      });
      const record = {
        at: e.at,
        actor_id: e.actor,
        actor_name: null,
        actor_role: e.role,
        org_id: e.actorOrg,
        action: `application.${e.action}`,
        target_type: 'application',
        target_id: appId,
        outcome: 'success',
        ip: '10.0.0.1',
        request_id: eventId,
        summary: JSON.stringify(e.action === 'create' ? {} : { from: e.from, to: e.to }),
      };
      buf.audit.push({ ...record, prev_hash: '', hash: leafHash(record) });
    });
    // Deadline day: the 7-day and 1-day reminders went out when their windows opened, one per
    // applicant account with a draft or returned application (what the reminder job leaves behind).
    if (current && (status === 'draft' || status === 'returned')) {
      const d = applicantDeadlines.get(city.id)!;
      const due = new Date(d.due_at);
      const kinds =
        reminderKindAt(due, now) === 'reminder_1d'
          ? (['reminder_7d', 'reminder_1d'] as const)
          : (['reminder_7d'] as const);
      for (const kind of kinds) {
        const sentAt = new Date(due.getTime() - (kind === 'reminder_1d' ? 1 : 7) * 86_400_000 + 60_000).toISOString();
        buf.reminders.push({ deadline_key: `${d.id}@${d.due_at}`, kind, user_id: unit.userId, sent_at: sentAt });
        const message = reminders.applicant(
          kind,
          {
            id: appId,
            spaceName: names.spaceName,
            number: null,
            unitName: unit.operatorName,
            cityName: city.name,
            cityOrgName: city.orgName,
            batchName: CURRENT_BATCH_NAME,
          },
          due,
          status,
        );
        buf.notifications.push({
          id: randomUUID(),
          user_id: unit.userId,
          kind: message.kind,
          subject: message.subject,
          body: message.body,
          link: message.link,
          application_id: message.applicationId ?? appId,
          created_at: sentAt,
          read_at: r.chance(0.5) ? sentAt : null,
        });
      }
    }
    // Dispatches the timeline implies: a city's to the province, a province's to the Ministry.
    if (PATHS[status].includes('dispatch_to_province')) {
      const key = `${batchId}|city|${city.id}`;
      const g = dispatchGroups.get(key) ?? {
        level: 'city',
        batch: batchId,
        fromOrg: city.id,
        provinceId: city.provinceId,
        apps: [],
      };
      g.apps.push(appId);
      dispatchGroups.set(key, g);
    }
    if (PATHS[status].includes('dispatch_to_ministry')) {
      const key = `${batchId}|province|${city.provinceId}`;
      const g = dispatchGroups.get(key) ?? {
        level: 'province',
        batch: batchId,
        fromOrg: city.provinceId,
        provinceId: city.provinceId,
        apps: [],
      };
      g.apps.push(appId);
      dispatchGroups.set(key, g);
    }
    if (current) {
      if (status === 'draft' && complete)
        completeDrafts.push({
          appId,
          username: unit.username,
          city,
          basicInfo: content.basicInfo as Record<string, unknown>,
        });
      if (status === 'submitted') {
        const s = submittedByCity.get(city.id) ?? { ids: [], brands: [] };
        s.ids.push(appId);
        s.brands.push(names.brand);
        submittedByCity.set(city.id, s);
      }
      if (status === 'recommended') recommendedByCity.set(city.id, [...(recommendedByCity.get(city.id) ?? []), appId]);
      if (status !== 'draft' && status !== 'withdrawn')
        laterByProvince.set(city.provinceId, (laterByProvince.get(city.provinceId) ?? 0) + 1);
    }
    if (buf.apps.length >= APPS_PER_TRANSACTION) await flush();
  }
  await flush();
  await pending;

  // ---- dispatches ----
  const dispatches: Row<'dispatches'>[] = [];
  const items: Row<'dispatch_items'>[] = [];
  for (const g of dispatchGroups.values()) {
    const id = randomUUID();
    const fromCity = g.level === 'city';
    const sender = fromCity ? staff.approver.get(g.fromOrg)!.id : staff.officer.get(g.provinceId)!.id;
    const receiver = fromCity ? staff.clerk.get(g.provinceId)!.id : staff.ministry.id;
    dispatches.push({
      id,
      batch_id: g.batch,
      level: g.level,
      from_org_id: g.fromOrg,
      province_id: g.provinceId,
      status: 'received',
      supplementary: 0,
      letter: `现将我单位推荐的${g.apps.length}家专业化众创空间备案申报材料报送贵单位，请予审核。`,
      created_by: sender,
      created_at: at,
      sent_by: sender,
      sent_at: at,
      pledge_signer_name: personName(r),
      received_by: receiver,
      received_at: at,
      updated_at: at,
      version: 3,
    });
    g.apps.forEach((appId, k) => items.push({ dispatch_id: id, application_id: appId, rank: k + 1 }));
  }
  await db.transaction().execute(async (trx) => {
    await insertMany(trx, 'dispatches', dispatches);
    await insertMany(trx, 'dispatch_items', items);
  });
  count('dispatches', dispatches.length);
  count('dispatch_items', items.length);

  // ---- what the benchmarks use ----
  const [topCity] = [...submittedByCity.entries()].sort((a, b) => b[1].ids.length - a[1].ids.length);
  if (!topCity) throw new Error('the data set has no submitted application');
  const cityInfo = cities.find((c) => c.id === topCity[0])!;
  const brands = topCity[1].brands;
  const brandCount = new Map<string, number>();
  for (const b of brands) brandCount.set(b, (brandCount.get(b) ?? 0) + 1);
  result.reviewer = {
    username: staff.reviewer.get(cityInfo.id)!.username,
    approver: staff.approver.get(cityInfo.id)!.username,
    cityId: cityInfo.id,
    cityName: cityInfo.name,
    // A name a reviewer would type: one of the brand words of the city's spaces (a handful match).
    q: [...brandCount.entries()].sort((a, b) => b[1] - a[1])[Math.min(5, brandCount.size - 1)]![0],
  };
  result.pdfAppIds = topCity[1].ids.slice(0, 20);
  result.recommendedAppIds = (recommendedByCity.get(cityInfo.id) ?? []).slice(0, 50);
  // The 汇总表 of the province whose applications after submission come closest to 5,000.
  const [topProvince] = [...laterByProvince.entries()].sort(
    (a, b) => Math.abs(a[1] - XLSX_ROWS * (opts.apps / 100_000)) - Math.abs(b[1] - XLSX_ROWS * (opts.apps / 100_000)),
  );
  const province = BENCH_PROVINCES.find((p) => p.id === topProvince![0])!;
  result.provinceOfficer = { username: `po-${province.code}`, provinceId: province.id, rows: topProvince![1] };

  // B3 takes one province's complete drafts (deadline day in one province: numbers contend per city),
  // topped up from elsewhere; B1 and its baseline take 200 each from the rest, across the country.
  // A small data set (BENCH_APPS of a few thousand) has fewer than 1,600 complete drafts: B3 then
  // leaves B1 its 600 (or half of the drafts), so that B1 still has applicants to save.
  const shuffled = r.sample(completeDrafts, completeDrafts.length);
  const forB1 = Math.min(600, Math.floor(shuffled.length / 2));
  const stormSize = Math.min(1000, shuffled.length - forB1);
  const inJiangsu = shuffled.filter((d) => d.city.provinceId === JIANGSU_ID);
  const storm = [...inJiangsu, ...shuffled.filter((d) => d.city.provinceId !== JIANGSU_ID)].slice(0, stormSize);
  const taken = new Set(storm.map((d) => d.appId));
  const rest = shuffled.filter((d) => !taken.has(d.appId));
  result.storm = storm.map((d) => ({ username: d.username, appId: d.appId }));
  const each = Math.min(200, Math.floor(rest.length / 3));
  result.autosave = rest
    .slice(0, each)
    .map((d) => ({ username: d.username, appId: d.appId, version: 1, basicInfo: d.basicInfo }));
  result.baselineAutosave = rest
    .slice(each, 2 * each)
    .map((d) => ({ appId: d.appId, version: 1, basicInfo: d.basicInfo }));
  result.floorAutosave = rest
    .slice(2 * each, 3 * each)
    .map((d) => ({ appId: d.appId, version: 1, basicInfo: d.basicInfo }));
  return { ms: Date.now() - t0, counts, ...result };
}

const CUR_CUM = cumulative(CURRENT_MIX);
const PREV_CUM = cumulative(PREVIOUS_MIX);

function newBuffers() {
  return {
    orgs: [] as Row<'orgs'>[],
    users: [] as Row<'users'>[],
    roles: [] as Row<'user_roles'>[],
    apps: [] as Row<'applications'>[],
    sections: [] as Row<'application_sections'>[],
    events: [] as Row<'application_events'>[],
    snapshots: [] as Row<'application_snapshots'>[],
    pledges: [] as Row<'pledges'>[],
    audit: [] as Row<'audit_log'>[],
    reminders: [] as Row<'reminders_sent'>[],
    notifications: [] as Row<'notifications'>[],
  };
}

function actorFor(
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
