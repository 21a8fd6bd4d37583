import fc from 'fast-check';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { pdfFont } from '../../src/server/documents/fonts.js';
import { layoutText, type LayoutOptions } from '../../src/server/documents/pdf/text.js';

/**
 * Line breaking of the PDF engine (issue 17): the application PDF broke the space name mid-word and
 * left a lone "）" on a line. Chinese rules: no line starts with closing punctuation, none ends with
 * opening punctuation; Latin words and numbers stay whole; in cells and titles short words stay whole.
 */
const doc = new PDFDocument({ autoFirstPage: false });
doc.registerFont('regular', pdfFont('regular') as unknown as Buffer);
doc.registerFont('bold', pdfFont('bold') as unknown as Buffer);

const lines = (text: string, opts: Partial<LayoutOptions> & { width: number }) =>
  layoutText(doc, [{ text }], { size: 10.5, ...opts }).lines.map((l) => l.atoms.map((a) => a.text).join(''));

const CLOSING = /^[，。、；：？！）》」』】〕〉”’,.;:!?)\]}]/;
const OPENING = /[（《「『【〔〈“‘([{]$/;

function expectRules(text: string, result: string[]) {
  // A text of nothing but punctuation has nowhere else to go.
  // A text of nothing but punctuation has nowhere else to go, nor has the text's own first or last character.
  result.forEach((line, k) => {
    if (k > 0) expect(line, `${JSON.stringify(result)} starts with closing punctuation`).not.toMatch(CLOSING);
    if (k < result.length - 1)
      expect(line, `${JSON.stringify(result)} ends with opening punctuation`).not.toMatch(OPENING);
  });
  expect(result.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
}

describe('PDF line breaking', () => {
  const names = [
    '南京芯创集成电路专业化众创空间',
    '南京芯创集成电路设计与封装测试专业化众创空间（江北新区）',
    '苏州（工业园区）纳米技术众创空间（SIP Nano）',
    '众创空间（“芯创”）。',
    '南京芯创科技服务有限公司（SmartChip Innovation Co.）',
  ];

  it('never starts a line with closing or ends one with opening punctuation, at any width', () => {
    for (const name of names)
      for (let width = 12; width <= 200; width += 2)
        for (const justify of [false, true]) expectRules(name, lines(name, { width, justify }));
  });

  it('keeps the rules for any mix of Chinese, Latin words and punctuation', () => {
    const piece = fc.constantFrom(
      '众创',
      '空间',
      '（',
      '）',
      '“',
      '”',
      '，',
      '。',
      'EDA',
      '2020',
      ' ',
      '芯',
      '《',
      '》',
    );
    fc.assert(
      fc.property(
        fc.array(piece, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 25, max: 160 }),
        (parts, width) => {
          const text = parts.join('').trim();
          if (!text) return;
          expectRules(text, lines(text, { width }));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps Latin words and numbers whole and a closing parenthesis with the word before it', () => {
    const result = lines('苏州（工业园区）纳米技术众创空间（SIP Nano）', { width: 30 });
    expect(result).toContain('Nano）');
    expect(result.some((l) => l === '）')).toBe(false);
    for (const width of [60, 80, 100]) {
      const r = lines('注册资本2000万元，EDA设计机房1间', { width, justify: true });
      expect(r.some((l) => /\d$/.test(l) && /^\d/.test(r[r.indexOf(l) + 1] ?? ''))).toBe(false);
      expect(r.some((l) => /ED$|^DA/.test(l))).toBe(false);
    }
  });

  it('keeps short words of a name in a table cell whole', () => {
    // The 众创空间名称 cell of the form is about 13 characters wide.
    const result = lines('南京芯创集成电路设计与封装测试专业化众创空间（江北新区）', { width: 140 });
    expect(result.at(-1)).not.toBe('）');
    for (let k = 0; k < result.length - 1; k++) {
      const pair = result[k]!.slice(-1) + result[k + 1]![0];
      for (const word of ['集成', '电路', '测试', '专业', '空间', '江北', '封装', '众创']) expect(pair).not.toBe(word);
    }
    expect(lines('南京芯创集成电路专业化众创空间', { width: 140 })).toEqual(['南京芯创集成电路专业化', '众创空间']);
  });
});
