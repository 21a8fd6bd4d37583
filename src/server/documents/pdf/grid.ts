import type { Flow } from './flow.js';
import { drawLine } from './drawText.js';
import { isBox, layoutText, type Inline, type Layout } from './text.js';

/** One cell of a bordered table row. */
export interface GridCell {
  /** Width in points. */
  width: number;
  inlines: readonly Inline[];
  align?: 'left' | 'center' | 'right';
  valign?: 'top' | 'middle';
  /** Background (header cells). */
  fill?: string;
  /** Text set at the cell's bottom right, as "（盖章）" on the form. */
  corner?: string;
  size?: number;
}

export interface GridRowOptions {
  size: number;
  minHeight?: number;
  /** Inner padding (points). */
  pad?: number;
  lineWidth?: number;
  /** Line height inside cells as a multiple of the size. */
  leading?: number;
  /** Draw the top border (the first row of a table, or the first row after a page break). */
  top?: boolean;
}

/** How far a lone value (e-mail, telephone, URL) may shrink to stay on one line. */
const MIN_VALUE_SCALE = 0.9;
const VALUE = /^[A-Za-z0-9@._\-:/%+#&=~]+$/;

/** Whether a cell holds one value without spaces: an e-mail address, telephone number or URL. */
function isSingleValue(inlines: readonly Inline[]): boolean {
  if (inlines.length === 0 || inlines.some(isBox)) return false;
  const text = inlines
    .map((i) => (isBox(i) ? '' : i.text))
    .join('')
    .trim();
  return VALUE.test(text) && (/[@.\-/]/.test(text) || /^\+?\d+$/.test(text));
}

interface Measured {
  cell: GridCell;
  layout: Layout;
}

/** Height a row needs: its tallest cell plus padding, at least minHeight. */
export function measureRow(
  flow: Flow,
  cells: readonly GridCell[],
  opts: GridRowOptions,
): { height: number; measured: Measured[] } {
  const pad = opts.pad ?? 4;
  const measured = cells.map((cell) => {
    const size = cell.size ?? opts.size;
    const width = Math.max(cell.width - pad * 2, size);
    const at = (s: number) => layoutText(flow.doc, cell.inlines, { width, size: s, leading: opts.leading });
    let layout = at(size);
    // An e-mail address, telephone number or URL alone in a cell that is a little too narrow is set a
    // little smaller (down to 90 %) on one line rather than broken; a longer one breaks as text does
    // (an e-mail address before its "@").
    if (layout.lines.length > 1 && isSingleValue(cell.inlines))
      for (let s = size - 0.5; s >= size * MIN_VALUE_SCALE; s -= 0.5) {
        const smaller = at(s);
        if (smaller.lines.length === 1) {
          layout = smaller;
          break;
        }
      }
    return { cell, layout };
  });
  const cornerExtra = (m: Measured) => (m.cell.corner ? m.layout.lineHeight : 0);
  const height = Math.max(opts.minHeight ?? 0, ...measured.map((m) => m.layout.height + pad * 2 + cornerExtra(m)));
  return { height, measured };
}

/**
 * Draws one bordered row at the flow's cursor (starting a new page first if it does not fit) and
 * advances the cursor. Returns whether the row began a new page, so the caller can repeat a header.
 */
export function drawGridRow(flow: Flow, cells: readonly GridCell[], opts: GridRowOptions, x0 = flow.left): boolean {
  const pad = opts.pad ?? 4;
  const { height, measured } = measureRow(flow, cells, opts);
  const before = flow.doc.bufferedPageRange().count;
  flow.ensure(height);
  const newPage = flow.doc.bufferedPageRange().count !== before;
  const doc = flow.doc;
  const y = flow.y;
  let x = x0;
  for (const { cell, layout } of measured) {
    if (cell.fill) doc.save().rect(x, y, cell.width, height).fill(cell.fill).restore();
    const inner = cell.width - pad * 2;
    const contentH = layout.height + (cell.corner ? layout.lineHeight : 0);
    const top = (cell.valign ?? 'middle') === 'middle' ? y + (height - contentH) / 2 : y + pad;
    layout.lines.forEach((line, i) => {
      const dx = cell.align === 'center' ? (inner - line.width) / 2 : cell.align === 'right' ? inner - line.width : 0;
      drawLine(doc, line, x + pad + Math.max(0, dx), top + i * layout.lineHeight, layout);
    });
    if (cell.corner) {
      const size = cell.size ?? opts.size;
      const corner = layoutText(doc, [{ text: cell.corner }], { width: inner, size, leading: opts.leading });
      const line = corner.lines[0]!;
      drawLine(doc, line, x + cell.width - pad - line.width - size, y + height - pad - corner.lineHeight, corner);
    }
    x += cell.width;
  }
  // Borders: left and bottom of every cell, the right edge, and the top when asked (or after a break).
  const width = x - x0;
  doc
    .save()
    .lineWidth(opts.lineWidth ?? 0.75)
    .strokeColor('black');
  if (opts.top || newPage)
    doc
      .moveTo(x0, y)
      .lineTo(x0 + width, y)
      .stroke();
  doc
    .moveTo(x0, y + height)
    .lineTo(x0 + width, y + height)
    .stroke();
  let cx = x0;
  for (const { cell } of measured) {
    doc
      .moveTo(cx, y)
      .lineTo(cx, y + height)
      .stroke();
    cx += cell.width;
  }
  doc
    .moveTo(cx, y)
    .lineTo(cx, y + height)
    .stroke();
  doc.restore();
  flow.y = y + height;
  return newPage;
}

/** A simple table of text: a shaded header row repeated after page breaks, then data rows. */
export function drawTextTable(
  flow: Flow,
  columns: readonly { title: string; width: number; align?: 'left' | 'center' | 'right' }[],
  rows: readonly (readonly string[])[],
  size: number,
): void {
  const header = columns.map((c) => ({
    width: c.width,
    inlines: [{ text: c.title, bold: true }],
    align: 'center' as const,
    fill: '#eeeeee',
  }));
  const opts = { size, minHeight: size * 2.2 };
  drawGridRow(flow, header, { ...opts, top: true });
  for (const row of rows) {
    const cells = columns.map((c, i) => ({
      width: c.width,
      inlines: [{ text: row[i] ?? '' }],
      align: c.align ?? 'left',
    }));
    const { height } = measureRow(flow, cells, opts);
    if (flow.y + height > flow.bottom) {
      flow.newPage();
      drawGridRow(flow, header, { ...opts, top: true });
    }
    drawGridRow(flow, cells, opts);
  }
}
