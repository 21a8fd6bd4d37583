import { expect, it } from 'vitest';
import { rng, TextGenerator } from '../../bench/lib/similarityCorpus.js';
import { markReportPending } from '../../src/server/repositories/similarity.js';
import { CHECK_FAILED_MESSAGE, runDueChecks } from '../../src/server/similarity/checks.js';
import { executeRun, MAX_RUN_ATTEMPTS, RUN_LOST_MESSAGE, runQueuedRuns } from '../../src/server/similarity/runs.js';
import { similarityIdle } from '../../src/server/similarity/scheduler.js';
import { describeEachDb, type Client } from '../helpers/env.js';
import {
  generatedNarrative,
  similarityReport,
  submitNarrative,
  type GeneratedNarrative,
} from '../helpers/similarity.js';
import { act, completeContent, PLEDGE } from '../helpers/applications.js';
import {
  buildApplicant,
  buildBatch,
  buildCityReviewer,
  buildMinistryOfficer,
  buildProvinceOfficer,
  buildUser,
  NANJING,
  SUZHOU,
} from '../factories.js';

const gen = new TextGenerator(rng(2026));
const NOTICE_QUOTE = '申报单位对申报材料的真实性负责，凡弄虚作假的一经查实取消备案资格并记入科研诚信记录';

const narrative = (parts: { hostOverview?: string; currentStatus?: string } = {}) => generatedNarrative(gen, parts);

