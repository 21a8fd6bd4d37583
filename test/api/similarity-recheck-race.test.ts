import { expect, it } from 'vitest';
import { rng, TextGenerator } from '../../bench/lib/similarityCorpus.js';
import { findReport, markSourcesForRefresh } from '../../src/server/repositories/similarity.js';
import { checkApplication } from '../../src/server/similarity/check.js';
import { runDueChecks } from '../../src/server/similarity/checks.js';
import { describeEachDb } from '../helpers/env.js';
import { generatedNarrative, submitNarrative } from '../helpers/similarity.js';
import { buildBatch, SUZHOU } from '../factories.js';

const gen = new TextGenerator(rng(3031));

/**
 * Issue 15, several instances: a later check (B's, on another instance) that finds A as a source
 * while A's own check is running must not be lost. Before, the mark skipped a running report, and
 * A's check — which read the index before B was in it — ended "ready" without B until a cross-check.
 */
describeEachDb('查重: a source marked while its own check runs is checked again', (env) => {
  it('runs A’s check a second time in the same pass and ends ready', async () => {
    const db = env().db;
    const batch = (await buildBatch(db)).id;
    const a = (await submitNarrative(env(), batch, generatedNarrative(gen), { city: SUZHOU })).id;
    expect((await findReport(db, a))?.status).toBe('ready');

    // A is due again (a source re-check); while its check runs, another instance's check finds A.
    await markSourcesForRefresh(db, [a], new Date().toISOString());
    const calls: string[] = [];
    const result = await runDueChecks(db, () => new Date(), {
      check: async (d, id, now, opts) => {
        calls.push(id);
        if (calls.length === 1) {
          expect((await findReport(d, id))?.status).toBe('running');
          await markSourcesForRefresh(d, [id], new Date().toISOString());
        }
        await checkApplication(d, id, now, opts);
      },
    });
    expect(calls).toEqual([a, a]);
    expect(result.done).toBe(2);
    const after = await findReport(db, a);
    expect(after?.status).toBe('ready');
    expect(Number(after?.source_refresh)).toBe(1);
  });
});
