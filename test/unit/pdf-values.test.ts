import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { pdfFont } from '../../src/server/documents/fonts.js';
import type { Flow } from '../../src/server/documents/pdf/flow.js';
import { measureRow } from '../../src/server/documents/pdf/grid.js';
import { layoutText } from '../../src/server/documents/pdf/text.js';

/**
 * E-mail addresses, telephone numbers and URLs in the PDF (issue 17): the application PDF broke
 * "service@xinchuang-ic.example.cn" after "xinchuang-ic." in the narrow Email cell of the 基础信息表.
 * A value alone in a cell stays on one line (set a little smaller when the cell is a little too narrow);
 * an address longer than the cell breaks before its "@", and only a part longer than a line breaks inside.
 */
const doc = new PDFDocument({ autoFirstPage: false });
doc.registerFont('regular', pdfFont('regular') as unknown as Buffer);
doc.registerFont('bold', pdfFont('bold') as unknown as Buffer);
const flow = { doc } as unknown as Flow;

const SIZE = 10.5;
const EMAIL = 'service@xinchuang-ic.example.cn';
const widthOf = (text: string, size = SIZE) => {
  doc.font('regular').fontSize(size);
  return doc.widthOfString(text);
};
const lines = (text: string, width: number) =>
  layoutText(doc, [{ text }], { size: SIZE, width }).lines.map((l) => l.atoms.map((a) => a.text).join(''));
const cellLines = (text: string, width: number) => {
  const { measured } = measureRow(flow, [{ width, inlines: [{ text }] }], { size: SIZE, pad: 3 });
  return measured[0]!.layout.lines.map((l) => l.atoms.map((a) => a.text).join(''));
};

describe('values in the PDF', () => {
  it('an e-mail address that fits stays whole, in a paragraph and in a cell', () => {
    const w = widthOf(EMAIL) + 1;
    expect(lines(EMAIL, w)).toEqual([EMAIL]);
    expect(lines(`联系邮箱${EMAIL}`, w)).toEqual(['联系邮箱', EMAIL]);
    expect(cellLines(EMAIL, w + 6)).toEqual([EMAIL]);
  });

  it('a value a little wider than its cell is set a little smaller on one line', () => {
    for (const value of [EMAIL, '025-58601234', '13905141234', 'https://www.xinchuang-ic.example.cn/about']) {
      const width = widthOf(value) * 0.93 + 6;
      expect(cellLines(value, width), `${value} in ${width} pt`).toEqual([value]);
    }
    // Not a lone value: Chinese text in a cell breaks as before.
    expect(cellLines('南京市江北新区研创园星火路15号', widthOf('南京市江北新区') + 6).length).toBeGreaterThan(1);
  });

  it('the 基础信息表 Email cell breaks the address before its "@", not after "xinchuang-ic."', () => {
    // V2 of basicInfoFormPdf: half the A4 text width (margins 62 pt) less the label column of 96 pt.
    const v2 = (595.28 - 2 * 62) / 2 - 96;
    expect(cellLines(EMAIL, v2)).toEqual(['service', '@xinchuang-ic.example.cn']);
  });

  it('an address longer than its line breaks before the "@", never after a dot', () => {
    const name = 'service';
    const domain = '@xinchuang-ic.example.cn';
    const width = Math.max(widthOf(name), widthOf(domain)) + 2;
    expect(width).toBeLessThan(widthOf(EMAIL));
    expect(lines(EMAIL, width)).toEqual([name, domain]);
    // Too narrow even for the domain: it may break inside it, after a separator.
    const parts = lines(EMAIL, widthOf('@xinchuang-ic.') + 2);
    expect(parts.join('')).toBe(EMAIL);
    expect(parts.length).toBeGreaterThan(2);
  });
});
