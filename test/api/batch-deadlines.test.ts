import { expect, it } from 'vitest';
import { describeEachDb } from '../helpers/env.js';
import {
  buildBatch,
  buildCityApprover,
  buildCityReviewer,
  buildMinistryOfficer,
  buildProvinceOfficer,
  buildUser,
  NANJING,
  SUZHOU,
  JIANGSU,
  ZHEJIANG,
} from '../factories.js';
import { effectiveDeadline } from '../../src/server/repositories/deadlines.js';
import { batchRows, endOfDay } from '../helpers/batches.js';

describeEachDb('batches and the deadline cascade', (env) => {
  const { countRows, deadlineRow } = batchRows(env);

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
});
