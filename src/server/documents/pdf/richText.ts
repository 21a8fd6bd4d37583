import type { Block, Run, TableCell } from '../html.js';
import { imageData } from '../images.js';
import { Flow, SIZES } from './flow.js';
import { drawGridRow, measureRow, type GridCell } from './grid.js';
import { drawLayout } from './drawText.js';
import { layoutText, type Doc, type Inline, type Layout, type TextRun, type TextStyle } from './text.js';

/**
 * Renders the narrative's rich text (parsed by html.ts) into a flow: paragraphs indented two
 * characters and justified, headings in bold, lists with hanging markers, bordered tables that break
 * between rows, quotes set in from the left, and embedded PNG/JPEG images scaled to the text width.
 */

const toInlines = (runs: readonly Run[], extra: TextStyle = {}): TextRun[] =>
  runs.map((r) => ({
    text: r.text,
    bold: r.bold,
    italic: r.italic,
    underline: r.underline,
    strike: r.strike,
    ...extra,
  }));

const HEADING_SIZES = [14, 13, 12.5, 12, 12, 12];

export interface RichTextOptions {
  size?: number;
  inset?: number;
  /** The narrative's uploaded images by file id (PNG or JPEG bytes). */
  images?: ReadonlyMap<string, Buffer>;
}

export function renderBlocks(flow: Flow, blocks: readonly Block[], opts: RichTextOptions = {}): void {
  const size = opts.size ?? SIZES.body;
  const inset = opts.inset ?? 0;
  const images = opts.images;
  for (const b of blocks) {
    switch (b.type) {
      case 'paragraph':
        flow.paragraph(toInlines(b.runs), { size, indent: inset ? 0 : 2, inset, after: size * 0.35 });
        break;
      case 'heading':
        flow.paragraph(toInlines(b.runs, { bold: true }), {
          size: HEADING_SIZES[b.level - 1] ?? size,
          inset,
          align: 'left',
          after: size * 0.3,
          keepWithNext: size * 3,
        });
        break;
      case 'list':
        b.items.forEach((item, i) => {
          const marker = b.ordered ? `${i + 1}.` : '•';
          renderListItem(flow, marker, item, { size, inset, images });
        });
        flow.gap(size * 0.2);
        break;
      case 'quote': {
        const top = flow.y;
        const page = flow.doc.bufferedPageRange().count;
        renderBlocks(flow, b.blocks, { size, inset: inset + size * 2, images });
        if (flow.doc.bufferedPageRange().count === page) {
          flow.doc
            .save()
            .moveTo(flow.left + inset + size * 0.6, top)
            .lineTo(flow.left + inset + size * 0.6, flow.y - size * 0.3)
            .lineWidth(2)
            .strokeColor('#bbbbbb')
            .stroke()
            .restore();
        }
        break;
      }
      case 'table':
        renderTable(flow, b.rows, size, inset);
        break;
      case 'image':
        renderImage(flow, imageData(b, images), b.alt, size, inset, b.width);
        break;
    }
  }
}

function renderListItem(
  flow: Flow,
  marker: string,
  blocks: readonly Block[],
  opts: { size: number; inset: number; images?: ReadonlyMap<string, Buffer> },
): void {
  const { size, inset, images } = opts;
  const hang = size * 2;
  const [first, ...rest] = blocks;
  if (first && (first.type === 'paragraph' || first.type === 'heading')) {
    // Marker and first line share a baseline: lay the first paragraph out indented by the hang.
    const layout = flow.layout(toInlines(first.runs), { size, inset: inset + hang });
    flow.ensure(layout.lineHeight);
    flow.doc.font('regular').fontSize(size);
    const mw = flow.doc.widthOfString(marker);
    drawLayout(
      flow.doc,
      layoutText(flow.doc, [{ text: marker }], { width: hang, size }),
      flow.left + inset + hang - mw - size * 0.4,
      flow.y,
    );
    flowLayout(flow, layout, inset + hang);
    flow.gap(size * 0.15);
    renderBlocks(flow, rest, { size, inset: inset + hang, images });
  } else {
    renderBlocks(flow, blocks, { size, inset: inset + hang, images });
  }
}

/** Writes an already laid-out block line by line at an inset. */
function flowLayout(flow: Flow, layout: Layout, inset: number): void {
  for (const line of layout.lines) {
    flow.ensure(layout.lineHeight);
    drawLayout(flow.doc, { ...layout, lines: [line] }, flow.left + inset, flow.y);
    flow.y += layout.lineHeight;
  }
}

interface PlacedCell {
  cell: TableCell;
  col: number;
  span: number;
}

