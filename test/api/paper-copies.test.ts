import { expect, it } from 'vitest';
import type { Db } from '../../src/server/db/database.js';
import { verificationCode } from '../../src/domain/verification-code.js';
import { describeEachDb, type Client, type TestEnv } from '../helpers/env.js';
import {
  buildAcceptanceClerk,
  buildApplicant,
  buildApplication,
  buildBatch,
  buildCityApprover,
  buildCityReviewer,
  buildProvinceOfficer,
  buildSnapshot,
  buildUser,
} from '../factories.js';

const PLEDGE = { signerName: '张明远', agreed: true };

/** Applications of fresh Nanjing units, recommended and sent to the province in one city dispatch. */
async function sentApplications(env: () => TestEnv, n: number) {
  const db = env().db;
  const batch = await buildBatch(db);
  const built = [];
  for (let i = 0; i < n; i++) {
    const a = await buildApplicant(db);
    built.push({
      ...(await buildApplication(db, { batchId: batch.id, unit: a.unit, status: 'recommended' })),
      user: a,
    });
  }
  const reviewer = await env().login((await buildCityReviewer(db)).username);
  const approver = await env().login((await buildCityApprover(db)).username);
  const d = await reviewer.post('/api/dispatches', { applicationIds: built.map((b) => b.id), letter: '推荐函' });
  const sent = await approver.post(`/api/dispatches/${d.json().dispatch.id}/actions/send`, { pledge: PLEDGE });
  expect(sent.statusCode).toBe(200);
  return { batch, apps: built, dispatchId: d.json().dispatch.id as string, reviewer };
}

