import {
  AlignmentType,
  BorderStyle,
  ImageRun,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalMergeType,
  WidthType,
} from 'docx';
import type { Block, Run, TableCell as HtmlCell } from '../html.js';
import { imageData, imageType } from '../images.js';
import { FONTS, HALF_POINTS, TEXT_WIDTH_TWIPS } from './common.js';

/**
 * The narrative's rich text as Word paragraphs: the same block tree the PDF renders (html.ts), so the
 * 申报书 an applicant polishes offline has the structure it had in the form.
 */

export interface DocxTextOptions {
  size?: number;
  /** Left indent in twips (list levels, quotes). */
  indent?: number;
  width?: number;
  /** Inside a table cell: no first-line indent. */
  cell?: boolean;
  /** The narrative's uploaded images by file id (PNG or JPEG bytes). */
  images?: ReadonlyMap<string, Buffer>;
}

const runs = (rs: readonly Run[], size: number, extra: { bold?: boolean } = {}) =>
  rs.flatMap((r) =>
    r.text.split('\n').map(
      (text, i) =>
        new TextRun({
          text,
          break: i > 0 ? 1 : undefined,
          bold: r.bold || extra.bold,
          italics: r.italic,
          underline: r.underline ? {} : undefined,
          strike: r.strike,
          font: FONTS.body,
          size,
        }),
    ),
  );

const line = (size: number) => Math.round(size * 17.5);

export function blocksToDocx(blocks: readonly Block[], opts: DocxTextOptions = {}): (Paragraph | Table)[] {
  const size = opts.size ?? HALF_POINTS.body;
  const indent = opts.indent ?? 0;
  const width = opts.width ?? TEXT_WIDTH_TWIPS - indent;
  const images = opts.images;
  const out: (Paragraph | Table)[] = [];
  for (const b of blocks) {
    switch (b.type) {
      case 'paragraph':
        out.push(
          new Paragraph({
            alignment: AlignmentType.JUSTIFIED,
            indent: indent ? { left: indent } : opts.cell ? undefined : { firstLine: size * 20 },
            spacing: { line: line(size) },
            children: runs(b.runs, size),
          }),
        );
        break;
      case 'heading':
        out.push(
          new Paragraph({
            indent: indent ? { left: indent } : undefined,
            spacing: { line: line(size), before: 120 },
            keepNext: true,
            children: runs(b.runs, size, { bold: true }),
          }),
        );
        break;
      case 'list':
        b.items.forEach((item, i) => {
          const marker = b.ordered ? `${i + 1}.` : '•';
          const [first, ...rest] = item;
          const hang = size * 20;
          const lead = first && (first.type === 'paragraph' || first.type === 'heading') ? first.runs : [];
          out.push(
            new Paragraph({
              indent: { left: indent + hang * 2, hanging: hang },
              spacing: { line: line(size) },
              children: [new TextRun({ text: `${marker}\t`, font: FONTS.body, size }), ...runs(lead, size)],
              tabStops: [{ type: 'left', position: indent + hang * 2 }],
            }),
          );
          const remaining = lead.length ? rest : item;
          out.push(...blocksToDocx(remaining, { size, indent: indent + hang * 2, cell: opts.cell, images }));
        });
        break;
      case 'quote':
        out.push(...blocksToDocx(b.blocks, { size, indent: indent + size * 40, cell: opts.cell, images }));
        break;
      case 'table':
        out.push(tableToDocx(b.rows, width, images));
        out.push(new Paragraph({ text: '' }));
        break;
      case 'image':
        out.push(imageParagraph(imageData(b, images), b.alt, width, b.width));
        break;
    }
  }
  return out;
}

const border = { style: BorderStyle.SINGLE, size: 6, color: '000000' };

