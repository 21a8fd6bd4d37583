import { expect, it } from 'vitest';
import { describeEachDb } from '../helpers/env.js';
import { buildBatch, buildCityReviewer, buildProvinceOfficer, NANJING, SUZHOU, JIANGSU } from '../factories.js';
import JSZip from 'jszip';
import { DEMO_BATCH_ID, endOfBeijingDay, seedDemoBatch } from '../../src/server/db/seed/demo-batch.js';
import type { Client } from '../helpers/env.js';
import { multipartForm, PNG } from '../helpers/applications.js';

/** Posts a multipart form: text fields first, then the file. */
const upload = (client: Client, url: string, fields: Record<string, string>, file: { name: string; data: Buffer }) =>
  client.request({ method: 'POST', url, ...multipartForm(fields, file) });

describeEachDb('batches and the deadline cascade', (env) => {
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
});