const copyCount = async (db: Db) =>
  Number(
    (
      await db
        .selectFrom('paper_copies')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function clerk(env: () => TestEnv): Promise<Client> {
  return env().login((await buildAcceptanceClerk(env().db)).username);
}

describeEachDb('paper copies (纸质材料，一式两份)', (env) => {
  it('registers copies with the verification code of the current submission; two complete the set', async () => {
    const db = env().db;
    const { apps, dispatchId } = await sentApplications(env, 1);
    const app = apps[0]!;
    const c = await clerk(env);
    const code = verificationCode(app.snapshot!.sha256);
    expect(code).toMatch(/^[0-9a-f]{12}$/);
    const first = await c.post(`/api/applications/${app.id}/paper-copies`, {
      count: 1,
      receivedOn: '2026-05-30',
      receivedBy: '康亚飞',
      code: code.toUpperCase().replace(/(.{4})(?!$)/g, '$1-'),
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      paperCopy: {
        applicationId: app.id,
        count: 1,
        receivedOn: '2026-05-30',
        receivedBy: '康亚飞',
        code,
        codeStatus: 'match',
        codeStatusLabel: '与当前提交版本一致',
        counted: true,
      },
      totals: { count: 1, flagged: 0, expected: 2, complete: false },
    });
    expect(first.json().message).toContain('校验码与当前提交版本一致');
    expect(first.json().message).toContain('还差 1 份');
    const row = await db
      .selectFrom('paper_copies')
      .selectAll()
      .where('id', '=', first.json().paperCopy.id)
      .executeTakeFirstOrThrow();
    expect(row.snapshot_id).toBe(app.snapshot!.id);

    // Without a code the clerk vouches for it by hand; it counts.
    const second = await c.post(`/api/applications/${app.id}/paper-copies`, { count: 1, receivedOn: '2026-06-01' });
    expect(second.statusCode).toBe(200);
    expect(second.json().paperCopy).toMatchObject({ code: null, codeStatus: null, counted: true });
    expect(second.json().paperCopy.receivedBy).toMatch(/测试用户/);
    expect(second.json().totals).toEqual({ count: 2, flagged: 0, expected: 2, complete: true });
    expect(second.json().message).toContain('纸质材料已齐全');

    const list = await c.get(`/api/applications/${app.id}/paper-copies`);
    expect(list.json().items).toHaveLength(2);
    expect(list.json().totals.complete).toBe(true);
    const d = (await c.get(`/api/dispatches/${dispatchId}`)).json().dispatch;
    expect(d.items[0].paperCopies).toEqual({ count: 2, flagged: 0 });
    const audit = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'paper_copy.register')
      .where('target_id', '=', app.id)
      .execute();
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[0]!.summary)).toMatchObject({ count: 1, code, codeStatus: 'match' });
  });

  it('flags copies of an older submission, of another application, or with an unknown code; they do not count', async () => {
    const { apps, dispatchId } = await sentApplications(env, 2);
    const [app, other] = apps;
    const c = await clerk(env);
    // The applicant resubmitted after this paper was printed: the first snapshot is no longer current.
    const old = app!.snapshot!;
    await buildSnapshot(env().db, app!.id);
    const cases = [
      { code: verificationCode(old.sha256), status: 'outdated', text: '第 1 次提交的旧版本' },
      { code: verificationCode(other!.snapshot!.sha256), status: 'other_application', text: '属于另一份申报' },
      { code: '0123456789ab', status: 'unknown', text: '与任何已提交版本都不相符' },
    ];
    for (const x of cases) {
      const res = await c.post(`/api/applications/${app!.id}/paper-copies`, {
        count: 2,
        receivedOn: '2026-06-01',
        code: x.code,
      });
      expect(res.statusCode, x.status).toBe(200);
      expect(res.json().paperCopy).toMatchObject({ codeStatus: x.status, counted: false });
      expect(res.json().message).toContain(x.text);
      expect(res.json().message).toContain('不计入一式两份');
      expect(res.json().totals.count).toBe(0);
    }
    const other2 = await c.post(`/api/applications/${app!.id}/paper-copies`, {
      count: 1,
      receivedOn: '2026-06-01',
      code: verificationCode(other!.snapshot!.sha256),
    });
    // Same province: the clerk is told which application the paper belongs to.
    const number = (
      await env().db.selectFrom('applications').select('number').where('id', '=', other!.id).executeTakeFirstOrThrow()
    ).number;
    expect(other2.json().message).toContain(number!);
    const d = (await c.get(`/api/dispatches/${dispatchId}`)).json().dispatch;
    expect(d.items[0].paperCopies).toEqual({ count: 0, flagged: 7 });
    expect(d.items[1].paperCopies).toEqual({ count: 0, flagged: 0 });
  });

  it('refuses bad input (422), other roles (403), other provinces (404) and applications not sent (409); writes nothing', async () => {
    const db = env().db;
    const { apps, reviewer } = await sentApplications(env, 1);
    const app = apps[0]!;
    const c = await clerk(env);
    const before = await copyCount(db);
    const post = (client: Client, body: Record<string, unknown>, id: string = app.id) =>
      client.post(`/api/applications/${id}/paper-copies`, { count: 1, receivedOn: '2026-06-01', ...body });

    const badCode = await post(c, { code: '12345' });
    expect(badCode.statusCode).toBe(422);
    expect(badCode.json().error.details[0]).toMatchObject({ path: 'code' });
    expect(badCode.json().error.message).toContain('12 位十六进制数字');
    const future = await post(c, { receivedOn: '2026-06-02' });
    expect(future.statusCode).toBe(422);
    expect(future.json().error.details[0]).toEqual({ path: 'receivedOn', message: '收到日期不能晚于今天' });
    expect((await post(c, { receivedOn: '2026-02-30' })).statusCode).toBe(422);
    expect((await post(c, { count: 0 })).statusCode).toBe(422);

    const officer = await env().login((await buildProvinceOfficer(db)).username);
    expect((await post(officer, {})).statusCode).toBe(403);
    expect((await post(reviewer, {})).statusCode).toBe(403);
    expect((await post(await env().login(app.user.username), {})).statusCode).toBe(403);
    const zhejiang = await env().login(
      (await buildUser(db, { roles: ['acceptance_clerk'], orgId: 'prov-330000' })).username,
    );
    expect((await post(zhejiang, {})).statusCode).toBe(404);
    expect((await zhejiang.get(`/api/applications/${app.id}/paper-copies`)).statusCode).toBe(404);
    expect((await post(c, {}, 'no-such-application')).statusCode).toBe(404);

    const batch = await buildBatch(db);
    const unit = await buildApplicant(db);
    const notSent = await buildApplication(db, { batchId: batch.id, unit: unit.unit, status: 'recommended' });
    const res = await post(c, {}, notSent.id);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('尚待受理');

    const clerkUser = await buildAcceptanceClerk(db);
    await db
      .insertInto('conflicts')
      .values({
        id: `c-${clerkUser.id}`,
        user_id: clerkUser.id,
        unit_id: app.unitId,
        reason: '曾任职',
        declared_at: '2026-06-01',
      })
      .execute();
    const conflicted = await post(await env().login(clerkUser.username), {});
    expect(conflicted.statusCode).toBe(403);
    expect(conflicted.json().error.message).toContain('回避');

    expect(await copyCount(db)).toBe(before);
  });
  it('accept stays refused until two copies of the current submission are registered', async () => {
    const { apps } = await sentApplications(env, 1);
    const app = apps[0]!;
    const c = await clerk(env);
    const accept = () => c.post(`/api/applications/${app.id}/actions/accept`, {});
    const old = app.snapshot!;
    const current = await buildSnapshot(env().db, app.id);
    const register = (code: string, count = 1) =>
      c.post(`/api/applications/${app.id}/paper-copies`, { count, receivedOn: '2026-06-01', code });

    expect((await accept()).statusCode).toBe(409);
    expect((await register(verificationCode(old.sha256), 2)).json().paperCopy.codeStatus).toBe('outdated');
    expect((await register('ffffffffffff', 2)).json().paperCopy.codeStatus).toBe('unknown');
    const refused = await accept();
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('纸质材料');
    expect((await c.get(`/api/applications/${app.id}`)).json().allowedActions).toEqual(['request_correction']);
    expect((await register(verificationCode(current.sha256))).json().totals.count).toBe(1);
    expect((await accept()).statusCode).toBe(409);
    expect((await register(verificationCode(current.sha256))).json().totals.complete).toBe(true);
    expect((await c.get(`/api/applications/${app.id}`)).json().allowedActions).toEqual([
      'accept',
      'request_correction',
    ]);
    const ok = await accept();
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe('accepted');
    // Registering is for applications awaiting acceptance only.
    expect((await register(verificationCode(current.sha256))).statusCode).toBe(409);
  });
});
