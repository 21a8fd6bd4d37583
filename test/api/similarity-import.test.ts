import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rng, TextGenerator } from '../../bench/lib/similarityCorpus.js';
import { importEarlierApplications } from '../../src/server/commands/similarity/importEarlierApplications.js';
import { openDatabase } from '../../src/server/db/database.js';
import { similarityIdle } from '../../src/server/similarity/scheduler.js';
import { act, completeContent, PLEDGE } from '../helpers/applications.js';
import { runCli } from '../helpers/backup.js';
import { describeEachDb, type Client } from '../helpers/env.js';
import { buildImportFolder } from '../helpers/similarityImport.js';
import { buildApplicant, buildBatch, buildCityReviewer, buildProvinceOfficer, NANJING } from '../factories.js';

const gen = new TextGenerator(rng(1517));
const texts = {
  docxHost: gen.text(700),
  docxGoals: gen.text(500),
  pdf: gen.text(600),
  txtResults: gen.text(500),
};

interface Source {
  applicationId: string | null;
  number: string | null;
  spaceName: string;
  unitName: string | null;
  cityName: string;
  batchName: string | null;
  year: number | null;
  sameUnit: boolean;
  canOpen: boolean;
  matchedChars: number;
}
interface Passage {
  section: string;
  text: string;
  source: { applicationId: string | null; section: string; text: string; index: number };
}