/** Assigns grid columns to cells, honouring colspan and rowspan (a spanned cell occupies the rows below). */
function gridRows(rows: readonly TableCell[][]): { rows: PlacedCell[][]; columns: number } {
  const taken: number[] = []; // per column: rows still covered by a rowspan above
  const out: PlacedCell[][] = [];
  let columns = 0;
  for (const row of rows) {
    const placed: PlacedCell[] = [];
    let col = 0;
    for (const cell of row) {
      while ((taken[col] ?? 0) > 0) col++;
      placed.push({ cell, col, span: cell.colspan });
      for (let k = 0; k < cell.colspan; k++) taken[col + k] = Math.max(taken[col + k] ?? 0, cell.rowspan);
      col += cell.colspan;
    }
    columns = Math.max(columns, col, taken.length);
    for (let k = 0; k < taken.length; k++) if ((taken[k] ?? 0) > 0) taken[k]!--;
    out.push(placed);
  }
  return { rows: out, columns: Math.min(Math.max(columns, 1), 20) };
}

function cellInlines(cell: TableCell): Inline[] {
  const out: Inline[] = [];
  const walk = (blocks: readonly Block[]) => {
    for (const b of blocks) {
      if (out.length) out.push({ text: '\n' });
      if (b.type === 'paragraph' || b.type === 'heading')
        out.push(...toInlines(b.runs, cell.header ? { bold: true } : {}));
      else if (b.type === 'list')
        b.items.forEach((item, i) => {
          if (i) out.push({ text: '\n' });
          out.push({ text: b.ordered ? `${i + 1}. ` : '• ' });
          walk(item);
        });
      else if (b.type === 'quote') walk(b.blocks);
      else if (b.type === 'table') walk(b.rows.flatMap((r) => r.flatMap((c) => c.blocks)));
      else out.push({ text: b.alt ? `［图片：${b.alt}］` : '［图片］' });
    }
  };
  walk(cell.blocks);
  return out;
}

/**
 * A bordered table with equal column widths, broken between rows. A cell spanning rows keeps its text
 * in its first row; the rows below show an empty cell in its place.
 */
function renderTable(flow: Flow, rows: readonly TableCell[][], size: number, inset: number): void {
  const { rows: grid, columns } = gridRows(rows);
  const tsize = Math.min(size, SIZES.table);
  const colW = (flow.width - inset) / columns;
  flow.gap(tsize * 0.3);
  grid.forEach((row, r) => {
    const cells: GridCell[] = [];
    let col = 0;
    for (const p of [...row].sort((a, b) => a.col - b.col)) {
      if (p.col >= columns) break;
      if (p.col > col) cells.push({ width: colW * (p.col - col), inlines: [] });
      const span = Math.min(p.span, columns - p.col);
      cells.push({
        width: colW * span,
        inlines: cellInlines(p.cell),
        align: p.cell.header ? 'center' : 'left',
        valign: 'top',
        fill: p.cell.header ? '#f0f0f0' : undefined,
      });
      col = p.col + span;
    }
    if (col < columns) cells.push({ width: colW * (columns - col), inlines: [] });
    const opts = { size: tsize, minHeight: tsize * 2, top: r === 0 };
    if (measureRow(flow, cells, opts).height > flow.pageHeight) {
      // A row taller than a page is written as plain paragraphs.
      for (const p of row) flow.paragraph(cellInlines(p.cell), { size: tsize, inset });
      return;
    }
    drawGridRow(flow, cells, opts, flow.left + inset);
  });
  flow.gap(tsize * 0.6);
}

/** pdfkit's opened image (openImage is public at runtime but missing from its type declarations). */
interface PdfImage {
  width: number;
  height: number;
}

/**
 * Draws an image: its bytes (an uploaded PNG/JPEG, see imageData) scaled to the text width, its alt
 * text below as a caption; ［图片］ where there are no bytes or they cannot be read.
 */
function renderImage(
  flow: Flow,
  data: Buffer | null,
  alt: string,
  size: number,
  inset: number,
  wantWidth?: number,
): void {
  const placeholder = () =>
    flow.paragraph([{ text: alt ? `［图片：${alt}］` : '［图片］', color: '#666666' }], {
      size,
      inset,
      align: 'center',
    });
  if (!data) return placeholder();
  const doc = flow.doc as Doc & { openImage(src: Buffer): PdfImage };
  let img: PdfImage;
  try {
    img = doc.openImage(data);
  } catch {
    return placeholder();
  }
  const maxW = flow.width - inset;
  // CSS pixels to points (96 dpi); never wider than the text or taller than half a page.
  let w = Math.min(maxW, wantWidth ? wantWidth * 0.75 : img.width * 0.75);
  let h = (w * img.height) / img.width;
  const maxH = flow.pageHeight / 2;
  if (h > maxH) {
    w = (w * maxH) / h;
    h = maxH;
  }
  flow.ensure(h + size);
  doc.image(img as unknown as Buffer, flow.left + inset + (maxW - w) / 2, flow.y, { width: w, height: h });
  flow.y += h + size * 0.5;
  if (alt)
    flow.paragraph([{ text: alt, size: SIZES.small, color: '#555555' }], { size: SIZES.small, inset, align: 'center' });
}
