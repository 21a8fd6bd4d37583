import fs from 'node:fs';
import path from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { basicInfoFields, narrativeOutline } from '../../src/domain/application.js';
import { cloneExampleContent, exampleContent } from '../../src/domain/example-content.js';
import { applicantPledgeText, supervisorPledgeText } from '../../src/domain/pledges.js';
import {
  renderApplicationPdf,
  verifyUrl,
  type ApplicationPdfInput,
} from '../../src/server/documents/applicationPdf.js';
import { folderName, uniqueNames, writeDispatchZip } from '../../src/server/documents/dispatchZip.js';
import { parseHtml } from '../../src/server/documents/html.js';
import {
  letterTitle,
  renderLetterDocx,
  renderLetterPdf,
  renderPledgeDocx,
  renderPledgePdf,
  type DispatchPaperInput,
} from '../../src/server/documents/letters.js';
import { renderNarrativeDocx } from '../../src/server/documents/narrativeDocx.js';
import { SUMMARY_COLUMNS, writeSummaryXlsx, type SummaryRow } from '../../src/server/documents/summaryXlsx.js';
import {
  compareRasters,
  decodePng,
  explainSkips,
  HAS_POPPLER,
  HAS_SOFFICE,
  listZip,
  officeToPdf,
  pdfText,
  renderPagePng,
  unzipEntry,
} from '../helpers/documents.js';
import { readSheet } from '../helpers/xlsx.js';

explainSkips();

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const REFERENCE = path.join(FIXTURES, 'application-page1.png');

const SHA = '3f2a9c0b7d41e5a86c1d2b3a4f5e6d7c8b9a0f1e2d3c4b5a69788796a5b4c3d2';
const CODE = '3f2a9c0b7d41';

/** Fixed content, ids, times and fingerprint: the page-1 reference depends on nothing else. */
export const fixedApplication = (over: Partial<ApplicationPdfInput> = {}): ApplicationPdfInput => ({
  number: '2020-320100-0001',
  batchName: '第四批国家专业化众创空间备案示范',
  unitName: '南京芯创科技服务有限公司',
  cityName: '南京市',
  content: exampleContent,
  version: { seq: 2, sha256: SHA, submittedAt: '2026-06-01T02:00:00.000Z' },
  draft: false,
  files: [
    {
      fileName: '营业执照（副本）.pdf',
      kindLabel: '运营主体营业执照',
      size: 348_210,
      sha256: 'ab'.repeat(32),
      uploadedAt: '2026-05-30T03:00:00.000Z',
    },
    {
      fileName: '场地照片-1.jpg',
      kindLabel: '场地照片',
      size: 1_820_000,
      sha256: 'cd'.repeat(32),
      uploadedAt: '2026-05-30T03:05:00.000Z',
    },
  ],
  pledge: { signerName: '王建国', signedAt: '2026-06-01T02:00:00.000Z' },
  verifyBaseUrl: 'https://filing.example.cn',
  generatedAt: new Date('2026-06-01T02:00:00.000Z'),
  ...over,
});

const paper = (over: Partial<DispatchPaperInput> = {}): DispatchPaperInput => ({
  level: 'city',
  fromOrgName: '南京市科学技术局',
  toOrgName: '江苏省科学技术厅',
  batchName: '第四批国家专业化众创空间备案示范',
  letter:
    '根据苏科高发〔2020〕174号通知要求，我局对辖区内申报材料进行了真实性审查。\n现推荐以下专业化众创空间，请予审核。',
  letterNo: '',
  contactName: '',
  contactPhone: '',
  supplementary: false,
  items: [
    {
      rank: 1,
      number: '2020-320100-0001',
      spaceName: '南京芯创集成电路专业化众创空间',
      unitName: '南京芯创科技服务有限公司',
      code: CODE,
    },
    {
      rank: 2,
      number: '2020-320100-0002',
      spaceName: '南京生物医药专业化众创空间',
      unitName: '南京药谷运营管理有限公司',
      code: 'aa11bb22cc33',
    },
  ],
  sentAt: '2026-06-20T02:00:00.000Z',
  pledge: { signerName: '周建华', signedAt: '2026-06-20T02:00:00.000Z' },
  generatedAt: new Date('2026-06-20T02:00:00.000Z'),
  ...over,
});

/** pdftotext keeps the order of drawing, not always of reading: compare without white space. */
const squash = (s: string) => s.replace(/\s+/g, '');

