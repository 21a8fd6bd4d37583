import { randomUUID } from 'node:crypto';
import { leafHash } from '../../src/server/audit/canonical.js';
import { canonicalJson, sha256Hex } from '../../src/server/commands/applications/canonicalJson.js';
import type { Db } from '../../src/server/db/database.js';
import { applicantPledgeText } from '../../src/domain/pledges.js';
import { reminders } from '../../src/server/notifications/messages.js';
import { reminderKindAt } from '../../src/server/notifications/reminders.js';
import { buildContent } from './content.js';
import type { BenchCity } from './regions.js';
import { personName, type Rng, unitNames, uscc, type UnitNames } from './names.js';
import { insertMany, type Row } from './seedRows.js';
import { CURRENT_BATCH, CURRENT_BATCH_NAME, PREVIOUS_BATCH, type Staff, userRow } from './seedOrgs.js';
import { buildTimeline, PATHS, pickStatus } from './seedTimeline.js';

/**
 * The bench's applicant units and applications: one account per unit, and for each application its
 * working copy, timeline, snapshot and pledge, audit chain and the deadline reminders it implies.
 * Rows go in with multi-row INSERTs, one transaction per 5,000 applications.
 */

const APPS_PER_TRANSACTION = 5000;

/** The applications a city sends to its province, or a province to the Ministry, in one batch. */
export interface DispatchGroup {
  level: string;
  batch: string;
  fromOrg: string;
  provinceId: string;
  apps: string[];
}

/** What the benchmarks pick their applications and accounts from. */
export interface SeededApplications {
  dispatchGroups: Map<string, DispatchGroup>;
  /** Complete drafts of this year's batch: candidates for B1 and B3. */
  completeDrafts: { appId: string; username: string; city: BenchCity; basicInfo: Record<string, unknown> }[];
  submittedByCity: Map<string, { ids: string[]; brands: string[] }>;
  recommendedByCity: Map<string, string[]>;
  laterByProvince: Map<string, number>;
}

/** Generates and writes `apps` applications, 75% in this year's batch, the rest in last year's. */
export async function seedApplications(
  db: Db,
  opts: {
    apps: number;
    now: Date;
    r: Rng;
    passwordHash: string;
    cities: BenchCity[];
    staff: Staff;
    applicantDeadlines: Map<string, Row<'deadlines'>>;
    count: (table: string, n: number) => void;
  },
): Promise<SeededApplications> {
  const { now, r, passwordHash, cities, staff, applicantDeadlines, count } = opts;
  const at = now.toISOString();
  const cityCum: number[] = [];
  cities.reduce((s, c) => (cityCum.push(s + c.weight), s + c.weight), 0);
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
  const dispatchGroups = new Map<string, DispatchGroup>();
  const completeDrafts: SeededApplications['completeDrafts'] = [];
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
      buf.users.push(userRow({ id: unit.userId, username, displayName: personName(r), orgId: id, passwordHash, at }));
      buf.roles.push({ user_id: unit.userId, role: 'applicant' });
      if (current) units.push(unit);
    }
    if (!current) appliedLastYear.add(unit.id);
    const city = unit.city;
    const status = pickStatus(r, current);
    const complete = status !== 'draft' || r.chance(current ? 0.6 : 0.3);
    const content = buildContent(r, {
      names,
      uscc: unit.uscc,
      cityWord: city.word,
      cityName: city.name,
      complete,
    });
    const appId = randomUUID();
    const events = buildTimeline(r, { status, current, now, unit, city, staff });
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
  return { dispatchGroups, completeDrafts, submittedByCity, recommendedByCity, laterByProvince };
}

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
