import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { basicInfoFields, narrativeOutline } from '../../src/domain/application.js';
import { cloneExampleContent, exampleContent } from '../../src/domain/example-content.js';
import { applicantPledgeText } from '../../src/domain/pledges.js';
import { renderApplicationPdf, verifyUrl } from '../../src/server/documents/applicationPdf.js';
import { parseHtml } from '../../src/server/documents/html.js';
import { compareRasters, decodePng, explainSkips, HAS_POPPLER, pdfText, renderPagePng } from '../helpers/documents.js';
import { CODE, fixedApplication, squash } from '../helpers/documentFixtures.js';

explainSkips();

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const REFERENCE = path.join(FIXTURES, 'application-page1.png');

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