function tableToDocx(rows: readonly HtmlCell[][], width: number, images?: ReadonlyMap<string, Buffer>): Table {
  // Word needs the grid: count columns and mark the cells a rowspan covers as merged continuations.
  const covered: number[] = [];
  const grid: { cell: HtmlCell | null; col: number; span: number; continuation: boolean }[][] = [];
  let columns = 1;
  for (const row of rows) {
    const placed: (typeof grid)[number] = [];
    let col = 0;
    const take = () => {
      while ((covered[col] ?? 0) > 0) {
        placed.push({ cell: null, col, span: 1, continuation: true });
        col++;
      }
    };
    for (const cell of row) {
      take();
      placed.push({ cell, col, span: cell.colspan, continuation: false });
      for (let k = 0; k < cell.colspan; k++) covered[col + k] = Math.max(covered[col + k] ?? 0, cell.rowspan);
      col += cell.colspan;
    }
    take();
    columns = Math.max(columns, col);
    for (let k = 0; k < covered.length; k++) if ((covered[k] ?? 0) > 0) covered[k]!--;
    grid.push(placed);
  }
  columns = Math.min(columns, 20);
  const colW = Math.floor(width / columns);
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: colW * columns, type: WidthType.DXA },
    columnWidths: Array.from({ length: columns }, () => colW),
    rows: grid.map(
      (row) =>
        new TableRow({
          children: row
            .filter((p) => p.col < columns)
            .map((p) => {
              const span = Math.min(p.span, columns - p.col);
              const header = p.cell?.header ?? false;
              const content = p.cell
                ? blocksToDocx(p.cell.blocks, { size: HALF_POINTS.table, cell: true, width: colW * span, images })
                : [];
              return new TableCell({
                columnSpan: span > 1 ? span : undefined,
                verticalMerge: p.continuation
                  ? VerticalMergeType.CONTINUE
                  : (p.cell?.rowspan ?? 1) > 1
                    ? VerticalMergeType.RESTART
                    : undefined,
                width: { size: colW * span, type: WidthType.DXA },
                borders: { top: border, bottom: border, left: border, right: border },
                shading: header ? { type: ShadingType.CLEAR, fill: 'F0F0F0', color: 'auto' } : undefined,
                margins: { left: 80, right: 80, top: 40, bottom: 40 },
                // A table cell must hold at least one paragraph; cell text is not first-line indented.
                children: content.length ? content : [new Paragraph({ text: '' })],
              });
            }),
        }),
    ),
  });
}

/** Pixel size of a PNG or JPEG, read from its header; null when it is neither. */
export function imageSize(buf: Buffer): { width: number; height: number } | null {
  if (buf.length > 24 && buf.readUInt32BE(0) === 0x89504e47)
    return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
  if (buf.length > 4 && buf[0] === 0xff && buf[1] === 0xd8) {
    let i = 2;
    while (i + 9 < buf.length) {
      if (buf[i] !== 0xff) return null;
      const marker = buf[i + 1]!;
      const len = buf.readUInt16BE(i + 2);
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
        return { height: buf.readUInt16BE(i + 5), width: buf.readUInt16BE(i + 7) };
      }
      i += 2 + len;
    }
  }
  return null;
}

function imageParagraph(data: Buffer | null, alt: string, widthTwips: number, wantWidth?: number): Paragraph {
  const size = data ? imageSize(data) : null;
  const type = data ? imageType(data) : null;
  if (!data || !type || !size || !size.width || !size.height) {
    return new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [
        new TextRun({ text: alt ? `［图片：${alt}］` : '［图片］', font: FONTS.body, size: HALF_POINTS.table }),
      ],
    });
  }
  // Pixels at 96 dpi; a twip is 1/1440 inch, so the text width in pixels is twips / 15.
  const maxPx = widthTwips / 15;
  const w = Math.min(maxPx, wantWidth ?? size.width);
  const h = (w * size.height) / size.width;
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [
      new ImageRun({
        type,
        data,
        transformation: { width: Math.round(w), height: Math.round(h) },
        altText: alt ? { name: alt, description: alt, title: alt } : undefined,
      }),
    ],
  });
}
