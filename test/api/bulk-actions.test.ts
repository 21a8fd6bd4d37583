import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { Db } from '../../src/server/db/database.js';
import { BULK_MAX_ITEMS } from '../../src/domain/schemas/bulk.js';
import { verificationCode } from '../../src/domain/verification-code.js';
import { describeEachDb, type TestEnv } from '../helpers/env.js';
import { applicationState, PLEDGE } from '../helpers/applications.js';
import {
  buildAcceptanceClerk,
  buildApplicant,
  buildApplication,
  buildBatch,
  buildCityApprover,
  buildCityReviewer,
  buildMinistryOfficer,
  buildProvinceOfficer,
  buildUser,
  NANJING,
  SUZHOU,
} from '../factories.js';
import type { ApplicationStatus } from '../../src/domain/workflow.js';

const auditCount = async (db: Db, action: string, targetId: string) =>
  (
    await db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', action)
      .where('target_id', '=', targetId)
      .execute()
  ).length;

async function apps(db: Db, batchId: string, status: ApplicationStatus, n: number, cityOrgId = NANJING) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const a = await buildApplicant(db, { cityOrgId });
    out.push(await buildApplication(db, { batchId, unit: a.unit, status }));
  }
  return out;
}

/** Recommended Nanjing applications, sent to the province in one city dispatch. */
async function sentToProvince(env: () => TestEnv, n: number) {
  const db = env().db;
  const batch = await buildBatch(db);
  const built = await apps(db, batch.id, 'recommended', n);
  const reviewer = await env().login((await buildCityReviewer(db)).username);
  const approver = await env().login((await buildCityApprover(db)).username);
  const d = await reviewer.post('/api/dispatches', { applicationIds: built.map((b) => b.id), letter: '推荐函' });
  expect(
    (await approver.post(`/api/dispatches/${d.json().dispatch.id}/actions/send`, { pledge: PLEDGE })).statusCode,
  ).toBe(200);
  return { batch, apps: built };
}

