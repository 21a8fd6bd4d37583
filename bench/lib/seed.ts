import type { Db } from '../../src/server/db/database.js';
import { hashPassword } from '../../src/server/auth/password.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { JIANGSU_ID, seedReferenceOrgs } from '../../src/server/db/seed/reference-orgs.js';
import { benchCities, BENCH_PROVINCES } from './regions.js';
import { Rng } from './names.js';
import { seedApplications } from './seedApplications.js';
import { seedDispatches } from './seedDispatches.js';
import { seedOrgsAndStaff } from './seedOrgs.js';

/**
 * Seeds the bench data set straight into the database with the server's own modules (migrations,
 * reference organisations, the password hash, the audit hash, canonical JSON) before the server starts:
 * city bureaus of every province, their staff (seedOrgs.ts), applicant units with one account each, and
 * applications in two batches — last year's, closed, in end states, and this year's on its applicant
 * deadline day — each with the timeline, snapshots, pledges and audit chain its status implies
 * (seedApplications.ts, seedTimeline.ts), and the dispatches (seedDispatches.ts).
 * Rows go in with multi-row INSERTs, one transaction per 5,000 applications.
 */

export { CURRENT_BATCH, PREVIOUS_BATCH } from './seedOrgs.js';
export const BENCH_PASSWORD = 'Bench@2026js';
const XLSX_ROWS = 5000;

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

/** The whole data set. `apps` is 100,000 for the benchmark (less for a quick try with BENCH_APPS). */
export async function seedBench(db: Db, opts: { apps: number; now: Date; seed?: number }): Promise<SeedResult> {
  const t0 = Date.now();
  const { now } = opts;
  const r = new Rng(opts.seed ?? 20261128);
  await migrateToLatest(db);
  await seedReferenceOrgs(db, now);
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const cities = benchCities();
  const counts: Record<string, number> = {};
  const count = (k: string, n: number) => (counts[k] = (counts[k] ?? 0) + n);

  const { staff, applicantDeadlines } = await seedOrgsAndStaff(db, { now, r, passwordHash, cities, count });
  const { dispatchGroups, completeDrafts, submittedByCity, recommendedByCity, laterByProvince } =
    await seedApplications(db, {
      apps: opts.apps,
      now,
      r,
      passwordHash,
      cities,
      staff,
      applicantDeadlines,
      count,
    });
  await seedDispatches(db, { now, r, staff, groups: dispatchGroups.values(), count });

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
