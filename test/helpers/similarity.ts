import { expect } from 'vitest';
import type { TextGenerator } from '../../bench/lib/similarityCorpus.js';
import { similarityIdle } from '../../src/server/similarity/scheduler.js';
import { buildApplicant, NANJING } from '../factories.js';
import { act, completeContent, PLEDGE } from './applications.js';
import type { Client, TestEnv } from './env.js';

const p = (t: string) => `<p>${t}</p>`;

/** A complete 申报书 whose sections are the given texts (generated text where absent). */
export function generatedNarrative(gen: TextGenerator, parts: { hostOverview?: string; currentStatus?: string } = {}) {
  return {
    hostOverview: p(parts.hostOverview ?? gen.text(600)),
    currentStatus: p(parts.currentStatus ?? gen.text(600)),
    overallResults: p(gen.text(400)),
    successCases: [0, 1, 2].map((i) => ({ title: `案例${i + 1}`, subject: `企业${i + 1}`, body: p(gen.text(300)) })),
    goalsAndTasks: p(gen.text(400)),
    organizationAndSupport: p(gen.text(400)),
  };
}
export type GeneratedNarrative = ReturnType<typeof generatedNarrative>;

type Applicant = Awaited<ReturnType<typeof buildApplicant>>;

/** Saves a complete application with the given 申报书 (a new draft's or a reopened one's version). */
export async function fillApplication(client: Client, id: string, version: number, unit: { uscc: string }, n: unknown) {
  const res = await client.patch(`/api/applications/${id}`, {
    version,
    ...completeContent(unit, `测试${Math.random().toString(36).slice(2, 8)}专业化众创空间`),
    narrative: n,
  });
  expect(res.statusCode, res.body).toBe(200);
}

/** A new application of `batchId` with the given 申报书, submitted, its 查重 check done. */
export async function submitNarrative(
  env: TestEnv,
  batchId: string,
  n: unknown,
  opts: { city?: string; applicant?: Applicant } = {},
) {
  const applicant = opts.applicant ?? (await buildApplicant(env.db, { cityOrgId: opts.city ?? NANJING }));
  const client = await env.login(applicant.username);
  const created = await client.post('/api/applications', { batchId });
  expect(created.statusCode, created.body).toBe(201);
  await fillApplication(client, created.json().id, created.json().version, applicant.unit, n);
  const res = await act(client, created.json().id, 'submit', { pledge: PLEDGE });
  expect(res.statusCode, res.body).toBe(200);
  await similarityIdle();
  return { id: created.json().id as string, client, applicant };
}

/** GET /api/applications/{id}/similarity's report, as the given viewer sees it. */
export async function similarityReport(client: Client, id: string) {
  const res = await client.get(`/api/applications/${id}/similarity`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().report;
}
