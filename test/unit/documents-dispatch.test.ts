import { PassThrough, Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { narrativeOutline } from '../../src/domain/application.js';
import { cloneExampleContent } from '../../src/domain/example-content.js';
import { supervisorPledgeText } from '../../src/domain/pledges.js';
import { folderName, uniqueNames, writeDispatchZip } from '../../src/server/documents/dispatchZip.js';
import {
  letterTitle,
  renderLetterDocx,
  renderLetterPdf,
  renderPledgeDocx,
  renderPledgePdf,
} from '../../src/server/documents/letters.js';
import { renderNarrativeDocx } from '../../src/server/documents/narrativeDocx.js';
import { SUMMARY_COLUMNS, writeSummaryXlsx } from '../../src/server/documents/summaryXlsx.js';
import {
  explainSkips,
  HAS_POPPLER,
  HAS_SOFFICE,
  listZip,
  officeToPdf,
  pdfText,
  unzipEntry,
} from '../helpers/documents.js';
import { readSheet } from '../helpers/xlsx.js';
import { paper, squash, summaryBuffer, summaryRow } from '../helpers/documentFixtures.js';

explainSkips();

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
