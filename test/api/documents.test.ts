import { beforeAll, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { narrativeOutline } from '../../src/domain/application.js';
import { supervisorPledgeText } from '../../src/domain/pledges.js';
import { formatVerificationCode, verificationCode } from '../../src/domain/verification-code.js';
import { describeEachDb, type Client } from '../helpers/env.js';
import { act, completeContent, expectError, PLEDGE, PNG, pdf, upload } from '../helpers/applications.js';
import {
  explainSkips,
  HAS_POPPLER,
  HAS_SOFFICE,
  listZip,
  officeToPdf,
  pdfText,
  unzipEntry,
} from '../helpers/documents.js';
import { buildApplicant, buildBatch, buildCityApprover, buildCityReviewer, SUZHOU } from '../factories.js';

explainSkips();

const squash = (s: string) => s.replace(/\s+/g, '');
const CITY_PLEDGE = { signerName: '周建华', agreed: true };

/** The body of a binary response (inject keeps it in rawPayload). */
const bytes = (res: LightMyRequestResponse) => res.rawPayload;

function expectDownload(res: LightMyRequestResponse, type: string, name: RegExp) {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toContain(type);
  const disposition = String(res.headers['content-disposition']);
  expect(disposition).toMatch(/^attachment; filename="[^"]*"; filename\*=UTF-8''/);
  expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toMatch(name);
}

describeEachDb('documents: PDFs, Word, Excel, ZIP and the public verification page', (env) => {
  let batchId: string;
  let reviewer: Client;
  let approver: Client;
  let suzhouReviewer: Client;
  /** Returned once and resubmitted: its first code is outdated. */
  const a = {
    id: '',
    name: '南京芯创集成电路专业化众创空间',
    oldCode: '',
    code: '',
    number: '',
    client: null as unknown as Client,
  };
  const b = { id: '', name: '南京药谷生物医药专业化众创空间', code: '', number: '', client: null as unknown as Client };
  let dispatchId: string;
  const licence = pdf();

  async function detail(c: Client, id: string) {
    const res = await c.get(`/api/applications/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  async function fill(
    c: Client,
    id: string,
    unit: { uscc: string },
    name: string,
    change: (x: ReturnType<typeof completeContent>) => void = () => {},
  ) {
    const content = completeContent(unit, name);
    change(content);
    const res = await c.patch(`/api/applications/${id}`, { version: (await detail(c, id)).version, ...content });
    expect(res.statusCode, res.body).toBe(200);
  }

  beforeAll(async () => {
    const db = env().db;
    batchId = (await buildBatch(db)).id;
    reviewer = await env().login((await buildCityReviewer(db)).username);
    approver = await env().login((await buildCityApprover(db)).username);
    suzhouReviewer = await env().login((await buildCityReviewer(db, SUZHOU)).username);

    // A: uploads two files, submits, is returned, changes a figure and resubmits (version 2).
    const ua = await buildApplicant(db);
    a.client = await env().login(ua.username);
    a.id = (await a.client.post('/api/applications', { batchId })).json().id;
    await fill(a.client, a.id, ua.unit, a.name);
    expect(
      (
        await upload(
          a.client,
          a.id,
          { name: '营业执照（副本）.pdf', data: licence, type: 'application/pdf' },
          'business_license',
        )
      ).statusCode,
    ).toBe(201);
    expect(
      (await upload(a.client, a.id, { name: '场地照片.png', data: PNG, type: 'image/png' }, 'site_photos')).statusCode,
    ).toBe(201);
    expect((await act(a.client, a.id, 'submit', { pledge: PLEDGE })).statusCode).toBe(200);
    a.oldCode = verificationCode((await detail(reviewer, a.id)).snapshot.sha256);
    expect((await act(reviewer, a.id, 'return', { comment: '请补充活动次数的说明' })).statusCode).toBe(200);
    await fill(a.client, a.id, ua.unit, a.name, (c) => (c.basicInfo.eventCount = 45));
    expect((await act(a.client, a.id, 'submit', { pledge: PLEDGE })).statusCode).toBe(200);
    const da = await detail(reviewer, a.id);
    a.code = verificationCode(da.snapshot.sha256);
    a.number = da.number;
    expect(a.code).not.toBe(a.oldCode);

    // B: submitted once.
    const ub = await buildApplicant(db);
    b.client = await env().login(ub.username);
    b.id = (await b.client.post('/api/applications', { batchId })).json().id;
    await fill(b.client, b.id, ub.unit, b.name);
    expect((await act(b.client, b.id, 'submit', { pledge: PLEDGE })).statusCode).toBe(200);
    const dbb = await detail(reviewer, b.id);
    b.code = verificationCode(dbb.snapshot.sha256);
    b.number = dbb.number;

    // The city recommends both, B ranked first, and sends them.
    for (const id of [a.id, b.id]) expect((await act(reviewer, id, 'recommend')).statusCode).toBe(200);
    const d = await reviewer.post('/api/dispatches', {
      applicationIds: [b.id, a.id],
      letter: '经审查，现推荐以下两家专业化众创空间申报第四批国家专业化众创空间备案示范。',
    });
    expect(d.statusCode, d.body).toBe(200);
    dispatchId = d.json().dispatch.id;
    const sent = await approver.post(`/api/dispatches/${dispatchId}/actions/send`, { pledge: CITY_PLEDGE });
    expect(sent.statusCode, sent.body).toBe(200);
  });

  it('serves the application PDF of the current submitted version, with its length and a UTF-8 file name', async () => {
    const res = await a.client.get(`/api/applications/${a.id}/pdf`);
    expectDownload(res, 'application/pdf', /^南京芯创集成电路专业化众创空间-申报材料\.pdf$/);
    expect(Number(res.headers['content-length'])).toBe(bytes(res).length);
    expect(bytes(res).subarray(0, 5).toString()).toBe('%PDF-');
    const inline = await reviewer.get(`/api/applications/${a.id}/pdf?disposition=inline`);
    expect(String(inline.headers['content-disposition'])).toMatch(/^inline;/);
  });

  it.skipIf(!HAS_POPPLER)(
    'prints the current code on every page, and that code verifies as the latest version',
    async () => {
      const res = await reviewer.get(`/api/applications/${a.id}/pdf`);
      const pages = pdfText(bytes(res))
        .split('\f')
        .filter((p) => p.trim());
      for (const p of pages) {
        expect(squash(p)).toContain(`校验码：${formatVerificationCode(a.code)}`);
        expect(squash(p)).toContain(`申报编号：${a.number}`);
      }
      const flat = squash(pdfText(bytes(res), { raw: true }));
      expect(flat).toContain(a.name);
      expect(flat).toContain('营业执照（副本）.pdf');
      expect(flat).toContain('运营主体法人（签字或盖章）：王建国');
      expect(flat).not.toContain('草稿');
      // Typed from the page into the verification page: the current version.
      const printed = /校验码：([0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4})/.exec(squash(pages[0]!))![1]!;
      const check = await env().anonymous().get(`/api/verify/${printed}`);
      expect(check.statusCode, check.body).toBe(200);
      expect(check.json().matches).toEqual([
        expect.objectContaining({ number: a.number, spaceName: a.name, seq: 2, latestSeq: 2, isLatest: true }),
      ]);
    },
  );

  it.skipIf(!HAS_POPPLER)('watermarks the working copy of a draft 草稿, without a code', async () => {
    const u = await buildApplicant(env().db);
    const c = await env().login(u.username);
    const id = (await c.post('/api/applications', { batchId })).json().id;
    const saved = await c.patch(`/api/applications/${id}`, {
      version: 1,
      basicInfo: { spaceName: '无锡物联网专业化众创空间' },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const res = await c.get(`/api/applications/${id}/pdf`);
    expectDownload(res, 'application/pdf', /（草稿）\.pdf$/);
    const text = squash(pdfText(bytes(res)));
    expect(text).toContain('无锡物联网专业化众创空间');
    expect(text).toContain('草稿·无校验码');
    expect(text).not.toContain('校验码：');
  });

  it('answers 404 to another city, and 401 without a session, for every document of the application and dispatch', async () => {
    for (const url of [
      `/api/applications/${a.id}/pdf`,
      `/api/applications/${a.id}/narrative.docx`,
      `/api/dispatches/${dispatchId}/letter.pdf`,
      `/api/dispatches/${dispatchId}/letter.docx`,
      `/api/dispatches/${dispatchId}/pledge.pdf`,
      `/api/dispatches/${dispatchId}/pledge.docx`,
      `/api/dispatches/${dispatchId}/package.zip`,
    ]) {
      expectError(await suzhouReviewer.get(url), 404, 'not_found');
      expect((await env().anonymous().get(url)).statusCode, url).toBe(401);
    }
    // Another unit's applicant does not reach A either.
    expectError(await b.client.get(`/api/applications/${a.id}/pdf`), 404, 'not_found');
    expectError(await reviewer.get('/api/applications/00000000-0000-0000-0000-000000000000/pdf'), 404, 'not_found');
  });

  it.skipIf(!HAS_POPPLER)(
    'serves the 推荐函 and the attachment-5 pledge of the dispatch as PDF, ranked and signed',
    async () => {
      const letter = await reviewer.get(`/api/dispatches/${dispatchId}/letter.pdf`);
      expectDownload(letter, 'application/pdf', /^南京市科学技术局-推荐函-\d{4}-\d{2}-\d{2}\.pdf$/);
      const text = squash(pdfText(bytes(letter), { raw: true }));
      expect(text).toContain('关于推荐');
      expect(text).toContain('经审查，现推荐以下两家专业化众创空间');
      expect(text.indexOf(b.name)).toBeGreaterThan(-1);
      expect(text.indexOf(b.name)).toBeLessThan(text.indexOf(a.name));
      expect(text).toContain(formatVerificationCode(a.code));
      const pledge = squash(
        pdfText(bytes(await reviewer.get(`/api/dispatches/${dispatchId}/pledge.pdf`)), { raw: true }),
      );
      expect(pledge).toContain(supervisorPledgeText.title);
      expect(pledge).toContain('周建华');
    },
  );

  it.skipIf(!HAS_SOFFICE || !HAS_POPPLER)(
    'serves Word and Excel files that LibreOffice opens with the Chinese intact',
    async () => {
      const letter = await reviewer.get(`/api/dispatches/${dispatchId}/letter.docx`);
      expectDownload(letter, 'wordprocessingml', /推荐函.*\.docx$/);
      const pledge = await reviewer.get(`/api/dispatches/${dispatchId}/pledge.docx`);
      expectDownload(pledge, 'wordprocessingml', /信用承诺书.*\.docx$/);
      const narrative = await a.client.get(`/api/applications/${a.id}/narrative.docx`);
      expectDownload(narrative, 'wordprocessingml', /^南京芯创集成电路专业化众创空间-申报书\.docx$/);
      const xlsx = await reviewer.get('/api/exports/applications.xlsx');
      expectDownload(xlsx, 'spreadsheetml', /^申报汇总表-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const converted = officeToPdf({
        'letter.docx': bytes(letter),
        'pledge.docx': bytes(pledge),
        'narrative.docx': bytes(narrative),
        'summary.xlsx': bytes(xlsx),
      });
      expect(squash(pdfText(converted['letter.docx']!, { raw: true }))).toContain(b.name);
      expect(squash(pdfText(converted['pledge.docx']!, { raw: true }))).toContain(
        squash(supervisorPledgeText.items[1]!),
      );
      const n = squash(pdfText(converted['narrative.docx']!, { raw: true }));
      for (const h of narrativeOutline) expect(n).toContain(squash(h.label));
      const s = squash(pdfText(converted['summary.xlsx']!, { raw: true }));
      expect(s).toContain(a.number);
      expect(s).toContain(b.name);
    },
    120_000,
  );

  it('exports the 汇总表 scoped like the list, with its filters, and audits the export', async () => {
    // Count only this test's exports, so the figure does not depend on which earlier tests ran.
    const exportsAudited = async () =>
      env()
        .db.selectFrom('audit_log')
        .select(['action', 'summary'])
        .where('action', '=', 'export.applications_xlsx')
        .execute();
    const before = (await exportsAudited()).length;
    const sheet = async (c: Client, query = '') => {
      const res = await c.get(`/api/exports/applications.xlsx${query}`);
      expectDownload(res, 'spreadsheetml', /\.xlsx$/);
      return unzipEntry(bytes(res), 'xl/worksheets/sheet1.xml').toString('utf8');
    };
    const all = await sheet(reviewer);
    expect(all).toContain(a.number);
    expect(all).toContain(b.number);
    expect(all).toContain('已报送省厅');
    expect(all).toMatch(/<autoFilter ref="A2:[A-Z]+2"\/>/);
    // In recommendation order: the dispatch ranks B first, whatever order the list shows.
    expect(all.indexOf(b.number)).toBeLessThan(all.indexOf(a.number));
    expect(all).toContain('国家专业化众创空间申报汇总表');
    const filtered = await sheet(reviewer, `?q=${encodeURIComponent(a.name)}`);
    expect(filtered).toContain(a.number);
    expect(filtered).not.toContain(b.number);
    expect(await sheet(reviewer, '?status=draft')).not.toContain(a.number);
    const other = await sheet(suzhouReviewer);
    expect(other).not.toContain(a.number);
    expect(other).not.toContain(b.name);
    const own = await sheet(b.client);
    expect(own).toContain(b.number);
    expect(own).not.toContain(a.number);
    const audit = await exportsAudited();
    expect(audit.length - before).toBe(5);
    expect(audit.some((r) => r.summary.includes(a.name))).toBe(true);
  });

  it('streams the dispatch package: 推荐函, pledge, 汇总表 at the root, a folder per application by rank and name', async () => {
    const res = await reviewer.get(`/api/dispatches/${dispatchId}/package.zip`);
    expectDownload(res, 'application/zip', /^南京市科学技术局-报送材料-\d{4}-\d{2}-\d{2}\.zip$/);
    expect(res.headers['content-length']).toBeUndefined();
    const zip = bytes(res);
    const entries = listZip(zip);
    // Instead of a length, an estimate for the client's progress: of the right order of magnitude.
    const expected = Number(res.headers['x-expected-length']);
    expect(expected).toBeGreaterThan(zip.length / 2);
    expect(expected).toBeLessThan(zip.length * 2);
    const names = entries.map((e) => e.name);
    expect(names.slice(0, 5)).toEqual([
      '推荐函.pdf',
      '信用承诺书.pdf',
      '汇总表.xlsx',
      `1-${b.name}/申报材料（${b.number}）.pdf`,
      `2-${a.name}/申报材料（${a.number}）.pdf`,
    ]);
    // The uploads follow their application's PDF (two uploads at the same instant have no set order).
    expect(names.slice(5).sort()).toEqual([`2-${a.name}/场地照片.png`, `2-${a.name}/营业执照（副本）.pdf`].sort());
    expect(entries.every((e) => e.utf8)).toBe(true);
    // The uploads are the stored bytes; the application PDF is the submitted version.
    expect(unzipEntry(zip, `2-${a.name}/营业执照（副本）.pdf`).equals(licence)).toBe(true);
    if (HAS_POPPLER) {
      const text = squash(pdfText(unzipEntry(zip, `2-${a.name}/申报材料（${a.number}）.pdf`)));
      expect(text).toContain(`校验码：${formatVerificationCode(a.code)}`);
    }
    const audit = await env()
      .db.selectFrom('audit_log')
      .select(['action', 'target_id'])
      .where('action', '=', 'export.dispatch_package')
      .execute();
    expect(audit.map((r) => r.target_id)).toContain(dispatchId);
  });

  it('verifies a code without a session: the current version, an outdated one, an unknown one, and garbage', async () => {
    const anon = env().anonymous();
    const current = await anon.get(`/verify/${a.code}`);
    expect(current.statusCode).toBe(200);
    expect(current.headers['content-type']).toContain('text/html');
    const page = squash(current.body);
    expect(page).toContain('对应该申报的最新提交版本');
    expect(page).toContain(a.number);
    expect(page).toContain(a.name);
    expect(page).toContain('第2版');
    // Never the content: no names of people, no address, no figures.
    for (const secret of ['王建国', '13851234567', '星火路', '芯源微电子']) expect(current.body).not.toContain(secret);

    const old = await anon.get(`/verify/${formatVerificationCode(a.oldCode).toUpperCase()}`);
    expect(old.statusCode).toBe(200);
    expect(squash(old.body)).toContain('对应的是旧版本：该申报已提交第2版');
    expect(squash(old.body)).toContain('第1版');
    const oldJson = await anon.get(`/api/verify/${a.oldCode}`);
    expect(oldJson.json().matches).toEqual([
      expect.objectContaining({ seq: 1, latestSeq: 2, isLatest: false, number: a.number }),
    ]);

    const unknown = await anon.get('/verify/ffffffffffff');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('未找到');
    expectError(await anon.get('/api/verify/ffffffffffff'), 404, 'not_found');

    const garbage = await anon.get('/verify/not-a-code');
    expect(garbage.statusCode).toBe(400);
    expect(garbage.body).toContain('校验码格式不正确');
    expectError(await anon.get('/api/verify/xyz'), 422, 'validation_failed');

    // The form on the page: a typed code (any case, with hyphens) leads to its page.
    const typed = await anon.get(`/verify?code=${encodeURIComponent(formatVerificationCode(b.code).toUpperCase())}`);
    expect(typed.statusCode).toBe(303);
    expect(typed.headers.location).toBe(`/verify/${b.code}`);
    expect((await anon.get('/verify')).body).toContain('<form');
    // Every variant has the site's header with a way home and to the public pages.
    for (const res of [current, unknown, garbage]) {
      for (const link of ['href="/notice"', 'href="/public/filed"', 'href="/login"']) expect(res.body).toContain(link);
    }
  });
});