describe('rich text reader', () => {
  it('reads paragraphs, styles, line breaks, lists, tables, quotes and images', () => {
    const blocks = parseHtml(
      '<p>甲<strong>乙</strong>丙<br>丁 &amp; 戊</p><ul><li>一</li><li>二<ol><li>a</li></ol></li></ul>' +
        '<table><tbody><tr><th>表头</th><td colspan="2">值</td></tr></tbody></table>尾<img src="data:image/png;base64,AA" alt="图"><blockquote><p>引</p></blockquote>',
    );
    expect(blocks.map((b) => b.type)).toEqual(['paragraph', 'list', 'table', 'paragraph', 'image', 'quote']);
    expect(blocks[0]).toEqual({
      type: 'paragraph',
      runs: [{ text: '甲' }, { text: '乙', bold: true }, { text: '丙\n丁 & 戊' }],
    });
    const list = blocks[1] as Extract<(typeof blocks)[number], { type: 'list' }>;
    expect(list.items).toHaveLength(2);
    expect(list.items[1]![1]).toMatchObject({ type: 'list', ordered: true });
    const table = blocks[2] as Extract<(typeof blocks)[number], { type: 'table' }>;
    expect(table.rows[0]!.map((c) => [c.header, c.colspan])).toEqual([
      [true, 1],
      [false, 2],
    ]);
  });

  it('never throws on broken markup', () => {
    for (const html of ['<p>未闭合', '</li></ul>孤立', '<td>无表格</td>', '<table><td>x', '<<>>', '<p><p><p>', '']) {
      expect(() => parseHtml(html)).not.toThrow();
    }
  });
});

describe.skipIf(!HAS_POPPLER)('application PDF (pdftotext)', () => {
  it('carries the form, the 申报书, the files and the pledge as real, searchable Chinese text', async () => {
    const pdf = await renderApplicationPdf(fixedApplication());
    // Raw order is drawing order: each table cell's lines one after another.
    const flat = squash(pdfText(pdf, { raw: true }));
    // Attachment 2: heading, every printed label, the answers.
    expect(flat).toContain('专业化众创空间基础信息表');
    for (const f of basicInfoFields) {
      if (f.key === 'operatorUscc' || f.key === 'enterpriseOwnership' || f.key === 'managementSystemsOther') continue;
      expect(flat, f.label).toContain(squash(f.label));
    }
    for (const v of [
      '南京芯创集成电路专业化众创空间',
      '南京芯创科技服务有限公司',
      '91320100MA1N2B3C40',
      '025-58601234',
      '13851234567',
      '2016年9月20日',
      '南京芯源微电子股份有限公司',
      '集成电路设计、半导体封装测试、EDA工具',
      '6800',
      '知识产权管理办法',
    ]) {
      expect(flat, v).toContain(squash(v));
    }
    // The boxes are glyphs: ticked ones carry a ✓.
    expect(flat).toContain('✓民营');
    expect(flat).toMatch(/□国有/);
    // Attachment 3 headings and the cases.
    for (const h of narrativeOutline) expect(flat).toContain(squash(h.label));
    for (const c of exampleContent.narrative.successCases) expect(flat).toContain(squash(c.title));
    // Files and pledge.
    expect(flat).toContain('营业执照（副本）.pdf');
    expect(flat).toContain(squash(applicantPledgeText.items[1]!));
    expect(flat).toContain('运营主体法人（签字或盖章）：王建国');
  });

  it('prints the number, the code, the verification address and 第 N 页 共 M 页 on every page', async () => {
    const pdf = await renderApplicationPdf(fixedApplication());
    const pages = pdfText(pdf)
      .split('\f')
      .filter((p) => p.trim());
    expect(pages.length).toBeGreaterThanOrEqual(4);
    pages.forEach((page, i) => {
      const flat = squash(page);
      expect(flat).toContain('申报编号：2020-320100-0001');
      expect(flat).toContain('校验码：3f2a-9c0b-7d41');
      expect(flat).toContain(verifyUrl('https://filing.example.cn', CODE));
      expect(flat).toContain(`第${i + 1}页共${pages.length}页`);
    });
  });

  it('fits attachment 2 on page 1', async () => {
    const page1 = squash(pdfText(await renderApplicationPdf(fixedApplication()), { page: 1 }));
    expect(page1).toContain('管理制度');
    expect(page1).toContain('省级众创空间备案情况');
    expect(page1).not.toContain('国家专业化众创空间备案申报书');
  });

  it('watermarks a draft 草稿 and gives it no code', async () => {
    const content = cloneExampleContent() as unknown as Record<string, unknown>;
    delete content.narrative;
    const pdf = await renderApplicationPdf(
      fixedApplication({ draft: true, version: null, number: null, pledge: null, content }),
    );
    const text = squash(pdfText(pdf));
    expect(text).toContain('草稿');
    expect(text).toContain('无校验码');
    expect(text).not.toContain('校验码：');
    expect(text).toContain('（未填写）');
    expect(text).toContain('尚未签署');
  });

  it('renders partial and hostile content without failing', async () => {
    const pdf = await renderApplicationPdf(
      fixedApplication({
        draft: true,
        version: null,
        content: {
          basicInfo: { spaceName: 'x'.repeat(300), mainFields: null, backing: { university: { answer: 'yes' } } },
          narrative: {
            hostOverview: '<table><tr><td>' + '很长的单元格'.repeat(400) + '</td></tr></table><p>结尾段落野家</p>',
            successCases: [null, {}],
          },
        },
        files: [],
      }),
    );
    expect(squash(pdfText(pdf))).toContain('结尾段落野家');
  });
});

