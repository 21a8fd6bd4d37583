import { expect, it } from 'vitest';
import { describeEachDb } from '../helpers/env.js';
import {
  buildAdmin,
  buildApplicant,
  buildBatch,
  buildCityApprover,
  buildCityReviewer,
  buildMinistryOfficer,
  buildProvinceOfficer,
  buildUser,
  NANJING,
  SUZHOU,
} from '../factories.js';
import JSZip from 'jszip';
import { effectiveDeadline } from '../../src/server/repositories/deadlines.js';
import { DEMO_BATCH_ID, endOfBeijingDay, seedDemoBatch } from '../../src/server/db/seed/demo-batch.js';
import type { Client } from '../helpers/env.js';

const JIANGSU = 'prov-320000';
const ZHEJIANG = 'prov-330000';
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** Posts a multipart form: text fields first, then the file. */
function upload(client: Client, url: string, fields: Record<string, string>, file: { name: string; data: Buffer }) {
  const boundary = '----msf-test-boundary';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return client.request({
    method: 'POST',
    url,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(parts),
  });
}

/** End of a day in Beijing time, as the API stores it (ISO, UTC). */
const endOfDay = (day: string) => new Date(`${day}T23:59:59+08:00`).toISOString();

describeEachDb('batches and the deadline cascade', (env) => {
  const countRows = async (table: 'batches' | 'deadlines' | 'deadline_extensions') =>
    Number(
      (
        await env()
          .db.selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const deadlineRow = (id: string) =>
    env().db.selectFrom('deadlines').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('the province officer creates a batch; anyone reads it with its cascade, dates in Beijing time', async () => {
    const admin = await env().login((await buildProvinceOfficer(env().db)).username);
    const res = await admin.post('/api/batches', {
      name: '第九批国家专业化众创空间备案示范',
      year: 2026,
      noticeText: '各设区市科技局：……',
      recordedDates: { cityToProvince: '2026-07-31', provinceToMinistry: '2026-08-31' },
      cityDeadlines: [{ scopeOrgId: JIANGSU, dueAt: '2026-07-31T17:00:00+08:00' }],
    });
    expect(res.statusCode).toBe(200);
    const batch = res.json().batch;
    expect(batch).toMatchObject({
      name: '第九批国家专业化众创空间备案示范',
      year: 2026,
      status: 'open',
      // New batches require the stamped attachment-2 scan and the signed attachment-4 scan (issue 14).
      requiredFileKinds: ['stamp_scan', 'pledge_scan'],
      recordedDates: { cityToProvince: '2026-07-31', provinceToMinistry: '2026-08-31' },
      documents: [],
      version: 1,
    });
    expect(batch.deadlines).toHaveLength(1);
    expect(batch.deadlines[0]).toMatchObject({
      kind: 'city',
      scopeOrgId: JIANGSU,
      scopeOrgName: '江苏省科学技术厅',
      dueAt: '2026-07-31T09:00:00.000Z',
      originalDueAt: '2026-07-31T09:00:00.000Z',
      setByOrgId: 'js-dept',
      extensions: [],
    });
    // The national step is the Ministry's; a date alone means 23:59:59 that day, Beijing time.
    const most = await env().login((await buildMinistryOfficer(env().db)).username);
    const national = await most.put(`/api/batches/${batch.id}/deadlines`, {
      kind: 'province',
      scopeOrgId: null,
      dueAt: '2026-08-31',
    });
    expect(national.json().deadline).toMatchObject({ dueAt: '2026-08-31T15:59:59.000Z', setByOrgId: 'most' });

    const anon = env().anonymous();
    const list = await anon.get('/api/batches');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((b: { id: string }) => b.id)).toContain(batch.id);
    const one = await anon.get(`/api/batches/${batch.id}`);
    expect(one.json().batch.noticeText).toBe('各设区市科技局：……');
    expect((await anon.get('/api/batches/no-such-batch')).statusCode).toBe(404);

    const audit = await env()
      .db.selectFrom('audit_log')
      .select(['action'])
      .where('summary', 'like', `%${batch.id}%`)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['deadline.set', 'deadline.set']);
    const created = await env()
      .db.selectFrom('audit_log')
      .select('actor_role')
      .where('action', '=', 'batch.create')
      .where('target_id', '=', batch.id)
      .execute();
    expect(created).toEqual([{ actor_role: 'province_officer' }]);
  });

  it('pages the batch list like every list: page 2 of N, sort, status filter with its total, bad paging refused', async () => {
    const db = env().db;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const b = await buildBatch(db, { name: `分页批次${i}` });
      // The newest year of all, created one after another: first under the default sort (year, newest first).
      await db
        .updateTable('batches')
        .set({ year: 2099, status: 'closed', created_at: `2099-01-0${i + 1}T00:00:00.000Z` })
        .where('id', '=', b.id)
        .execute();
      ids.push(b.id);
    }
    const anon = env().anonymous();
    const all = (await anon.get('/api/batches')).json();
    expect(all.pageSize).toBe(100);
    const page1 = (await anon.get('/api/batches?pageSize=2')).json();
    expect(page1).toMatchObject({ page: 1, pageSize: 2, total: all.total });
    expect(page1.items.map((b: { id: string }) => b.id)).toEqual([ids[2], ids[1]]);
    const page2 = (await anon.get('/api/batches?pageSize=2&page=2')).json();
    expect(page2.items[0].id).toBe(ids[0]);
    // Oldest year first: the three are on the last page.
    const last = Math.ceil(all.total / 2);
    const asc = (await anon.get(`/api/batches?pageSize=2&page=${last}&sort=year&order=asc`)).json();
    expect(asc.items.at(-1).id).toBe(ids[2]);
    // The status filter and its total.
    const closed = await db.selectFrom('batches').select('id').where('status', '=', 'closed').execute();
    const filtered = (await anon.get('/api/batches?status=closed&pageSize=1&page=2')).json();
    expect(filtered).toMatchObject({ total: closed.length, page: 2, pageSize: 1 });
    expect(filtered.items[0].id).toBe(ids[1]);
    const byName = (await anon.get('/api/batches?status=closed&sort=name&order=desc')).json();
    const names = byName.items.map((b: { name: string }) => b.name).filter((n: string) => n.startsWith('分页批次'));
    expect(names).toEqual(['分页批次2', '分页批次1', '分页批次0']);
    for (const q of ['page=0', 'pageSize=101', 'pageSize=x', 'sort=deadline', 'order=down', 'status=gone']) {
      const bad = await anon.get(`/api/batches?${q}`);
      expect(bad.statusCode, q).toBe(422);
      expect(bad.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('only the province officer creates and edits batches; every other role, the system administrator included, gets 403 (三员分立)', async () => {
    const before = await countRows('batches');
    const others = [
      await buildAdmin(env().db, 'system_admin'),
      await buildAdmin(env().db, 'security_admin'),
      await buildAdmin(env().db, 'audit_admin'),
      await buildMinistryOfficer(env().db),
      await buildCityReviewer(env().db),
      await buildApplicant(env().db),
    ];
    const { id } = await buildBatch(env().db);
    for (const u of others) {
      const c = await env().login(u.username);
      const res = await c.post('/api/batches', { name: `越权批次${u.username}`, year: 2026 });
      expect(res.statusCode, u.username).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
      expect((await c.patch(`/api/batches/${id}`, { version: 1, name: '越权改名' })).statusCode).toBe(403);
    }
    expect((await env().anonymous().post('/api/batches', { name: '匿名批次', year: 2026 })).statusCode).toBe(401);
    expect(await countRows('batches')).toBe(before + 1);
    const row = await env().db.selectFrom('batches').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.version).toBe(1);
  });

  it('the system administrator does not act in the workflow: no deadline of any level, no registration decision', async () => {
    const admin = await env().login((await buildAdmin(env().db, 'system_admin')).username);
    const { id } = await buildBatch(env().db);
    const res = await admin.put(`/api/batches/${id}/deadlines`, {
      kind: 'applicant',
      scopeOrgId: NANJING,
      dueAt: '2026-07-01',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('无权设置');
    for (const [kind, scopeOrgId] of [
      ['city', JIANGSU],
      ['province', null],
    ] as const) {
      const r = await admin.put(`/api/batches/${id}/deadlines`, { kind, scopeOrgId, dueAt: '2026-07-20' });
      expect(r.statusCode).toBe(403);
    }
    const cityDeadline = await env()
      .db.selectFrom('deadlines')
      .select('id')
      .where('batch_id', '=', id)
      .where('kind', '=', 'city')
      .executeTakeFirstOrThrow();
    const extend = await admin.post(`/api/deadlines/${cityDeadline.id}/extensions`, {
      dueAt: '2026-07-31',
      reason: '系统管理员不得延期',
    });
    expect(extend.statusCode).toBe(403);
    expect((await admin.get('/api/registrations')).statusCode).toBe(403);
    expect((await admin.post('/api/registrations/any-id/actions/approve', {})).statusCode).toBe(403);
    const n = await env()
      .db.selectFrom('deadlines')
      .select('id')
      .where('batch_id', '=', id)
      .where('kind', '=', 'applicant')
      .execute();
    expect(n).toHaveLength(0);
  });

  it('edits a batch with the version it was based on; a stale version gets 409 and changes nothing', async () => {
    const admin = await env().login((await buildProvinceOfficer(env().db)).username);
    const { id } = await buildBatch(env().db);
    const ok = await admin.patch(`/api/batches/${id}`, {
      version: 1,
      noticeText: '新的通知正文',
      requiredFileKinds: ['business_license'],
      status: 'closed',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().batch).toMatchObject({
      noticeText: '新的通知正文',
      requiredFileKinds: ['business_license'],
      status: 'closed',
      version: 2,
    });
    const unknownKind = await admin.patch(`/api/batches/${id}`, { version: 2, requiredFileKinds: ['passport'] });
    expect(unknownKind.statusCode).toBe(422);
    expect(unknownKind.json().error.details[0]).toMatchObject({
      path: 'requiredFileKinds.0',
      message: '附件类别不正确',
    });
    const stale = await admin.patch(`/api/batches/${id}`, { version: 1, noticeText: '被覆盖的正文' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    const row = await env().db.selectFrom('batches').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.notice_text).toBe('新的通知正文');
  });

  it('accepts a date or an ISO time with offset; refuses anything else with a Chinese message', async () => {
    const reviewer = await env().login((await buildCityReviewer(env().db)).username);
    const { id } = await buildBatch(env().db);
    for (const dueAt of ['2026-07-01 12:00', '2026-02-30', '2026-07-01T12:00:00', 'tomorrow']) {
      const res = await reviewer.put(`/api/batches/${id}/deadlines`, { kind: 'applicant', scopeOrgId: NANJING, dueAt });
      expect(res.statusCode, dueAt).toBe(422);
      expect(res.json().error.details[0]).toMatchObject({
        path: 'dueAt',
        message: expect.stringContaining('YYYY-MM-DD'),
      });
    }
    const res = await reviewer.put(`/api/batches/${id}/deadlines`, {
      kind: 'applicant',
      scopeOrgId: NANJING,
      dueAt: '2026-07-01T12:00:00+08:00',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().deadline).toMatchObject({
      kind: 'applicant',
      scopeOrgId: NANJING,
      dueAt: '2026-07-01T04:00:00.000Z',
    });
  });

  it('each city sets its own applicant deadline, no later than the city → province deadline', async () => {
    const { id } = await buildBatch(env().db, { cityDeadline: endOfDay('2026-07-31') });
    const nj = await env().login((await buildCityReviewer(env().db, NANJING)).username);
    const before = await countRows('deadlines');

    const late = await nj.put(`/api/batches/${id}/deadlines`, {
      kind: 'applicant',
      scopeOrgId: NANJING,
      dueAt: '2026-08-01',
    });
    expect(late.statusCode).toBe(422);
    expect(late.json().error.message).toBe(
      '申报单位报送市科技局截止时间不得晚于市科技局报送省科技厅截止时间（2026-07-31 23:59，北京时间）',
    );
    expect(late.json().error.details[0].path).toBe('dueAt');

    const other = await nj.put(`/api/batches/${id}/deadlines`, {
      kind: 'applicant',
      scopeOrgId: SUZHOU,
      dueAt: '2026-07-10',
    });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.message).toBe('只能设置本市的申报单位截止时间');

    const wrongScope = await nj.put(`/api/batches/${id}/deadlines`, {
      kind: 'applicant',
      scopeOrgId: JIANGSU,
      dueAt: '2026-07-10',
    });
    expect(wrongScope.statusCode).toBe(422);
    const past = await nj.put(`/api/batches/${id}/deadlines`, {
      kind: 'applicant',
      scopeOrgId: NANJING,
      dueAt: '2026-05-31',
    });
    expect(past.statusCode).toBe(422);
    expect(await countRows('deadlines')).toBe(before);

    const ok = await nj.put(`/api/batches/${id}/deadlines`, {
      kind: 'applicant',
      scopeOrgId: NANJING,
      dueAt: '2026-07-31',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().deadline).toMatchObject({
      dueAt: endOfDay('2026-07-31'),
      setByOrgId: NANJING,
      scopeOrgName: '南京市科学技术局',
    });
    // Repeating the same request answers the same deadline; a different date is an extension, not a reset.
    const again = await nj.put(`/api/batches/${id}/deadlines`, {
      kind: 'applicant',
      scopeOrgId: NANJING,
      dueAt: '2026-07-31',
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().deadline.id).toBe(ok.json().deadline.id);
    const reset = await nj.put(`/api/batches/${id}/deadlines`, {
      kind: 'applicant',
      scopeOrgId: NANJING,
      dueAt: '2026-07-20',
    });
    expect(reset.statusCode).toBe(409);
    expect(reset.json().error.message).toContain('延期');
    expect(await countRows('deadlines')).toBe(before + 1);
    expect(await effectiveDeadline(env().db, id, 'applicant', { cityId: NANJING, provinceId: JIANGSU })).toEqual(
      new Date(endOfDay('2026-07-31')),
    );
    // Suzhou has none of its own: its applicants fall back to the province's city deadline.
    expect(await effectiveDeadline(env().db, id, 'applicant', { cityId: SUZHOU, provinceId: JIANGSU })).toEqual(
      new Date(endOfDay('2026-07-31')),
    );
  });

  it('the province sets its cities’ deadline, no later than the Ministry’s and not before its cities’ own', async () => {
    const { id } = await buildBatch(env().db, { provinceDeadline: endOfDay('2026-08-31') });
    // buildBatch sets Jiangsu's city deadline; Zhejiang's is set here by a Zhejiang officer.
    const zjOfficer = await env().login(
      (await buildUser(env().db, { roles: ['province_officer'], orgId: ZHEJIANG })).username,
    );
    const js = await env().login((await buildProvinceOfficer(env().db)).username);

    const late = await zjOfficer.put(`/api/batches/${id}/deadlines`, {
      kind: 'city',
      scopeOrgId: ZHEJIANG,
      dueAt: '2026-09-01',
    });
    expect(late.statusCode).toBe(422);
    expect(late.json().error.message).toBe(
      '市科技局报送省科技厅截止时间不得晚于省科技厅报送科技部截止时间（2026-08-31 23:59，北京时间）',
    );
    const notOwn = await js.put(`/api/batches/${id}/deadlines`, {
      kind: 'city',
      scopeOrgId: ZHEJIANG,
      dueAt: '2026-07-31',
    });
    expect(notOwn.statusCode).toBe(403);
    expect(notOwn.json().error.message).toBe('只能设置本省的市科技局报送截止时间');
    const national = await js.put(`/api/batches/${id}/deadlines`, {
      kind: 'province',
      scopeOrgId: null,
      dueAt: '2026-08-30',
    });
    expect(national.statusCode).toBe(403);

    const ok = await zjOfficer.put(`/api/batches/${id}/deadlines`, {
      kind: 'city',
      scopeOrgId: ZHEJIANG,
      dueAt: '2026-07-25',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().deadline).toMatchObject({ kind: 'city', scopeOrgId: ZHEJIANG, setByOrgId: ZHEJIANG });
  });

  it('a province deadline set after the cities’ may not be earlier than theirs', async () => {
    const admin = await env().login((await buildProvinceOfficer(env().db)).username);
    const created = await admin.post('/api/batches', {
      name: '无国家截止时间的批次',
      year: 2026,
      cityDeadlines: [{ scopeOrgId: JIANGSU, dueAt: '2026-07-31' }],
    });
    expect(created.statusCode).toBe(200);
    const id = created.json().batch.id;
    const most = await env().login((await buildMinistryOfficer(env().db)).username);
    const early = await most.put(`/api/batches/${id}/deadlines`, {
      kind: 'province',
      scopeOrgId: null,
      dueAt: '2026-07-30',
    });
    expect(early.statusCode).toBe(422);
    expect(early.json().error.message).toContain('不得早于下级截止时间');
    const ok = await most.put(`/api/batches/${id}/deadlines`, {
      kind: 'province',
      scopeOrgId: null,
      dueAt: '2026-08-31',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().deadline.setByOrgId).toBe('most');
  });

  it('a batch created with the national deadline (the Ministry’s) or another province’s is refused whole', async () => {
    const admin = await env().login((await buildProvinceOfficer(env().db)).username);
    const before = await countRows('batches');
    const national = await admin.post('/api/batches', {
      name: '带国家截止时间的批次',
      year: 2026,
      provinceDeadline: '2026-08-31',
      cityDeadlines: [{ scopeOrgId: JIANGSU, dueAt: '2026-07-15' }],
    });
    expect(national.statusCode).toBe(403);
    const other = await admin.post('/api/batches', {
      name: '跨省的批次',
      year: 2026,
      cityDeadlines: [{ scopeOrgId: ZHEJIANG, dueAt: '2026-07-15' }],
    });
    expect(other.statusCode).toBe(403);
    expect(await countRows('batches')).toBe(before);
  });

  it('whoever set a deadline extends it, with a reason, to a later date within the next level; audited and shown', async () => {
    const { id } = await buildBatch(env().db, { cityDeadline: endOfDay('2026-07-31') });
    const njReviewer = await env().login((await buildCityReviewer(env().db, NANJING)).username);
    const njApprover = await env().login((await buildCityApprover(env().db, NANJING)).username);
    const szReviewer = await env().login((await buildCityReviewer(env().db, SUZHOU)).username);
    const set = await njReviewer.put(`/api/batches/${id}/deadlines`, {
      kind: 'applicant',
      scopeOrgId: NANJING,
      dueAt: '2026-07-10',
    });
    const deadlineId = set.json().deadline.id;
    const url = `/api/deadlines/${deadlineId}/extensions`;
    const extensionsBefore = await countRows('deadline_extensions');

    const notSetter = await szReviewer.post(url, { dueAt: '2026-07-20', reason: '疫情影响' });
    expect(notSetter.statusCode).toBe(403);
    expect(notSetter.json().error.message).toBe('只有设置该截止时间的单位可以延期');
    const noReason = await njReviewer.post(url, { dueAt: '2026-07-20', reason: '  ' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().error.details[0]).toMatchObject({ path: 'reason', message: '请填写延期理由' });
    const earlier = await njReviewer.post(url, { dueAt: '2026-07-05', reason: '提前' });
    expect(earlier.statusCode).toBe(422);
    expect(earlier.json().error.message).toBe('延期后的时间应晚于当前截止时间（2026-07-10 23:59，北京时间）');
    const beyond = await njReviewer.post(url, { dueAt: '2026-08-05', reason: '延期过长' });
    expect(beyond.statusCode).toBe(422);
    expect(beyond.json().error.message).toContain('不得晚于市科技局报送省科技厅截止时间（2026-07-31 23:59，北京时间）');
    expect(await countRows('deadline_extensions')).toBe(extensionsBefore);
    expect((await deadlineRow(deadlineId)).due_at).toBe(endOfDay('2026-07-10'));

    // The approver of the same city bureau may extend what its reviewer set.
    const ok = await njApprover.post(url, { dueAt: '2026-07-20', reason: '部分单位材料准备不足' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().deadline).toMatchObject({
      dueAt: endOfDay('2026-07-20'),
      originalDueAt: endOfDay('2026-07-10'),
      extensions: [
        {
          fromDueAt: endOfDay('2026-07-10'),
          toDueAt: endOfDay('2026-07-20'),
          reason: '部分单位材料准备不足',
          orgId: NANJING,
          orgName: '南京市科学技术局',
          at: env().clock.now().toISOString(),
        },
      ],
    });
    // A repeat of the same extension does not act twice.
    expect((await njApprover.post(url, { dueAt: '2026-07-20', reason: '部分单位材料准备不足' })).statusCode).toBe(422);
    expect(await countRows('deadline_extensions')).toBe(extensionsBefore + 1);

    const shown = (await env().anonymous().get(`/api/batches/${id}`)).json().batch;
    const applicant = shown.deadlines.find((d: { id: string }) => d.id === deadlineId);
    expect(applicant.extensions).toHaveLength(1);
    expect(applicant.extensions[0].reason).toBe('部分单位材料准备不足');
    const audit = await env()
      .db.selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'deadline.extend')
      .where('target_id', '=', deadlineId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.summary)).toMatchObject({ reason: '部分单位材料准备不足', to: endOfDay('2026-07-20') });
    expect(audit[0]!.org_id).toBe(NANJING);
    expect(await effectiveDeadline(env().db, id, 'applicant', { cityId: NANJING, provinceId: JIANGSU })).toEqual(
      new Date(endOfDay('2026-07-20')),
    );
  });

  it('the province extends its cities’ deadline, but not past the national one; the Ministry cannot extend it', async () => {
    const { id } = await buildBatch(env().db, {
      cityDeadline: endOfDay('2026-07-31'),
      provinceDeadline: endOfDay('2026-08-31'),
    });
    const city = await env()
      .db.selectFrom('deadlines')
      .select('id')
      .where('batch_id', '=', id)
      .where('kind', '=', 'city')
      .executeTakeFirstOrThrow();
    const js = await env().login((await buildProvinceOfficer(env().db)).username);
    const most = await env().login((await buildMinistryOfficer(env().db)).username);
    const url = `/api/deadlines/${city.id}/extensions`;
    expect((await most.post(url, { dueAt: '2026-08-15', reason: '科技部统一延期' })).statusCode).toBe(403);
    const beyond = await js.post(url, { dueAt: '2026-09-01', reason: '延期' });
    expect(beyond.statusCode).toBe(422);
    expect(beyond.json().error.message).toContain('不得晚于省科技厅报送科技部截止时间');
    const ok = await js.post(url, { dueAt: '2026-08-15', reason: '受理中心排期调整' });
    expect(ok.statusCode).toBe(200);
    expect(await effectiveDeadline(env().db, id, 'city', { provinceId: JIANGSU })).toEqual(
      new Date(endOfDay('2026-08-15')),
    );
    expect((await env().anonymous().post(url, { dueAt: '2026-08-20', reason: '匿名' })).statusCode).toBe(401);
    expect((await js.post('/api/deadlines/nope/extensions', { dueAt: '2026-08-20', reason: 'x' })).statusCode).toBe(
      404,
    );
  });

  it('the province officer uploads batch documents (checked by content); anyone downloads them with the UTF-8 name', async () => {
    const admin = await env().login((await buildProvinceOfficer(env().db)).username);
    const { id } = await buildBatch(env().db);
    const url = `/api/batches/${id}/documents`;
    const docsOf = () => env().db.selectFrom('batch_documents').selectAll().where('batch_id', '=', id).execute();

    const reviewer = await env().login((await buildCityReviewer(env().db)).username);
    expect((await upload(reviewer, url, { title: '越权' }, { name: 'a.png', data: PNG })).statusCode).toBe(403);
    const fake = await upload(
      admin,
      url,
      { title: '伪装的文件' },
      { name: '通知.pdf', data: Buffer.from('just text, not a pdf') },
    );
    expect(fake.statusCode).toBe(415);
    expect(fake.json().error.code).toBe('unsupported_file');
    expect(await docsOf()).toHaveLength(0);

    const res = await upload(admin, url, { title: '申报流程图' }, { name: '流程图.png', data: PNG });
    expect(res.statusCode).toBe(201);
    const doc = res.json().document;
    expect(doc).toMatchObject({ title: '申报流程图', fileName: '流程图.png', mime: 'image/png', size: PNG.length });
    expect(doc.url).toBe(`/api/batches/${id}/documents/${doc.id}`);
    const shown = (await env().anonymous().get(`/api/batches/${id}`)).json().batch;
    expect(shown.documents).toEqual([doc]);

    const download = await env().anonymous().get(doc.url);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="___.png"; filename*=UTF-8''${encodeURIComponent('流程图.png')}`,
    );
    expect(download.rawPayload.equals(PNG)).toBe(true);
    expect((await env().anonymous().get(`/api/batches/${id}/documents/nope`)).statusCode).toBe(404);
    const audit = await env()
      .db.selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'batch.document_upload')
      .where('target_id', '=', id)
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('seeds the 第四批 demo batch: the notice, the 2020 dates on record, future deadlines and the Word templates', async () => {
    const now = env().clock.now();
    await seedDemoBatch(env().db, now, env().app.files);
    await seedDemoBatch(env().db, now, env().app.files); // a second start changes nothing
    const batch = (await env().anonymous().get(`/api/batches/${DEMO_BATCH_ID}`)).json().batch;
    expect(batch).toMatchObject({
      name: '第四批国家专业化众创空间备案示范',
      year: 2020,
      status: 'open',
      requiredFileKinds: ['stamp_scan', 'pledge_scan'],
      recordedDates: { cityToProvince: '2020-07-31', provinceToMinistry: '2020-08-31' },
      // The letters cite the notice from the batch's data.
      noticeTitle: '关于组织开展第四批国家专业化众创空间备案示范推荐工作的通知',
      noticeNo: '苏科高发〔2020〕174号',
    });
    expect(batch.noticeText).toContain('苏科高发〔2020〕174号');
    expect(batch.noticeText).toContain('主管部门信用承诺书');
    expect(
      batch.deadlines.map((d: { kind: string; scopeOrgId: string | null; dueAt: string }) => [
        d.kind,
        d.scopeOrgId,
        d.dueAt,
      ]),
    ).toEqual([
      ['province', null, endOfBeijingDay(now, 60)],
      ['city', JIANGSU, endOfBeijingDay(now, 45)],
      ['applicant', NANJING, endOfBeijingDay(now, 30)],
      ['applicant', SUZHOU, endOfBeijingDay(now, 30)],
    ]);
    // The test clock starts at 2026-06-01 10:00 Beijing time: thirty days on is 2026-07-01, end of day.
    expect(endOfBeijingDay(now, 30)).toBe('2026-07-01T15:59:59.000Z');
    expect(batch.documents.map((d: { title: string }) => d.title)).toEqual([
      '附件2 国家专业化众创空间基础信息表',
      '附件3 国家专业化众创空间备案申报书编写提纲',
      '附件4 申报单位信用承诺书',
      '附件5 主管部门信用承诺书',
    ]);
    const texts: string[] = [];
    for (const d of batch.documents) {
      const res = await env().anonymous().get(d.url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      );
      const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
      texts.push(xml.replace(/<[^>]+>/g, ''));
    }
    expect(texts[0]).toContain('运营主体性质');
    expect(texts[0]).toContain('天使投资（种子）基金（资金）规模（万元）');
    expect(texts[1]).toContain('2. 3-5个成功案例');
    expect(texts[2]).toContain('作为失信单位记入不良科技信用记录，并报送至省公共信用信息平台');
    expect(texts[3]).toContain('《江苏省科技计划项目相关责任主体信用管理办法》');
    const rows = await env().db.selectFrom('batches').select('id').where('id', '=', DEMO_BATCH_ID).execute();
    expect(rows).toHaveLength(1);
  });

  it('publishes the deadline date formats in the OpenAPI document', async () => {
    const doc = (await env().anonymous().get('/api/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/batches',
        '/api/batches/{id}',
        '/api/batches/{id}/deadlines',
        '/api/deadlines/{id}/extensions',
      ]),
    );
    expect(JSON.stringify(doc.paths['/api/batches/{id}/deadlines'])).toContain('23:59:59');
  });
});
