import { expect, it } from 'vitest';
import { rng, TextGenerator } from '../../bench/lib/similarityCorpus.js';
import { findReport } from '../../src/server/repositories/similarity.js';
import { similarityIdle } from '../../src/server/similarity/scheduler.js';
import { describeEachDb, type Client } from '../helpers/env.js';
import { fillApplication, generatedNarrative, similarityReport, submitNarrative } from '../helpers/similarity.js';
import { act, PLEDGE } from '../helpers/applications.js';
import { buildBatch, buildCityReviewer, buildProvinceOfficer, NANJING, SUZHOU } from '../factories.js';

const gen = new TextGenerator(rng(2027));

const narrative = (hostOverview: string) => generatedNarrative(gen, { hostOverview });

interface Source {
  applicationId: string;
  ratio: number;
  matchedChars: number;
  canOpen: boolean;
  unitName: string | null;
}

/**
 * Issue 15: when a submission's check finds sources, their reports are brought up to date too, so
 * the application copied earlier shows the later copy (no cascade; imported files have no report).
 */
describeEachDb('查重: the sources of a check are re-checked', (env) => {
  let batch: string;
  let province: Client;
  let szReviewer: Client;

  const fill = (client: Client, id: string, version: number, unit: { uscc: string }, text: string) =>
    fillApplication(client, id, version, unit, narrative(text));
  const submitWith = (text: string, city: string) => submitNarrative(env(), batch, narrative(text), { city });

  const report = similarityReport;

  it('sets up', async () => {
    const { db } = env();
    batch = (await buildBatch(db)).id;
    province = await env().login((await buildProvinceOfficer(db)).username);
    szReviewer = await env().login((await buildCityReviewer(db, SUZHOU)).username);
  });

  it('A then B (a copy of A): after the jobs run, A lists B with the copied share; a resubmission of B updates A', async () => {
    const copied = gen.text(600);
    const a = await submitWith(copied, SUZHOU);
    expect((await report(province, a.id)).overall).toBe(0);

    const b = await submitWith(copied, NANJING);
    const rb = await report(province, b.id);
    expect(rb.sources.map((s: Source) => s.applicationId)).toEqual([a.id]);

    const ra = await report(province, a.id);
    expect(ra.status).toBe('ready');
    expect(ra.overall).toBeGreaterThan(0.15);
    expect(ra.sources).toHaveLength(1);
    expect(ra.sources[0]).toMatchObject({ applicationId: b.id, canOpen: true });
    expect(ra.sources[0].matchedChars).toBeGreaterThan(500);
    expect(ra.passages[0]).toMatchObject({ section: 'hostOverview', source: { applicationId: b.id } });

    // Jurisdiction: the Suzhou reviewer of A sees B's passage and its number, name and city only.
    const sz = await report(szReviewer, a.id);
    expect(sz.sources[0]).toMatchObject({ applicationId: b.id, canOpen: false, unitName: null, cityName: '南京市' });
    expect(sz.sources[0].number).toEqual(expect.any(String));
    expect(sz.passages[0].source.text).toEqual(expect.any(String));
    expect(copied).toContain(sz.passages[0].text);

    // B is withdrawn, reopened, keeps only half of the copy and resubmits: A's report follows.
    const withdrawn = await act(b.client, b.id, 'withdraw');
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    const reopened = await act(b.client, b.id, 'reopen');
    expect(reopened.statusCode, reopened.body).toBe(200);
    await fill(b.client, b.id, reopened.json().version, b.applicant.unit, copied.slice(0, 300) + gen.text(300));
    expect((await act(b.client, b.id, 'submit', { pledge: PLEDGE })).statusCode).toBe(200);
    await similarityIdle();
    const again = await report(province, a.id);
    expect(again.status).toBe('ready');
    expect(again.sources[0].applicationId).toBe(b.id);
    expect(again.sources[0].matchedChars).toBeLessThan(ra.sources[0].matchedChars * 0.6);
    expect(again.sources[0].matchedChars).toBeGreaterThan(200);

    // B drops the copy altogether: A no longer lists it.
    const w2 = await act(b.client, b.id, 'withdraw');
    expect(w2.statusCode, w2.body).toBe(200);
    const r2 = await act(b.client, b.id, 'reopen');
    await fill(b.client, b.id, r2.json().version, b.applicant.unit, gen.text(600));
    expect((await act(b.client, b.id, 'submit', { pledge: PLEDGE })).statusCode).toBe(200);
    await similarityIdle();
    const clean = await report(province, a.id);
    expect(clean.status).toBe('ready');
    expect(clean.overall).toBe(0);
    expect(clean.sources).toEqual([]);
  });

  it('no cascade: a re-check of a source does not re-check that source’s own sources', async () => {
    const x = gen.text(500);
    const y = gen.text(500);
    // C holds x; D holds x and y; E holds y. E's check finds D, whose re-check finds C: C is not re-checked.
    const c = await submitWith(x, NANJING);
    const d = await submitWith(x + y, NANJING);
    const cAt = (await findReport(env().db, c.id))!.computed_at!;
    const e = await submitWith(y, NANJING);
    const rd = await report(province, d.id);
    expect(rd.sources.map((s: Source) => s.applicationId).sort()).toEqual([c.id, e.id].sort());
    expect((await findReport(env().db, c.id))!.computed_at).toBe(cAt);
  });
});