describe.skipIf(!HAS_POPPLER)('application PDF page 1 against the reviewed reference', () => {
  it('looks like the reference rendering of attachment 2', async () => {
    const png = renderPagePng(await renderApplicationPdf(fixedApplication()), 1, 80);
    if (process.env.UPDATE_REFERENCE === '1' || !fs.existsSync(REFERENCE)) {
      fs.mkdirSync(FIXTURES, { recursive: true });
      fs.writeFileSync(REFERENCE, png);
      if (process.env.UPDATE_REFERENCE !== '1')
        throw new Error(`no reference image: wrote ${REFERENCE}; review it and commit it`);
    }
    const diff = compareRasters(decodePng(png), decodePng(fs.readFileSync(REFERENCE)));
    // Same fonts (embedded), same layout: only anti-aliasing may differ between poppler versions.
    expect(diff.mean).toBeLessThan(1.5);
    expect(diff.changed).toBeLessThan(0.002);
  });

  it('notices a changed answer (the comparison is not blind)', async () => {
    const content = cloneExampleContent();
    content.basicInfo.operatorNature = 'university';
    content.basicInfo.backing.researchInstitute = { answer: 'yes', name: '中国科学院南京分院' };
    const png = renderPagePng(await renderApplicationPdf(fixedApplication({ content })), 1, 80);
    const diff = compareRasters(decodePng(png), decodePng(fs.readFileSync(REFERENCE)));
    expect(diff.changed).toBeGreaterThan(0.0005);
  });
});

describe.skipIf(!HAS_POPPLER)('推荐函 and attachment-5 pledge as PDF', () => {
  it('the letter has its title, addressee, text, ranked list with codes, sender and date', async () => {
    const text = squash(pdfText(await renderLetterPdf(paper()), { raw: true }));
    expect(text).toContain(letterTitle(paper()));
    expect(text).toContain('江苏省科学技术厅：');
    expect(text).toContain('我局对辖区内申报材料进行了真实性审查');
    expect(text).toContain('南京生物医药专业化众创空间');
    expect(text).toContain('aa11-bb22-cc33');
    expect(text).toContain('2026年6月20日');
    expect(text).toContain('第1页共1页');
    expect(text).not.toContain('草稿');
  });

  it('prints the salutation and the signature once, even when the stored letter typed them (issue 14)', async () => {
    const typed = [
      '江苏省科学技术厅：',
      '\u3000\u3000经审核，现推荐以下专业化众创空间。',
      '\u3000\u3000特此函告。',
      '',
      '南京市科学技术局',
      '2026年6月20日',
    ].join('\n');
    const input = paper({
      letter: typed,
      letterNo: '宁科函〔2026〕56号',
      contactName: '陈静',
      contactPhone: '025-83379768',
    });
    for (const text of [
      squash(pdfText(await renderLetterPdf(input), { raw: true })),
      ...(HAS_SOFFICE ? [squash(pdfText(officeToPdf({ 'l.docx': await renderLetterDocx(input) })['l.docx']!))] : []),
    ]) {
      // The page footer names the sender and the time sent; the letter itself must name them once.
      const body = text.replace(/南京市科学技术局·推荐函·报送于\d{4}年\d{1,2}月\d{1,2}日\d\d:\d\d/g, '');
      const count = (s: string) => body.split(s).length - 1;
      expect(count('江苏省科学技术厅：')).toBe(1);
      expect(count('南京市科学技术局')).toBe(1);
      expect(count('2026年6月20日')).toBe(1);
      expect(text).toContain('宁科函〔2026〕56号');
      expect(text).toContain('联系人：陈静');
      expect(text).toContain('联系电话：025-83379768');
      expect(text).toContain('特此函告。');
    }
  }, 60_000);

  it('the pledge has the attachment-5 text, the bureau and the signer', async () => {
    const text = squash(pdfText(await renderPledgePdf(paper())));
    expect(text).toContain(supervisorPledgeText.title);
    for (const item of supervisorPledgeText.items) expect(text).toContain(squash(item));
    expect(text).toContain('周建华');
    expect(text).toContain('南京市科学技术局');
  });

  it('papers of an unsent dispatch are drafts', async () => {
    const text = squash(pdfText(await renderLetterPdf(paper({ sentAt: null, pledge: null, supplementary: true }))));
    expect(text).toContain('草稿');
    expect(text).toContain('（补充）');
    expect(text).toContain('____年____月____日');
  });
});

