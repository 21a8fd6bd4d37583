import { OFFICE_FONT, OFFICE_HEADING_FONT } from './fonts.js';
import { neutraliseFormula } from './format.js';

/**
 * A plain register as an Excel sheet (the ranking, the credit register, the registrations): a title
 * row across the table, the column headings, then one row per item. Text that a spreadsheet would
 * read as a formula (= + - @) is kept as text; headings stay in view and print on every page.
 */
export interface TableColumn<T> {
  header: string;
  /** Width in characters. */
  width: number;
  value: (row: T, index: number) => string | number | null;
  align?: 'left' | 'center' | 'right';
  /** Number format for numeric cells, e.g. '0.00'. */
  numFmt?: string;
}

/** Width of text in a column's units: CJK and full-width characters count two. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\uffef]/.test(ch) ? 2 : 1;
  return w;
}

const thin = { style: 'thin' as const, color: { argb: 'FF999999' } };
const border = { top: thin, bottom: thin, left: thin, right: thin };

export async function tableXlsx<T>(opts: {
  sheet: string;
  title: string;
  /** A line under the title (the filter, the time of export). */
  subtitle?: string;
  columns: readonly TableColumn<T>[];
  rows: readonly T[];
  generatedAt: Date;
}): Promise<Buffer> {
  // exceljs on first use, not when the server starts (issue 7).
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = '专业化众创空间备案申报推荐系统';
  wb.created = opts.generatedAt;
  wb.title = opts.title;
  const { columns } = opts;
  const headRow = opts.subtitle ? 3 : 2;
  const ws = wb.addWorksheet(opts.sheet, {
    views: [{ state: 'frozen', ySplit: headRow }],
    pageSetup: {
      paperSize: 9,
      orientation: columns.length > 6 ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${headRow}:${headRow}`,
    },
  });
  ws.columns = columns.map((c) => ({ width: c.width }));

  const title = ws.addRow([opts.title]);
  ws.mergeCells(1, 1, 1, columns.length);
  title.height = 32;
  title.getCell(1).font = { name: OFFICE_HEADING_FONT, size: 16, bold: true };
  title.getCell(1).alignment = { vertical: 'middle', horizontal: 'center' };
  if (opts.subtitle) {
    const sub = ws.addRow([neutraliseFormula(opts.subtitle)]);
    ws.mergeCells(2, 1, 2, columns.length);
    sub.getCell(1).font = { name: OFFICE_FONT, size: 10, color: { argb: 'FF555555' } };
    sub.getCell(1).alignment = { vertical: 'middle', horizontal: 'right' };
  }

  const header = ws.addRow(columns.map((c) => c.header));
  header.height = 36;
  header.eachCell((cell) => {
    cell.font = { name: OFFICE_FONT, bold: true, size: 11 };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE6F0' } };
    cell.border = border;
  });
  ws.autoFilter = { from: { row: headRow, column: 1 }, to: { row: headRow, column: columns.length } };

  opts.rows.forEach((r, i) => {
    const values = columns.map((c) => {
      const v = c.value(r, i);
      return typeof v === 'string' ? neutraliseFormula(v) : v;
    });
    const row = ws.addRow(values);
    // Spreadsheets do not all grow a row to its wrapped text when opening a file: set the height
    // from the longest cell (a Chinese character is two of a column's width units).
    const lines = Math.max(
      1,
      ...values.map((v, k) =>
        typeof v === 'string' && columns[k]!.align === undefined
          ? Math.ceil(displayWidth(v) / Math.max(columns[k]!.width - 1, 1))
          : 1,
      ),
    );
    if (lines > 1) row.height = lines * 15 + 3;
    columns.forEach((c, k) => {
      const cell = row.getCell(k + 1);
      cell.font = { name: OFFICE_FONT, size: 10.5 };
      cell.alignment = { vertical: 'top', horizontal: c.align ?? 'left', wrapText: c.align === undefined };
      cell.border = border;
      if (c.numFmt) cell.numFmt = c.numFmt;
    });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
