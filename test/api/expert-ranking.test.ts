import { expect, it } from 'vitest';
import { describeEachDb } from '../helpers/env.js';
import { readSheet } from '../helpers/xlsx.js';
import { expectError, pdf, PNG, multipart } from '../helpers/applications.js';
import {
  buildApplicant,
  buildApplication,
  buildBatch,
  buildCityReviewer,
  buildMinistryOfficer,
  buildProvinceOfficer,
  buildUser,
  SUZHOU,
} from '../factories.js';
import { assign, buildExpert, buildExpertUnit, declare, scoresAt } from '../helpers/experts.js';

describeEachDb('experts: assignment with recusal, scoping, scoring, field visits and ranking', (env) => {
  it('lists assignments a page at a time (issue 17): total, sort, search, the earlier cursor; a bad sort is 422', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const officer = await env().login((await buildProvinceOfficer(db)).username);
    const expert = await buildExpert(db, await buildExpertUnit(db, SUZHOU));
    const client = await env().login(expert.username);
    const names = ['A分页任务众创空间', 'B分页任务众创空间', 'C分页任务众创空间'];
    for (const spaceName of names) {
      const app = await buildApplication(db, {
        batchId: batch.id,
        unit: (await buildApplicant(db)).unit,
        status: 'accepted',
        spaceName,
      });
      await assign(officer, app.id, expert.id);
    }
    const spaces = (body: { items: { application: { spaceName: string } }[] }) =>
      body.items.map((a) => a.application.spaceName);
    const first = (await client.get('/api/expert-assignments?pageSize=2&sort=spaceName&order=desc')).json();
    expect(first).toMatchObject({ total: 3, page: 1, pageSize: 2, nextCursor: 'o2' });
    expect(spaces(first)).toEqual(['C分页任务众创空间', 'B分页任务众创空间']);
    const next = (
      await client.get(`/api/expert-assignments?limit=2&cursor=${first.nextCursor}&sort=spaceName&order=desc`)
    ).json();
    expect(spaces(next)).toEqual(['A分页任务众创空间']);
    expect(next.nextCursor).toBeNull();
    const found = (await client.get(`/api/expert-assignments?q=${encodeURIComponent('B分页')}`)).json();
    expect(found.total).toBe(1);
    expect(spaces(found)).toEqual(['B分页任务众创空间']);
    expect((await client.get('/api/expert-assignments?status=submitted')).json().total).toBe(0);
    // The province officer's list holds them too, within its scope.
    const theirs = (await officer.get(`/api/expert-assignments?batchId=${batch.id}&pageSize=100`)).json();
    expect(theirs.total).toBe(3);
    expectError(await client.get('/api/expert-assignments?sort=expertName'), 422, 'validation_failed');
  });

  it('ranks the province’s accepted applications by average weighted score; unscored ones last', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const officer = await env().login((await buildProvinceOfficer(db)).username);
    const unit = await buildExpertUnit(db, SUZHOU);
    const e1 = await buildExpert(db, unit);
    const e2 = await buildExpert(db, unit);
    const c1 = await env().login(e1.username);
    const c2 = await env().login(e2.username);
    const apps = [];
    for (let i = 0; i < 3; i++)
      apps.push(
        await buildApplication(db, { batchId: batch.id, unit: (await buildApplicant(db)).unit, status: 'accepted' }),
      );
    const [low, high, unscored] = apps as [(typeof apps)[0], (typeof apps)[0], (typeof apps)[0]];
    const comment = '评审意见';
    for (const [app, s1, s2] of [
      [low, 0.6, 0.7],
      [high, 0.9, 0.8],
    ] as const) {
      const a1 = await assign(officer, app.id, e1.id);
      const a2 = await assign(officer, app.id, e2.id);
      await declare(c1, a1.id);
      await declare(c2, a2.id);
      expect(
        (await c1.post(`/api/expert-assignments/${a1.id}/score`, { scores: scoresAt(s1), comment })).statusCode,
      ).toBe(200);
      expect(
        (await c2.post(`/api/expert-assignments/${a2.id}/score`, { scores: scoresAt(s2), comment })).statusCode,
      ).toBe(200);
    }
    await assign(officer, unscored.id, e1.id);

    const res = await officer.get(`/api/batches/${batch.id}/ranking`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.criteria).toHaveLength(6);
    expect(r.items.map((i: { application: { id: string } }) => i.application.id)).toEqual([
      high.id,
      low.id,
      unscored.id,
    ]);
    expect(r.items[0]).toMatchObject({ rank: 1, averageScore: 85, scoredCount: 2, assignedCount: 2 });
    expect(r.items[1]).toMatchObject({ rank: 2, averageScore: 65 });
    expect(r.items[2]).toMatchObject({ rank: null, averageScore: null, scoredCount: 0, assignedCount: 1 });
    expect(r.items[0].criteriaAverages.find((c: { key: string }) => c.key === 'specialization').average).toBe(17);
    expect(r).toMatchObject({ total: 3, page: 1, pageSize: 20, nextCursor: null });

    // Paged on the server (issue 17): a page is cut from the whole ranking and keeps its ranks.
    const ids = (x: { items: { application: { id: string } }[] }) => x.items.map((i) => i.application.id);
    const second = (await officer.get(`/api/batches/${batch.id}/ranking?pageSize=1&page=2`)).json();
    expect(second).toMatchObject({ total: 3, page: 2, pageSize: 1, nextCursor: 'o2' });
    expect(second.items).toEqual([expect.objectContaining({ rank: 2, averageScore: 65 })]);
    expect(ids(second)).toEqual([low.id]);
    // In reverse order the unscored one stays last (empty values last), as in every list.
    expect(ids((await officer.get(`/api/batches/${batch.id}/ranking?order=desc`)).json())).toEqual([
      low.id,
      high.id,
      unscored.id,
    ]);
    const found = (
      await officer.get(`/api/batches/${batch.id}/ranking?q=${encodeURIComponent(high.spaceName)}`)
    ).json();
    expect(found).toMatchObject({ total: 1 });
    expect(found.items[0]).toMatchObject({ rank: 1 });
    expect((await officer.get(`/api/batches/${batch.id}/ranking?status=province_recommended`)).json().total).toBe(0);
    expectError(await officer.get(`/api/batches/${batch.id}/ranking?sort=averageScore`), 422, 'validation_failed');
    expectError(await officer.get(`/api/batches/${batch.id}/ranking?status=draft`), 422, 'validation_failed');

    // The same ranking as Excel: a title row, scores per criterion, in the ranking's order; audited.
    // Paging parameters do not cut the export: it is always the whole ranking.
    const xlsx = await officer.get(`/api/batches/${batch.id}/ranking.xlsx?pageSize=1&page=2`);
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    const sheet = await readSheet(xlsx.rawPayload);
    expect(String(sheet.rows[0]![0])).toContain('专家评审排名');
    const head = sheet.rows[2] as string[];
    expect(head.slice(0, 7)).toEqual(['排名', '申报编号', '众创空间名称', '运营主体', '所在市', '状态', '平均得分']);
    expect(head.length).toBe(7 + 6 + 2);
    const specialization = 7 + (r.criteria as { key: string }[]).findIndex((c) => c.key === 'specialization');
    expect(sheet.rows.slice(3).map((row) => [row[0] ?? null, row[6] ?? null])).toEqual([
      [1, 85],
      [2, 65],
      [null, null],
    ]);
    expect(sheet.rows[3]![specialization]).toBe(17);
    expect(sheet.rows[3]![13]).toBe('2/2');
    const audited = await db
      .selectFrom('audit_log')
      .select(['target_id', 'actor_id'])
      .where('action', '=', 'export.ranking_xlsx')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(audited.target_id).toBe(batch.id);

    // The Ministry names the province; city staff and other provinces do not see it.
    const ministry = await env().login((await buildMinistryOfficer(db)).username);
    expectError(await ministry.get(`/api/batches/${batch.id}/ranking`), 422, 'validation_failed');
    expect((await ministry.get(`/api/batches/${batch.id}/ranking?provinceId=prov-320000`)).json().items).toHaveLength(
      3,
    );
    const reviewer = await env().login((await buildCityReviewer(db)).username);
    expectError(await reviewer.get(`/api/batches/${batch.id}/ranking`), 403, 'forbidden');
    expectError(await reviewer.get(`/api/batches/${batch.id}/ranking.xlsx`), 403, 'forbidden');
    expectError(await officer.get(`/api/batches/${batch.id}/ranking?provinceId=prov-330000`), 404, 'not_found');
  });

  it('the province officer records field visits with photos; assigned experts read them; the applicant and city do not', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const a = await buildApplicant(db);
    const app = await buildApplication(db, { batchId: batch.id, unit: a.unit, status: 'accepted' });
    const officer = await env().login((await buildProvinceOfficer(db)).username);
    const url = `/api/applications/${app.id}/field-visits`;

    const created = await officer.post(url, {
      visitedOn: '2026-06-15',
      visitors: '省科技厅高新处 张迪；专家 王教授',
      findings: '场地与申报一致，公共技术服务平台运行正常。',
    });
    expect(created.statusCode, created.body).toBe(201);
    const visit = created.json().visit;
    expect(visit).toMatchObject({ visitedOn: '2026-06-15', version: 1, editable: true, photos: [] });

    const photoUrl = `/api/field-visits/${visit.id}/photos`;
    const photo = await officer.request({
      method: 'POST',
      url: photoUrl,
      ...multipart({ name: '现场.png', data: PNG }, null),
    });
    expect(photo.statusCode, photo.body).toBe(201);
    expect(photo.json().photo).toMatchObject({ fileName: '现场.png', mime: 'image/png' });
    const notPhoto = await officer.request({
      method: 'POST',
      url: photoUrl,
      ...multipart({ name: 'x.pdf', data: pdf() }, null),
    });
    expectError(notPhoto, 415, 'unsupported_file');

    const stale = await officer.patch(`/api/field-visits/${visit.id}`, { version: 2, findings: '修改调研情况' });
    expectError(stale, 409, 'version_conflict');
    const patched = await officer.patch(`/api/field-visits/${visit.id}`, {
      version: 1,
      findings: '补充：孵化企业 12 家。',
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().visit).toMatchObject({ version: 2, findings: '补充：孵化企业 12 家。' });
    expect(patched.json().visit.photos).toHaveLength(1);

    // Readers: an assigned expert yes (read-only); the applicant and the city no; another province 404.
    const expertUser = await buildExpert(db, await buildExpertUnit(db, SUZHOU));
    const expert = await env().login(expertUser.username);
    expectError(await expert.get(url), 404, 'not_found');
    await assign(officer, app.id, expertUser.id);
    const seen = await expert.get(url);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json().items[0]).toMatchObject({ editable: false, findings: '补充：孵化企业 12 家。' });
    // The server says who may record a visit: the province officer, not the assigned expert.
    expect(seen.json().allowedActions).toEqual([]);
    expect((await officer.get(url)).json().allowedActions).toEqual(['create']);
    const img = await expert.get(`${photoUrl}/${photo.json().photo.id}?disposition=inline`);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect(img.rawPayload.equals(PNG)).toBe(true);
    expectError(
      await expert.post(url, { visitedOn: '2026-06-16', visitors: '专家', findings: '看过' }),
      403,
      'forbidden',
    );
    const applicant = await env().login(a.username);
    expectError(await applicant.get(url), 403, 'forbidden');
    const reviewer = await env().login((await buildCityReviewer(db)).username);
    expectError(await reviewer.get(url), 403, 'forbidden');
    const zj = await env().login((await buildUser(db, { roles: ['province_officer'], orgId: 'prov-330000' })).username);
    expectError(await zj.get(url), 404, 'not_found');
    expectError(await zj.post(url, { visitedOn: '2026-06-16', visitors: '某某', findings: '看过' }), 404, 'not_found');
    expect(await db.selectFrom('field_visits').selectAll().execute()).toHaveLength(1);

    // The photo can be removed; audited.
    expect((await officer.delete(`${photoUrl}/${photo.json().photo.id}`)).statusCode).toBe(200);
    expect((await officer.get(url)).json().items[0].photos).toEqual([]);
    const actions = (
      await db
        .selectFrom('audit_log')
        .select('action')
        .where('target_id', '=', app.id)
        .where('action', 'like', 'field_visit.%')
        .orderBy('seq')
        .execute()
    ).map((r) => r.action);
    expect(actions).toEqual([
      'field_visit.create',
      'field_visit.photo_upload',
      'field_visit.update',
      'field_visit.photo_delete',
    ]);

    // Paged on the server (issue 17): the latest visit first, with the total; the order can be reversed.
    for (const visitedOn of ['2026-06-10', '2026-06-20'])
      expect((await officer.post(url, { visitedOn, visitors: '省科技厅', findings: '复查' })).statusCode).toBe(201);
    const page1 = (await expert.get(`${url}?pageSize=2`)).json();
    expect(page1).toMatchObject({ total: 3, page: 1, pageSize: 2, nextCursor: 'o2', allowedActions: [] });
    expect(page1.items.map((v: { visitedOn: string }) => v.visitedOn)).toEqual(['2026-06-20', '2026-06-15']);
    const page2 = (await expert.get(`${url}?pageSize=2&page=2`)).json();
    expect(page2.items.map((v: { visitedOn: string }) => v.visitedOn)).toEqual(['2026-06-10']);
    const oldest = (await officer.get(`${url}?order=asc&pageSize=1`)).json();
    expect(oldest.items.map((v: { visitedOn: string }) => v.visitedOn)).toEqual(['2026-06-10']);
    expect((await officer.get(url)).json().pageSize).toBe(10);
    expectError(await officer.get(`${url}?sort=findings`), 422, 'validation_failed');
  });
});