describeEachDb('查重 (similarity)', (env) => {
  let batch: string;
  let oldBatch: string;
  let province: Client;
  let ministry: Client;
  let njReviewer: Client;
  let szReviewer: Client;

  const submitWith = (
    n: GeneratedNarrative,
    opts: { city?: string; batchId?: string; applicant?: Awaited<ReturnType<typeof buildApplicant>> } = {},
  ) => submitNarrative(env(), opts.batchId ?? batch, n, opts);
  const report = similarityReport;

  it('sets up', async () => {
    const { db } = env();
    batch = (await buildBatch(db)).id;
    oldBatch = (await buildBatch(db, { name: '2025年度批次' })).id;
    await db.updateTable('batches').set({ year: 2025 }).where('id', '=', oldBatch).execute();
    await db
      .updateTable('batches')
      .set({ notice_text: `各单位注意：${NOTICE_QUOTE}。` })
      .where('id', 'in', [batch, oldBatch])
      .execute();
    province = await env().login((await buildProvinceOfficer(db)).username);
    ministry = await env().login((await buildMinistryOfficer(db)).username);
    njReviewer = await env().login((await buildCityReviewer(db, NANJING)).username);
    szReviewer = await env().login((await buildCityReviewer(db, SUZHOU)).username);
  });

  it('an original application scores 0; an exact copy of a section is found, with its passage and source', async () => {
    const copied = gen.text(600);
    const a = await submitWith(narrative({ hostOverview: copied }));
    const first = await report(njReviewer, a.id);
    expect(first.status).toBe('ready');
    expect(first.overall).toBe(0);
    expect(first.sources).toEqual([]);

    const b = await submitWith(narrative({ currentStatus: copied }));
    const r = await report(njReviewer, b.id);
    expect(r.status).toBe('ready');
    expect(r.computedAt).toEqual(expect.any(String));
    expect(r.overall).toBeGreaterThan(0.15);
    expect(r.overall).toBeLessThan(0.3);
    expect(r.maxSingleSource).toBe(r.overall);
    expect(r.overallExcludingSameUnit).toBe(r.overall);
    expect(r.sections.find((s: { key: string }) => s.key === 'currentStatus').ratio).toBeGreaterThan(0.98);
    expect(r.sections.find((s: { key: string }) => s.key === 'hostOverview').ratio).toBe(0);
    expect(r.sources).toHaveLength(1);
    expect(r.sources[0]).toMatchObject({ applicationId: a.id, cityName: '南京市', sameUnit: false, canOpen: true });
    expect(r.sources[0].number).toEqual(expect.any(String));
    expect(r.sources[0].year).toBe(2026);
    expect(r.passages).toHaveLength(1);
    expect(r.passages[0]).toMatchObject({
      section: 'currentStatus',
      source: { applicationId: a.id, section: 'hostOverview' },
    });
    expect(copied).toContain(r.passages[0].text);
    expect(r.passages[0].text.length).toBeGreaterThan(590);
  });

  it('a lightly edited copy is one passage; a short copy (13–40 characters) is found', async () => {
    const original = gen.text(500);
    const shortCopy = '依托龙头企业构建技术平台专业导师产业资本市场渠道'; // 24 characters
    const a = await submitWith(narrative({ hostOverview: original + shortCopy }));
    const b = await submitWith(
      narrative({ hostOverview: gen.edit(original, 0.03), currentStatus: gen.text(200) + shortCopy + gen.text(200) }),
    );
    const r = await report(province, b.id);
    const fromA = r.passages.filter((p: { source: { applicationId: string } }) => p.source.applicationId === a.id);
    expect(fromA.filter((p: { section: string }) => p.section === 'hostOverview')).toHaveLength(1);
    const short = fromA.find((p: { section: string }) => p.section === 'currentStatus');
    expect(short.text).toBe(shortCopy);
    expect(r.sources.find((s: { applicationId: string }) => s.applicationId === a.id).matchedChars).toBeGreaterThan(
      440,
    );
  });

  it('cross-city and cross-year: sources outside the viewer’s jurisdiction show number, name and city only', async () => {
    const copied = gen.text(500);
    const old = await submitWith(narrative({ hostOverview: copied }), { city: SUZHOU, batchId: oldBatch });
    const b = await submitWith(narrative({ hostOverview: copied }));
    const nj = await report(njReviewer, b.id);
    const src = nj.sources.find((s: { applicationId: string }) => s.applicationId === old.id);
    expect(src).toMatchObject({ cityName: '苏州市', canOpen: false, unitName: null, batchName: null, year: null });
    expect(src.number).toEqual(expect.any(String));
    expect(src.spaceName).toEqual(expect.any(String));
    const pv = await report(province, b.id);
    const full = pv.sources.find((s: { applicationId: string }) => s.applicationId === old.id);
    expect(full).toMatchObject({ canOpen: true, year: 2025, batchName: '2025年度批次' });
    expect(full.unitName).toEqual(expect.any(String));
    // The Suzhou reviewer may not open the Nanjing application at all.
    expect((await szReviewer.get(`/api/applications/${b.id}/similarity`)).statusCode).toBe(404);
  });

  it('same unit: a resubmission-like copy from the unit’s earlier application is excluded from the second figure', async () => {
    const applicant = await buildApplicant(env().db, { cityOrgId: NANJING });
    const copied = gen.text(800);
    await submitWith(narrative({ hostOverview: copied }), { applicant, batchId: oldBatch });
    const b = await submitWith(narrative({ hostOverview: copied }), { applicant });
    const r = await report(ministry, b.id);
    expect(r.overall).toBeGreaterThan(0.2);
    expect(r.overallExcludingSameUnit).toBe(0);
    expect(r.sources[0].sameUnit).toBe(true);
  });

  it('quotes of the official text are not counted', async () => {
    const a = await submitWith(narrative({ hostOverview: gen.text(300) + NOTICE_QUOTE + gen.text(300) }));
    const b = await submitWith(narrative({ hostOverview: gen.text(300) + NOTICE_QUOTE + gen.text(300) }));
    const r = await report(province, b.id);
    expect(r.sources.map((s: { applicationId: string }) => s.applicationId)).not.toContain(a.id);
    expect(r.overall).toBe(0);
  });

  it('boilerplate common to many applications is not counted (threshold set by the province)', async () => {
    const bad = await province.put(`/api/batches/${batch}/similarity-settings`, {
      pairThreshold: 2,
      boilerplateMinDocs: 3,
    });
    expect(bad.statusCode).toBe(422);
    const res = await province.put(`/api/batches/${batch}/similarity-settings`, {
      pairThreshold: 0.3,
      boilerplateMinDocs: 3,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(
      (await njReviewer.put(`/api/batches/${batch}/similarity-settings`, { pairThreshold: 0.3, boilerplateMinDocs: 3 }))
        .statusCode,
    ).toBe(403);
    const boilerplate = gen.text(200);
    const ids = [];
    for (let i = 0; i < 4; i++)
      ids.push((await submitWith(narrative({ hostOverview: boilerplate + gen.text(400) }))).id);
    const r = await report(province, ids[3]!);
    expect(r.overall).toBe(0);
  });

  it('jurisdiction of the view: applicants 403 (own) or 404 (other), others outside (an unassigned expert) 404', async () => {
    const a = await submitWith(narrative());
    expect((await a.client.get(`/api/applications/${a.id}/similarity`)).statusCode).toBe(403);
    const other = await env().login((await buildApplicant(env().db)).username);
    expect((await other.get(`/api/applications/${a.id}/similarity`)).statusCode).toBe(404);
    const expertUser = await buildUser(env().db, { roles: ['expert'], orgId: NANJING });
    const expert = await env().login(expertUser.username);
    expect((await expert.get(`/api/applications/${a.id}/similarity`)).statusCode).toBe(404);
    expect((await env().anonymous().get(`/api/applications/${a.id}/similarity`)).statusCode).toBe(401);
    // The queue's column: figures only for those whose report the viewer may read.
    const figures = async (c: Client) => (await c.get(`/api/similarity-figures?ids=${a.id}`)).json().figures;
    expect(await figures(njReviewer)).toEqual([
      { applicationId: a.id, status: 'ready', overall: 0, overallExcludingSameUnit: 0, maxSingleSource: 0 },
    ]);
    expect(await figures(szReviewer)).toEqual([]);
    expect(await figures(a.client)).toEqual([]);
  });

  it('the queue sorts and filters by 复制比 on the server; applicants may not, and a bad bound is refused', async () => {
    const own = (await buildBatch(env().db)).id;
    const copied = gen.text(600);
    // a's narrative is three times longer, so the passage b copied is a small share of a's text.
    const a = await submitWith(narrative({ hostOverview: copied + gen.text(6000) }), { batchId: own });
    const b = await submitWith(narrative({ hostOverview: copied }), { batchId: own });
    const c = await submitWith(narrative(), { batchId: own });
    const overall = new Map<string, number>();
    for (const x of [a, b, c]) overall.set(x.id, (await report(njReviewer, x.id)).overall as number);
    // b copies a (a's re-checked report lists b too): b's figure is the highest, clear of the others.
    const bound = overall.get(b.id)! / 2;
    expect(overall.get(b.id)!).toBeGreaterThan(0.1);
    expect(Math.max(overall.get(a.id)!, overall.get(c.id)!)).toBeLessThan(bound);
    const list = async (client: Client, query: string) => {
      const res = await client.get(`/api/applications?batchId=${own}&${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { items: { id: string }[]; total: number };
    };
    const desc = await list(njReviewer, 'sort=similarity&order=desc');
    expect(desc.total).toBe(3);
    expect(desc.items[0]!.id).toBe(b.id);
    const asc = await list(njReviewer, 'sort=similarity&order=asc&pageSize=20');
    expect(asc.items.at(-1)!.id).toBe(b.id);
    const above = await list(province, `minSimilarity=${bound}`);
    expect(above.items.map((i) => i.id)).toEqual([b.id]);
    expect(above.total).toBe(1);
    expect((await list(njReviewer, 'minSimilarity=0')).total).toBe(3);
    expect([a.id, c.id]).not.toContain(above.items[0]!.id);
    // The 汇总表 export takes the same filter.
    const xlsx = await province.get(`/api/exports/applications.xlsx?batchId=${own}&minSimilarity=${bound}`);
    expect(xlsx.statusCode).toBe(200);
    // An applicant may not order or filter its list by figures it never sees.
    for (const q of ['sort=similarity', 'minSimilarity=0.1']) {
      const res = await a.client.get(`/api/applications?${q}`);
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().error.message).toContain('复制比');
    }
    expect((await a.client.get(`/api/exports/applications.xlsx?minSimilarity=0.1`)).statusCode).toBe(403);
    const bad = await njReviewer.get(`/api/applications?minSimilarity=2`);
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('复制比下限');
  });

  it('the province runs a full cross-check of the batch with progress; pairs above the threshold are listed', async () => {
    const copied = gen.text(1500);
    const a = await submitWith(narrative({ hostOverview: copied.slice(0, 700), currentStatus: copied.slice(700) }));
    const b = await submitWith(narrative({ hostOverview: copied.slice(0, 700), currentStatus: copied.slice(700) }));
    expect((await njReviewer.post(`/api/batches/${batch}/similarity-runs`)).statusCode).toBe(403);
    const started = await province.post(`/api/batches/${batch}/similarity-runs`);
    expect(started.statusCode, started.body).toBe(202);
    const runId = started.json().run.id;
    await similarityIdle();
    const run = await province.get(`/api/similarity-runs/${runId}`);
    expect(run.statusCode).toBe(200);
    expect(run.json().run).toMatchObject({ status: 'done', progress: 1 });
    expect(run.json().run.total).toBeGreaterThan(5);
    expect((await njReviewer.get(`/api/similarity-runs/${runId}`)).statusCode).toBe(404);
    // After the run, the earlier application also sees the later one.
    const ra = await report(province, a.id);
    expect(ra.sources.map((s: { applicationId: string }) => s.applicationId)).toContain(b.id);
    const pairs = await province.get(`/api/batches/${batch}/similarity-pairs?pageSize=100`);
    expect(pairs.statusCode, pairs.body).toBe(200);
    type Pair = { applicationId: string; number: string; ratio: number; source: { applicationId: string } };
    const key = (p: Pair) => [p.applicationId, p.source.applicationId].join();
    const all = pairs.json().pairs as Pair[];
    const ids = all.map(key);
    expect(ids).toContain([a.id, b.id].join());
    expect(ids).toContain([b.id, a.id].join());
    expect(pairs.json().total).toBe(all.length);
    // Highest 复制比 first by default; ascending on request.
    expect(all.map((p) => p.ratio)).toEqual([...all.map((p) => p.ratio)].sort((x, y) => y - x));
    const asc = (await province.get(`/api/batches/${batch}/similarity-pairs?pageSize=100&order=asc`)).json();
    expect(asc.pairs.map((p: Pair) => p.ratio)).toEqual([...all.map((p) => p.ratio)].sort((x, y) => x - y));

    // Searching by an application number finds the pairs it is on, either side, with their total.
    const number = all.find((p) => p.applicationId === a.id)!.number;
    const found = (await province.get(`/api/batches/${batch}/similarity-pairs?q=${encodeURIComponent(number)}`)).json();
    expect(found.pairs.map(key)).toEqual(expect.arrayContaining([[a.id, b.id].join(), [b.id, a.id].join()]));
    expect(found.total).toBe(found.pairs.length);
    expect(found.total).toBeLessThan(all.length + 1);
    // Page 2 of N, one pair a page: the pairs of the pages put together are the whole list, none twice.
    const paged: string[] = [];
    for (let page = 1; page <= found.total; page++) {
      const one = (
        await province.get(
          `/api/batches/${batch}/similarity-pairs?q=${encodeURIComponent(number)}&pageSize=1&page=${page}`,
        )
      ).json();
      expect(one).toMatchObject({ page, pageSize: 1, total: found.total });
      paged.push(...one.pairs.map(key));
    }
    expect(new Set(paged).size).toBe(found.total);
    expect(paged.sort()).toEqual(found.pairs.map(key).sort());
    const none = (await province.get(`/api/batches/${batch}/similarity-pairs?q=no-such-number`)).json();
    expect(none).toMatchObject({ total: 0, pairs: [] });
    for (const q of ['page=0', 'pageSize=101', 'sort=city', 'order=up', 'threshold=2']) {
      const bad = await province.get(`/api/batches/${batch}/similarity-pairs?${q}`);
      expect(bad.statusCode, q).toBe(422);
      expect(bad.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('a run whose worker died (stale heartbeat) is taken up again, then marked failed with its error, and can be started again', async () => {
    const { db } = env();
    const started = await province.post(`/api/batches/${batch}/similarity-runs`);
    expect(started.statusCode, started.body).toBe(202);
    const runId: string = started.json().run.id;
    await similarityIdle();
    const get = async () => (await province.get(`/api/similarity-runs/${runId}`)).json().run;
    expect(await get()).toMatchObject({ status: 'done', progress: 1 });
    const total = (await get()).total as number;
    const now = () => env().clock.now();
    const hourAgo = new Date(now().getTime() - 3_600_000).toISOString();
    // As an instance leaves a run when it dies mid-way: running, part done, its claim and heartbeat old.
    const vanish = (heartbeat: string, attempts: number) =>
      db
        .updateTable('similarity_runs')
        .set({ status: 'running', done: 1, finished_at: null, heartbeat_at: heartbeat, claim_id: 'dead', attempts })
        .where('id', '=', runId)
        .execute();
    // A live worker (fresh heartbeat) is left alone.
    await vanish(now().toISOString(), 1);
    await runQueuedRuns(db, now);
    expect(await get()).toMatchObject({ status: 'running', done: 1 });
    // Its worker gone: the run is claimed again and finished.
    await vanish(hourAgo, 1);
    await runQueuedRuns(db, now);
    expect(await get()).toMatchObject({ status: 'done', done: total, progress: 1, error: null });
    const row = await db.selectFrom('similarity_runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
    expect(Number(row.attempts)).toBe(2);
    expect(row.claim_id).toBeNull();
    // Lost too often: failed with a clear error, and the province can start the batch's run again.
    await vanish(hourAgo, MAX_RUN_ATTEMPTS);
    // While still "running", a new request answers that run (and asks for a pass, which settles it).
    const again = await province.post(`/api/batches/${batch}/similarity-runs`);
    expect(again.statusCode, again.body).toBe(202);
    expect(again.json().run.id).toBe(runId);
    await similarityIdle();
    expect(await get()).toMatchObject({ status: 'failed', error: RUN_LOST_MESSAGE });
    expect((await get()).finishedAt).not.toBeNull();
    const restarted = await province.post(`/api/batches/${batch}/similarity-runs`);
    expect(restarted.statusCode, restarted.body).toBe(202);
    expect(restarted.json().run.id).not.toBe(runId);
    await similarityIdle();
    const fresh = await province.get(`/api/similarity-runs/${restarted.json().run.id}`);
    expect(fresh.json().run).toMatchObject({ status: 'done', progress: 1, error: null });
  });

  it('two workers taking up the same run: one claims it, the other leaves it', async () => {
    const { db } = env();
    const started = await province.post(`/api/batches/${batch}/similarity-runs`);
    const runId: string = started.json().run.id;
    await similarityIdle();
    await db
      .updateTable('similarity_runs')
      .set({ status: 'queued', done: 0, finished_at: null, claim_id: null, attempts: 0 })
      .where('id', '=', runId)
      .execute();
    const now = () => env().clock.now();
    await Promise.all([executeRun(db, runId, now), executeRun(db, runId, now)]);
    const row = await db.selectFrom('similarity_runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'done', claim_id: null });
    expect(Number(row.attempts)).toBe(1);
  });

  it('a failed check is recorded, retried with a growing delay, then shown as failed; a later pass can still succeed', async () => {
    const { db } = env();
    const a = await submitWith(narrative());
    expect((await report(province, a.id)).status).toBe('ready');
    const { current_snapshot_id: snapshot } = await db
      .selectFrom('applications')
      .select('current_snapshot_id')
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    const t0 = Date.now() + 3_600_000;
    const at = (ms: number) => () => new Date(t0 + ms);
    await markReportPending(db, a.id, snapshot!, new Date(t0).toISOString());
    const failing = { check: () => Promise.reject(new Error('disk full')) };
    expect(await runDueChecks(db, at(0), failing)).toEqual({ done: 0, retried: 1, failed: 0 });
    expect((await report(province, a.id)).status).toBe('pending');
    // Not due again before its delay (30 s), then 60 s after the second try; the third try is the last.
    expect(await runDueChecks(db, at(10_000), failing)).toEqual({ done: 0, retried: 0, failed: 0 });
    expect(await runDueChecks(db, at(31_000), failing)).toEqual({ done: 0, retried: 1, failed: 0 });
    expect(await runDueChecks(db, at(61_000), failing)).toEqual({ done: 0, retried: 0, failed: 0 });
    expect(await runDueChecks(db, at(92_000), failing)).toEqual({ done: 0, retried: 0, failed: 1 });
    expect(await runDueChecks(db, at(9_000_000), failing)).toEqual({ done: 0, retried: 0, failed: 0 });
    const failed = await report(province, a.id);
    expect(failed).toMatchObject({ status: 'failed', error: CHECK_FAILED_MESSAGE, overall: null });
    const figures = await province.get(`/api/similarity-figures?ids=${a.id}`);
    expect(figures.json().figures[0]).toMatchObject({ applicationId: a.id, status: 'failed', overall: null });
    // A check lost with its instance ("running" for too long) is taken up again; this one succeeds.
    await markReportPending(db, a.id, snapshot!, new Date(t0).toISOString());
    await db.updateTable('similarity_reports').set({ status: 'running' }).where('application_id', '=', a.id).execute();
    expect(await runDueChecks(db, at(60_000))).toEqual({ done: 0, retried: 0, failed: 0 });
    expect(await runDueChecks(db, at(16 * 60_000))).toEqual({ done: 1, retried: 0, failed: 0 });
    expect((await report(province, a.id)).status).toBe('ready');
  });
});

describeEachDb('查重报告 PDF', (env) => {
  it('prints the figures, sources and passages; applicants are refused', async () => {
    const { db } = env();
    const batch = (await buildBatch(db)).id;
    const reviewer = await env().login((await buildCityReviewer(db, NANJING)).username);
    const copied = gen.text(400);
    const ids: string[] = [];
    let applicantClient: Client | undefined;
    for (let i = 0; i < 2; i++) {
      const applicant = await buildApplicant(db, { cityOrgId: NANJING });
      const client = await env().login(applicant.username);
      applicantClient = client;
      const created = await client.post('/api/applications', { batchId: batch });
      const content = {
        ...completeContent(applicant.unit, `南京第${i}专业化众创空间`),
        narrative: narrative({ hostOverview: copied }),
      };
      await client.patch(`/api/applications/${created.json().id}`, { version: created.json().version, ...content });
      expect((await act(client, created.json().id, 'submit', { pledge: PLEDGE })).statusCode).toBe(200);
      ids.push(created.json().id);
    }
    await similarityIdle();
    const res = await reviewer.get(`/api/applications/${ids[1]}/similarity.pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await applicantClient!.get(`/api/applications/${ids[1]}/similarity.pdf`)).statusCode).toBe(403);
  });
});