describeEachDb('bulk actions (POST /api/applications/bulk-actions)', (env) => {
  it('recommends many for the city, each checked as the single action; refusals are reported per row', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const mine = await apps(db, batch.id, 'submitted', 3);
    const [declined] = await apps(db, batch.id, 'declined', 1);
    const [suzhou] = await apps(db, batch.id, 'submitted', 1, SUZHOU);
    const reviewer = await env().login((await buildCityReviewer(db)).username);
    const ids = [mine[0]!.id, declined!.id, mine[1]!.id, suzhou!.id, randomUUID(), mine[2]!.id];
    const res = await reviewer.post('/api/applications/bulk-actions', { action: 'recommend', applicationIds: ids });
    expect(res.statusCode).toBe(200);
    const results = res.json().results as {
      applicationId: string;
      ok: boolean;
      status?: string;
      error?: { code: string };
    }[];
    expect(results.map((r) => r.applicationId)).toEqual(ids);
    expect(results.map((r) => (r.ok ? r.status : r.error!.code))).toEqual([
      'recommended',
      'invalid_transition',
      'recommended',
      'not_found',
      'not_found',
      'recommended',
    ]);
    expect(results[1]!.error).toEqual({ code: 'invalid_transition', message: expect.any(String) });
    for (const a of mine) {
      expect((await applicationState(db, a.id)).app?.status).toBe('recommended');
      expect(await auditCount(db, 'application.recommend', a.id)).toBe(1);
    }
    expect((await applicationState(db, declined!.id)).app?.status).toBe('declined');
    expect((await applicationState(db, suzhou!.id)).app?.status).toBe('submitted');
    expect(await auditCount(db, 'application.recommend', suzhou!.id)).toBe(0);
  });

  it('validates the request and refuses a role that cannot take the action, changing nothing', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const [a] = await apps(db, batch.id, 'submitted', 1);
    const reviewer = await env().login((await buildCityReviewer(db)).username);
    const post = (body: unknown) => reviewer.post('/api/applications/bulk-actions', body);
    for (const body of [
      { action: 'recommend', applicationIds: [] },
      { action: 'recommend', applicationIds: [a!.id, a!.id] },
      { action: 'recommend', applicationIds: Array.from({ length: BULK_MAX_ITEMS + 1 }, () => randomUUID()) },
      { action: 'withdraw', applicationIds: [a!.id] },
      { action: 'assign_expert', applicationIds: [a!.id] },
      { applicationIds: [a!.id] },
    ]) {
      const res = await post(body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(422);
      expect(res.json().error.code).toBe('validation_failed');
    }
    const applicant = await env().login((await buildApplicant(db)).username);
    const refused = await applicant.post('/api/applications/bulk-actions', {
      action: 'recommend',
      applicationIds: [a!.id],
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('批量推荐');
    const ministry = await env().login((await buildMinistryOfficer(db)).username);
    expect(
      (await ministry.post('/api/applications/bulk-actions', { action: 'accept', applicationIds: [a!.id] })).statusCode,
    ).toBe(403);
    expect((await applicationState(db, a!.id)).app?.status).toBe('submitted');
    expect(await auditCount(db, 'application.recommend', a!.id)).toBe(0);
  });

  it('lets the acceptance centre register paper copies and accept many; an incomplete set is refused on its row', async () => {
    const db = env().db;
    const { apps: sent } = await sentToProvince(env, 3);
    const clerk = await env().login((await buildAcceptanceClerk(db)).username);
    const bulk = (body: unknown) => clerk.post('/api/applications/bulk-actions', body);
    const two = [sent[0]!.id, sent[1]!.id];
    const reg = await bulk({ action: 'register_paper_copy', applicationIds: two, count: 2, receivedOn: '2026-05-30' });
    expect(reg.statusCode).toBe(200);
    expect(reg.json().results).toEqual(
      two.map((applicationId) => ({ applicationId, ok: true, status: 'dispatched_to_province' })),
    );
    for (const id of two) expect(await auditCount(db, 'paper_copy.register', id)).toBe(1);
    const accept = await bulk({ action: 'accept', applicationIds: sent.map((a) => a.id) });
    const results = accept.json().results;
    expect(results.slice(0, 2).map((r: { status: string }) => r.status)).toEqual(['accepted', 'accepted']);
    expect(results[2]).toMatchObject({ ok: false, error: { code: 'invalid_transition' } });
    expect((await applicationState(db, sent[2]!.id)).app?.status).toBe('dispatched_to_province');
  });

  it('registers a paper copy per scanned code, finding the application by the code', async () => {
    const db = env().db;
    const { apps: sent } = await sentToProvince(env, 2);
    const clerk = await env().login((await buildAcceptanceClerk(db)).username);
    const code = verificationCode(sent[1]!.snapshot!.sha256);
    const first = await clerk.post('/api/paper-copies/scans', { code: code.toUpperCase(), receivedOn: '2026-05-30' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      application: { id: sent[1]!.id, spaceName: sent[1]!.spaceName },
      paperCopy: { applicationId: sent[1]!.id, count: 1, code, codeStatus: 'match', counted: true },
      totals: { count: 1, complete: false },
    });
    const second = await clerk.post('/api/paper-copies/scans', { code });
    expect(second.json().totals).toMatchObject({ count: 2, complete: true });
    expect(second.json().message).toContain('纸质材料已齐全');
    expect(await auditCount(db, 'paper_copy.register', sent[1]!.id)).toBe(2);

    const unknown = await clerk.post('/api/paper-copies/scans', { code: '000000000000' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toContain('未找到');
    const bad = await clerk.post('/api/paper-copies/scans', { code: 'xyz' });
    expect(bad.statusCode).toBe(422);
    const reviewer = await env().login((await buildCityReviewer(db)).username);
    expect((await reviewer.post('/api/paper-copies/scans', { code })).statusCode).toBe(403);
    expect(await auditCount(db, 'paper_copy.register', sent[1]!.id)).toBe(2);
  });

  it('lets the province assign an expert and recommend many, and the Ministry file many', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const accepted = await apps(db, batch.id, 'accepted', 2);
    const expertUnit = (await buildApplicant(db, { cityOrgId: SUZHOU })).unit.id;
    const expert = await buildUser(db, { roles: ['expert'], orgId: expertUnit });
    const officer = await env().login((await buildProvinceOfficer(db)).username);
    const bulk = (body: unknown) => officer.post('/api/applications/bulk-actions', body);
    const ids = accepted.map((a) => a.id);
    const assign = await bulk({ action: 'assign_expert', applicationIds: ids, expertId: expert.id });
    expect(assign.json().results.map((r: { ok: boolean }) => r.ok)).toEqual([true, true]);
    for (const id of ids) expect(await auditCount(db, 'expert.assign', id)).toBe(1);
    const again = await bulk({ action: 'assign_expert', applicationIds: ids, expertId: expert.id });
    expect(again.json().results[0]).toMatchObject({ ok: false, error: { code: 'conflict' } });

    const rec = await bulk({ action: 'province_recommend', applicationIds: ids });
    expect(rec.json().results.map((r: { status: string }) => r.status)).toEqual([
      'province_recommended',
      'province_recommended',
    ]);

    const atMinistry = await apps(db, batch.id, 'dispatched_to_ministry', 2);
    const ministry = await env().login((await buildMinistryOfficer(db)).username);
    const filed = await ministry.post('/api/applications/bulk-actions', {
      action: 'file',
      applicationIds: [...atMinistry.map((a) => a.id), ids[0]],
    });
    expect(filed.json().results.map((r: { ok: boolean; status?: string }) => r.status ?? 'refused')).toEqual([
      'filed',
      'filed',
      'refused',
    ]);
    for (const a of atMinistry) expect(await auditCount(db, 'application.file', a.id)).toBe(1);
  });
});