/** Issue 15, earlier years: `npm run similarity:import -- DIR` makes files of earlier 申报书 查重 sources. */
describeEachDb('查重: earlier years imported from files', (env) => {
  let batch: string;
  let reviewer: Client;
  let province: Client;
  let folder: Awaited<ReturnType<typeof buildImportFolder>>;

  const p = (t: string) => `<p>${t}</p>`;
  async function submit(
    parts: { hostOverview: string; goalsAndTasks?: string },
    applicant?: Awaited<ReturnType<typeof buildApplicant>>,
  ) {
    applicant ??= await buildApplicant(env().db, { cityOrgId: NANJING });
    const client = await env().login(applicant.username);
    const created = await client.post('/api/applications', { batchId: batch });
    expect(created.statusCode, created.body).toBe(201);
    const patched = await client.patch(`/api/applications/${created.json().id}`, {
      version: created.json().version,
      ...completeContent(applicant.unit, `南京${Math.random().toString(36).slice(2, 8)}专业化众创空间`),
      narrative: {
        hostOverview: p(parts.hostOverview),
        currentStatus: p(gen.text(400)),
        overallResults: p(gen.text(400)),
        successCases: [0, 1, 2].map((i) => ({
          title: `案例${i + 1}`,
          subject: `企业${i + 1}`,
          body: p(gen.text(300)),
        })),
        goalsAndTasks: p(parts.goalsAndTasks ?? gen.text(400)),
        organizationAndSupport: p(gen.text(400)),
      },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const res = await act(client, created.json().id, 'submit', { pledge: PLEDGE });
    expect(res.statusCode, res.body).toBe(200);
    await similarityIdle();
    return created.json().id as string;
  }
  const report = async (client: Client, id: string) => {
    const res = await client.get(`/api/applications/${id}/similarity`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().report as { status: string; sources: Source[]; passages: Passage[] };
  };
  const importAudits = () =>
    env()
      .db.selectFrom('audit_log')
      .select(['actor_name', 'target_type', 'summary'])
      .where('action', '=', 'similarity.import')
      .orderBy('seq')
      .execute();

  it('imports the docx, PDF and text files of the CSV; a missing file and a bad year are reported per row', async () => {
    const { db } = env();
    batch = (await buildBatch(db)).id;
    reviewer = await env().login((await buildCityReviewer(db, NANJING)).username);
    province = await env().login((await buildProvinceOfficer(db)).username);
    folder = await buildImportFolder(texts);

    const result = await importEarlierApplications(db, { dir: folder.dir, now: env().clock.now() });
    expect(result.rows.map((r) => [r.line, r.file, r.status])).toEqual([
      [2, 'a.docx', 'imported'],
      [3, 'sub/b.pdf', 'imported'],
      [4, 'c.txt', 'imported'],
      [5, 'missing.docx', 'failed'],
      [6, 'a.docx', 'failed'],
    ]);
    expect(result.rows[3]!.message).toContain('文件不存在');
    expect(result.rows[3]!.message).toContain('file not found');
    expect(result.rows[4]!.message).toContain('年度“19”无效');
    expect([result.imported, result.skipped, result.failed]).toEqual([3, 0, 2]);

    const sources = await db
      .selectFrom('similarity_external_sources')
      .innerJoin('similarity_documents as d', 'd.id', 'similarity_external_sources.doc_id')
      .select(['file_name', 'file_type', 'd.year', 'd.unit_name', 'd.uscc', 'd.kind', 'd.sections', 'd.city_name'])
      .orderBy('file_name')
      .execute();
    expect(sources.map((s) => [s.file_name, s.file_type, Number(s.year), s.kind, s.city_name])).toEqual([
      ['a.docx', 'docx', 2019, 'import', '南京市'],
      ['c.txt', 'txt', 2017, 'import', ''],
      ['sub/b.pdf', 'pdf', 2018, 'import', '苏州市'],
    ]);
    expect(sources[0]!.uscc).toBe('91320100MA1MXXXX09');
    // The docx is split at the outline's headings; the PDF, without headings, is one section.
    const keys = (json: string) => (JSON.parse(json) as { key: string }[]).map((s) => s.key);
    expect(keys(sources[0]!.sections)).toEqual(['preamble', 'hostOverview', 'goalsAndTasks']);
    expect(keys(sources[1]!.sections)).toEqual(['overallResults']);
    expect(keys(sources[2]!.sections)).toEqual(['fullText']);

    const audits = await importAudits();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor_name: 'cli', target_type: 'similarity_import' });
    expect(JSON.parse(audits[0]!.summary)).toMatchObject({
      csv: 'sources.csv',
      rows: 5,
      imported: 3,
      skipped: 0,
      failed: 2,
    });
  });

  it('a new application copying a passage of the imported docx (and of the PDF) lists them as sources', async () => {
    const copied = texts.docxHost.slice(100, 500);
    const id = await submit({
      hostOverview: gen.text(300) + copied + gen.text(300),
      goalsAndTasks: texts.pdf.slice(50, 350),
    });
    for (const viewer of [reviewer, province]) {
      const r = await report(viewer, id);
      expect(r.status).toBe('ready');
      const docx = r.sources.find((s) => s.number === 'a.docx');
      expect(docx).toMatchObject({
        applicationId: null,
        spaceName: '南京往年人工智能专业化众创空间',
        unitName: '南京往年示范科技有限公司',
        cityName: '南京市',
        batchName: '往年申报（导入）',
        year: 2019,
        sameUnit: false,
        canOpen: false,
      });
      expect(docx!.matchedChars).toBeGreaterThan(330);
      const pdf = r.sources.find((s) => s.number === 'sub/b.pdf');
      expect(pdf).toMatchObject({
        applicationId: null,
        year: 2018,
        unitName: '苏州旧档案有限公司',
        cityName: '苏州市',
      });

      const fromDocx = r.passages.find((x) => x.section === 'hostOverview' && x.source.applicationId === null);
      expect(fromDocx!.source.section).toBe('hostOverview');
      expect(copied).toContain(fromDocx!.text);
      expect(fromDocx!.text.length).toBeGreaterThan(350);
      expect(fromDocx!.source.text.replace(/\s/g, '')).toBe(fromDocx!.text);
      const fromPdf = r.passages.find((x) => x.section === 'goalsAndTasks');
      expect(fromPdf!.source).toMatchObject({ applicationId: null, section: 'fullText' });
      expect(fromPdf!.source.text.replace(/\s/g, '')).toContain(fromPdf!.text.slice(0, 100));
    }
  });

  it('the batch cross-check also finds the imported sources', async () => {
    const id = await submit({ hostOverview: gen.text(200) + texts.txtResults.slice(0, 400) });
    await env().db.deleteFrom('similarity_reports').where('application_id', '=', id).execute();
    const started = await province.post(`/api/batches/${batch}/similarity-runs`);
    expect(started.statusCode, started.body).toBe(202);
    await similarityIdle();
    const r = await report(reviewer, id);
    expect(r.status).toBe('ready');
    expect(r.sources.find((s) => s.number === 'c.txt')).toMatchObject({ applicationId: null, year: 2017 });
    expect(r.passages.find((x) => x.source.section === 'overallResults')).toBeDefined();
  });

  it('importing the same folder again imports nothing new (content hash); the run is audited again', async () => {
    const { db } = env();
    const count = async () =>
      Number(
        (
          await db
            .selectFrom('similarity_documents')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('kind', '=', 'import')
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count()).toBe(3);
    const again = await importEarlierApplications(db, { dir: folder.dir, now: env().clock.now() });
    expect([again.imported, again.skipped, again.failed]).toEqual([0, 3, 2]);
    expect(again.rows[0]!.message).toContain('内容已导入');
    expect(await count()).toBe(3);
    // The same text under another name, laid out otherwise, is the same document.
    fs.writeFileSync(
      path.join(folder.dir, 'c-copy.txt'),
      `\uFEFF二、取得成效\r\n\r\n  1. 总体成效\r\n${texts.txtResults.replace(/。/g, '。\r\n')}\r\n\r\n`,
    );
    fs.writeFileSync(
      path.join(folder.dir, 'copy.csv'),
      'file,year,unit,space\nc-copy.txt,2017,无锡文本单位,无锡文本物联网专业化众创空间\n',
    );
    const copy = await importEarlierApplications(db, { dir: folder.dir, csv: 'copy.csv', now: env().clock.now() });
    expect(copy.rows.map((r) => r.status)).toEqual(['skipped']);
    expect(await count()).toBe(3);
    const audits = await importAudits();
    expect(audits.map((a) => JSON.parse(a.summary) as { imported: number; skipped: number })).toMatchObject([
      { imported: 3 },
      { imported: 0, skipped: 3 },
      { imported: 0, skipped: 1 },
    ]);
  });

  it('a passage found in several imported 申报书 names its source (the best first), not none', async () => {
    // Two earlier files share a text: d1.txt (imported first) holds its first half, d2.txt all of it.
    const shared = gen.text(800);
    fs.writeFileSync(path.join(folder.dir, 'd1.txt'), shared.slice(0, 400) + gen.text(500));
    fs.writeFileSync(path.join(folder.dir, 'd2.txt'), gen.text(300) + shared + gen.text(300));
    fs.writeFileSync(
      path.join(folder.dir, 'several.csv'),
      'file,year,unit,space,city\nd1.txt,2021,甲往年单位,甲往年众创空间,南京市\nd2.txt,2022,乙往年单位,乙往年众创空间,苏州市\n',
    );
    const result = await importEarlierApplications(env().db, {
      dir: folder.dir,
      csv: 'several.csv',
      now: env().clock.now(),
    });
    expect(result.rows.map((r) => r.status)).toEqual(['imported', 'imported']);
    const id = await submit({ hostOverview: gen.text(200) + shared + gen.text(200) });
    const r = await report(reviewer, id);
    expect(r.sources.map((s) => s.number)).toEqual(['d2.txt', 'd1.txt']);
    expect(r.passages.length).toBeGreaterThanOrEqual(2);
    const named = r.passages.map((p) => r.sources[p.source.index]?.number);
    expect(named).toContain('d1.txt');
    expect(named).toContain('d2.txt');
    for (const p of r.passages) {
      const s = r.sources[p.source.index]!;
      expect(s.applicationId).toBeNull();
      expect(shared).toContain(p.text);
    }
    // The text both files hold is listed first under the best source (the one matching most).
    expect(r.passages[0]!.source.index).toBe(0);
    expect(r.passages[0]!.text.length).toBeGreaterThan(700);
  });

  it('a unit’s own earlier 申报书 (same USCC) is marked sameUnit and left out of the ratio excluding the unit', async () => {
    const applicant = await buildApplicant(env().db, { cityOrgId: NANJING });
    const own = gen.text(600);
    fs.writeFileSync(path.join(folder.dir, 'own.txt'), own);
    fs.writeFileSync(
      path.join(folder.dir, 'own.csv'),
      `file,year,unit,uscc,space,city\nown.txt,2020,本单位往年,${applicant.unit.uscc},本单位往年空间,南京市\n`,
    );
    const result = await importEarlierApplications(env().db, {
      dir: folder.dir,
      csv: 'own.csv',
      now: env().clock.now(),
    });
    expect(result.rows.map((r) => r.status)).toEqual(['imported']);
    const id = await submit({ hostOverview: own }, applicant);
    const r = await report(reviewer, id);
    expect(r.sources.find((s) => s.number === 'own.txt')).toMatchObject({ sameUnit: true, year: 2020 });
    const figures = r as unknown as { overall: number; overallExcludingSameUnit: number };
    expect(figures.overall).toBeGreaterThan(0.1);
    expect(figures.overallExcludingSameUnit).toBe(0);
    folder.cleanup();
  });
});

describe('npm run similarity:import (the command line)', () => {
  it('prints each row and exits 1 when a row failed; 2 without a folder', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'similarity-import-cli-'));
    const folder = await buildImportFolder(texts);
    try {
      const env = { DATA_DIR: dataDir, SEED_DEMO: '0' };
      const run = await runCli('similarity-import', [folder.dir], env);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stdout).toMatch(/第 2 行 line 2 · a\.docx · 导入 imported/);
      expect(run.stdout).toMatch(/第 5 行 line 5 · missing\.docx · 失败 FAILED · 文件不存在 · file not found/);
      expect(run.stdout).toContain('导入 3，跳过 0，失败 2');
      const usage = await runCli('similarity-import', [], env);
      expect(usage.code).toBe(2);
      expect(usage.stdout).toContain('Usage: npm run similarity:import -- DIR');

      const check = openDatabase({ sqlitePath: path.join(dataDir, 'makerspace.sqlite') });
      const n = await check.db.selectFrom('similarity_external_sources').select('id').execute();
      await check.destroy();
      expect(n).toHaveLength(3);
    } finally {
      folder.cleanup();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