const summaryRow = (i: number): SummaryRow => ({
  number: `2020-320100-${String(i + 1).padStart(4, '0')}`,
  statusLabel: '市局已推荐',
  cityName: '南京市',
  rank: i + 1,
  content: exampleContent,
  submittedAt: '2026-06-01T02:00:00.000Z',
  code: CODE,
});

async function summaryBuffer(rows: Iterable<SummaryRow> | AsyncIterable<SummaryRow>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeSummaryXlsx(rows, out, { generatedAt: new Date('2026-06-01T00:00:00Z') });
  await new Promise((r) => setImmediate(r));
  return Buffer.concat(chunks);
}

describe('汇总表 (xlsx)', () => {
  it('heads every attachment-2 column as on the form, with number, status, city and rank; header frozen, filters on', async () => {
    const headers = SUMMARY_COLUMNS.map((c) => c.header);
    for (const h of [
      '申报编号',
      '状态',
      '所在市',
      '推荐排序',
      '众创空间名称',
      '运营主体性质',
      '法人代表联系电话',
      '负责人联系手机',
      '联系人联系手机',
      '天使投资（种子）基金（资金）规模（万元）',
      '管理制度',
      '省级众创空间备案情况',
    ]) {
      expect(headers).toContain(h);
    }
    expect(new Set(headers).size).toBe(headers.length);
    const xlsx = await summaryBuffer([summaryRow(0), summaryRow(1)]);
    const sheet = unzipEntry(xlsx, 'xl/worksheets/sheet1.xml').toString('utf8');
    expect(sheet).toMatch(/<pane [^>]*ySplit="2"[^>]*state="frozen"/);
    expect(sheet).toMatch(/<autoFilter ref="A2:[A-Z]+2"\/>/);
    expect(sheet).toMatch(/<col min="6" max="6" width="32"/);
    // A title row above the headings, and 序号 numbering the rows.
    const { rows: cells, merges } = await readSheet(xlsx);
    expect(cells[0]![0]).toBe('国家专业化众创空间申报汇总表');
    expect(merges[0]).toMatch(/^A1:/);
    expect(cells[1]!.slice(0, 3)).toEqual(['序号', '推荐排序', '申报编号']);
    expect(cells.slice(2).map((r) => r[0])).toEqual([1, 2]);
    expect(sheet).toContain('南京芯创集成电路专业化众创空间');
    expect(sheet).toContain('企业（民营）');
  });

  it('streams: bytes leave before the last row has been produced', async () => {
    const out = new PassThrough();
    let received = 0;
    out.on('data', (c: Buffer) => (received += c.length));
    let receivedMidway = -1;
    async function* rows() {
      for (let i = 0; i < 5000; i++) {
        if (i === 4000) {
          await new Promise((r) => setImmediate(r));
          receivedMidway = received;
        }
        yield summaryRow(i);
      }
    }
    const count = await writeSummaryXlsx(rows(), out, { generatedAt: new Date(0) });
    expect(count).toBe(5000);
    expect(receivedMidway).toBeGreaterThan(100_000);
    expect(received).toBeGreaterThan(receivedMidway);
  });
});

