import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IRunOptions,
} from 'docx';

/**
 * Word conventions for the documents that leave the system, as in Chinese official papers
 * (GB/T 9704): body in 仿宋_GB2312 三号, titles in 方正小标宋简体 二号, headings in 黑体, tables in 宋体
 * 五号. Word on a government PC has these fonts; LibreOffice substitutes a CJK font it has.
 */

export const FONTS = {
  body: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋_GB2312' },
  title: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '方正小标宋简体' },
  heading: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体' },
  subheading: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '楷体_GB2312' },
  table: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' },
} as const;

/** Sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt, 五号 10.5 pt, 小五 9 pt. */
export const HALF_POINTS = { title: 44, body: 32, four: 28, smallFour: 24, table: 21, small: 18 } as const;

/** A4 text width in twips with the margins below (left 28 mm, right 26 mm). */
export const TEXT_WIDTH_TWIPS = 11906 - 1588 - 1474;

export type RunOptions = Omit<IRunOptions, 'children'>;

export const run = (text: string, opts: RunOptions = {}) =>
  new TextRun({ text, font: FONTS.body, size: HALF_POINTS.body, ...opts });

export const title = (text: string) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 240, after: 360, line: 600 },
    children: [new TextRun({ text, font: FONTS.title, size: HALF_POINTS.title })],
  });

export const attachmentLabel = (text: string) =>
  new Paragraph({ children: [new TextRun({ text, font: FONTS.heading, size: HALF_POINTS.body })] });

/** A running-text paragraph: first line indented two characters, justified, fixed 28 pt leading. */
export const body = (
  children: TextRun[] | string,
  opts: { indent?: boolean; align?: 'left' | 'right' | 'center'; size?: number; spacingAfter?: number } = {},
) => {
  const size = opts.size ?? HALF_POINTS.body;
  return new Paragraph({
    alignment:
      opts.align === 'right'
        ? AlignmentType.RIGHT
        : opts.align === 'center'
          ? AlignmentType.CENTER
          : opts.align === 'left'
            ? AlignmentType.LEFT
            : AlignmentType.JUSTIFIED,
    indent: opts.indent === false ? undefined : { firstLine: size * 20 },
    spacing: { line: Math.round(size * 17.5), after: opts.spacingAfter ?? 0 },
    children: typeof children === 'string' ? [run(children, { size })] : children,
  });
};

const border = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
const borders = { top: border, bottom: border, left: border, right: border };

/** A bordered table of text with a shaded header row (repeated on each page). Widths in twips. */
export function textTable(columns: readonly { title: string; width: number }[], rows: readonly (readonly string[])[]) {
  const cell = (text: string, width: number, header: boolean) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      borders,
      shading: header ? { type: ShadingType.CLEAR, fill: 'EEEEEE', color: 'auto' } : undefined,
      margins: { left: 80, right: 80, top: 60, bottom: 60 },
      children: [
        new Paragraph({
          alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [new TextRun({ text, bold: header, font: FONTS.table, size: HALF_POINTS.table })],
        }),
      ],
    });
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: columns.reduce((s, c) => s + c.width, 0), type: WidthType.DXA },
    columnWidths: columns.map((c) => c.width),
    rows: [
      new TableRow({ tableHeader: true, children: columns.map((c) => cell(c.title, c.width, true)) }),
      ...rows.map(
        (r) => new TableRow({ cantSplit: true, children: columns.map((c, i) => cell(r[i] ?? '', c.width, false)) }),
      ),
    ],
  });
}

/** "第 N 页 共 M 页" centred at the foot of every page. */
export const pageNumberFooter = () =>
  new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            children: ['第 ', PageNumber.CURRENT, ' 页 共 ', PageNumber.TOTAL_PAGES, ' 页'],
            font: FONTS.table,
            size: HALF_POINTS.small,
          }),
        ],
      }),
    ],
  });

/** A Word document with the official margins, page numbers and fixed metadata. */
export function officialDocument(opts: { title: string; children: (Paragraph | Table)[] }): Document {
  return new Document({
    creator: '专业化众创空间备案申报推荐系统',
    lastModifiedBy: '专业化众创空间备案申报推荐系统',
    title: opts.title,
    styles: { default: { document: { run: { font: FONTS.body, size: HALF_POINTS.body } } } },
    sections: [
      {
        properties: { page: { margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } },
        footers: { default: pageNumberFooter() },
        children: opts.children,
      },
    ],
  });
}

export const docxToBuffer = (doc: Document): Promise<Buffer> => Packer.toBuffer(doc);