describe('dispatch package (zip)', () => {
  it('names folders <rank>-<space name> and makes clashing names unique', () => {
    expect(folderName({ rank: 3, spaceName: 'A/B：空间' })).toBe('3-A_B：空间');
    expect(uniqueNames(['a.pdf', 'A.pdf', 'a.pdf'], ['x.pdf'])).toEqual(['a.pdf', 'A (2).pdf', 'a (3).pdf']);
  });

  it('streams the letter, pledge, summary and per application its PDF and files, with UTF-8 names', async () => {
    const chunks: Buffer[] = [];
    const out = new Writable({
      write(chunk: Buffer, _enc, cb) {
        chunks.push(chunk);
        cb();
      },
    });
    const order: string[] = [];
    await writeDispatchZip(
      {
        letterPdf: async () => Buffer.from('%PDF letter'),
        pledgePdf: async () => Buffer.from('%PDF pledge'),
        summary: (o) => writeSummaryXlsx([summaryRow(0)], o, { generatedAt: new Date(0) }),
        applications: [
          {
            rank: 1,
            spaceName: '南京芯创集成电路专业化众创空间',
            number: '2020-320100-0001',
            pdf: async () => (order.push('pdf1'), Buffer.from('%PDF 1')),
            files: [
              { name: '营业执照.pdf', open: () => (order.push('file1'), Readable.from([Buffer.from('a')])) },
              { name: '营业执照.pdf', open: () => Readable.from([Buffer.from('b')]) },
            ],
          },
          {
            rank: 2,
            spaceName: '南京生物医药专业化众创空间',
            number: null,
            pdf: async () => (order.push('pdf2'), Buffer.from('%PDF 2')),
            files: [],
          },
        ],
        date: new Date('2026-06-01T00:00:00Z'),
      },
      out,
    );
    const zip = Buffer.concat(chunks);
    const entries = listZip(zip);
    expect(entries.map((e) => e.name)).toEqual([
      '推荐函.pdf',
      '信用承诺书.pdf',
      '汇总表.xlsx',
      '1-南京芯创集成电路专业化众创空间/申报材料（2020-320100-0001）.pdf',
      '1-南京芯创集成电路专业化众创空间/营业执照.pdf',
      '1-南京芯创集成电路专业化众创空间/营业执照 (2).pdf',
      '2-南京生物医药专业化众创空间/申报材料.pdf',
    ]);
    expect(entries.filter((e) => /[^\x20-\x7e]/.test(e.name)).every((e) => e.utf8)).toBe(true);
    // One application at a time: its files are read before the next PDF is rendered.
    expect(order).toEqual(['pdf1', 'file1', 'pdf2']);
  });
});

describe.skipIf(!HAS_SOFFICE || !HAS_POPPLER)(
  'Word and Excel files open in LibreOffice with the Chinese intact',
  () => {
    it('converts the 推荐函, the pledge, the 申报书 and the 汇总表 to PDF and keeps their text', async () => {
      const content = cloneExampleContent();
      content.narrative.goalsAndTasks +=
        '<ul><li>一是<strong>升级</strong>平台</li><li>二是建设中心</li></ul><table><tr><th>指标</th><th>目标</th></tr><tr><td>孵化企业</td><td>100家</td></tr></table>';
      const converted = officeToPdf({
        'letter.docx': await renderLetterDocx(paper()),
        'pledge.docx': await renderPledgeDocx(paper()),
        'narrative.docx': await renderNarrativeDocx({
          content,
          number: '2020-320100-0001',
          unitName: '南京芯创科技服务有限公司',
        }),
        'summary.xlsx': await summaryBuffer([summaryRow(0), summaryRow(1)]),
      });
      const letter = squash(pdfText(converted['letter.docx']!, { raw: true }));
      expect(letter).toContain(squash(letterTitle(paper())));
      expect(letter).toContain('南京生物医药专业化众创空间');
      const pledge = squash(pdfText(converted['pledge.docx']!, { raw: true }));
      expect(pledge).toContain(supervisorPledgeText.title);
      expect(pledge).toContain(squash(supervisorPledgeText.items[2]!));
      const narrative = squash(pdfText(converted['narrative.docx']!, { raw: true }));
      for (const h of narrativeOutline) expect(narrative).toContain(squash(h.label));
      expect(narrative).toContain('案例一：从实验室到量产：低功耗物联网主控芯片');
      expect(narrative).toContain('孵化企业');
      const summary = squash(pdfText(converted['summary.xlsx']!, { raw: true }));
      expect(summary).toContain('众创空间名称');
      expect(summary).toContain('2020-320100-0002');
      expect(summary).toContain('南京芯创集成电路专业化众创空间');
    }, 120_000);
  },
);
