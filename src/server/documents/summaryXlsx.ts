import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import {
  basicInfoFields,
  enterpriseOwnershipOptions,
  managementSystemOptions,
  operatorNatureOptions,
  provincialFilingFields,
  type BasicInfoDraft,
  type BasicInfoFieldKey,
  type DraftContent,
  type ProvincialFilingDraft,
} from '../../domain/application.js';
import { formatVerificationCode } from '../../domain/verification-code.js';
import { isoDateTime, neutraliseFormula } from './format.js';

/**
 * The 汇总表: one row per application with every attachment-2 field, headed as on the form, plus the
 * application number, status, city and rank. Written with exceljs's streaming WorkbookWriter: each row
 * is committed to the output as it arrives, so a 5,000-row export never holds the workbook in memory.
 */

export interface SummaryRow {
  number: string | null;
  statusLabel: string;
  cityName: string;
  /** Rank in its dispatch (推荐排序); null when not in one. */
  rank: number | null;
  content: DraftContent;
  submittedAt: string | null;
  /** Verification code of the current submitted version. */
  code: string | null;
}

type Value = string | number | null;

interface SummaryColumn {
  header: string;
  width: number;
  value: (row: SummaryRow, bi: Info) => Value;
  align?: 'left' | 'center' | 'right';
}

type Info = BasicInfoDraft;
/** 'head.mobile' for the field head.mobile of the basic info: every path of the draft type. */
type FieldPath = {
  [K in keyof Info & string]: NonNullable<Info[K]> extends readonly unknown[]
    ? K
    : NonNullable<Info[K]> extends object
      ? K | `${K}.${keyof NonNullable<Info[K]> & string}`
      : K;
}[keyof Info & string];
/** A label whose key is not a field of the schema (a field renamed on one side only) fails here. */
const fieldPath = (key: BasicInfoFieldKey): FieldPath => key;

const num = (v: unknown): Value => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

function at(bi: Info, path: FieldPath): unknown {
  const [head, sub] = path.split('.') as [keyof Info, string | undefined];
  const v: unknown = bi[head];
  return sub === undefined ? v : v && typeof v === 'object' ? (v as Record<string, unknown>)[sub] : undefined;
}

type YesNoAnswer = NonNullable<Info['onlinePlatform']>;
function yesNoText(v: unknown): string {
  const o = (v && typeof v === 'object' ? v : {}) as Partial<YesNoAnswer>;
  if (o.answer === 'yes') return o.name ? `是（${o.name}）` : '是';
  return o.answer === 'no' ? '否' : '';
}

function natureText(bi: Info): string {
  const n = operatorNatureOptions.find((o) => o.value === bi.operatorNature);
  if (!n) return '';
  const own = enterpriseOwnershipOptions.find((o) => o.value === bi.enterpriseOwnership);
  return n.value === 'enterprise' && own ? `${n.label}（${own.label}）` : n.label;
}

function systemsText(bi: Info): string {
  const ms = bi.managementSystems ?? {};
  const other = bi.managementSystemsOther?.trim() ?? '';
  return managementSystemOptions
    .filter((o) => ms[o.key] === true || (o.key === 'other' && other))
    .map((o) => (o.key === 'other' && other ? `${o.label}：${other}` : o.label))
    .join('、');
}

function filingText(filing: ProvincialFilingDraft | undefined): string {
  const f = filing ?? {};
  const option = provincialFilingFields.statusOptions.find((o) => o.value === f.status);
  if (!option) return '';
  const detail = [f.year ? `${String(f.year)}年` : '', f.documentNo ?? ''].filter(Boolean).join('，');
  return detail ? `${option.label}（${detail}）` : option.label;
}

/** Width in characters for a field's column, by kind. */
const WIDTHS: Record<string, number> = {
  text: 24,
  date: 12,
  choice: 16,
  yesNo: 30,
  list: 30,
  integer: 12,
  number: 14,
  checks: 36,
};

/**
 * The attachment-2 columns in the form's order. 企业（国有、民营） is shown inside 运营主体性质 and 其他
 * inside 管理制度, as on the form; the ambiguous 联系电话/联系手机 get their full names.
 */
const formColumns: SummaryColumn[] = basicInfoFields
  .filter((f) => f.key !== 'enterpriseOwnership' && f.key !== 'managementSystemsOther')
  .map((f): SummaryColumn => {
    const header = f.label.startsWith('联系') && 'fullLabel' in f ? f.fullLabel : f.label;
    const width =
      f.key === 'spaceName' || f.key === 'operatorName' || f.key === 'address' ? 32 : (WIDTHS[f.kind] ?? 16);
    switch (f.kind) {
      case 'integer':
      case 'number':
        return {
          header,
          width: Math.max(width, Math.min(header.length * 1.6, 22)),
          value: (_r, bi) => num(at(bi, fieldPath(f.key))),
          align: 'right',
        };
      case 'yesNo':
        return { header, width, value: (_r, bi) => yesNoText(at(bi, fieldPath(f.key))) };
      case 'list':
        return {
          header,
          width,
          value: (_r, bi) =>
            (bi.mainFields ?? [])
              .map((v) => v ?? '')
              .filter(Boolean)
              .join('、'),
        };
      case 'checks':
        return { header, width, value: (_r, bi) => systemsText(bi) };
      case 'choice':
        return { header, width, value: (_r, bi) => natureText(bi) };
      default:
        return {
          header,
          width:
            f.key === 'operatorUscc'
              ? 22
              : f.key === 'email'
                ? 28
                : f.key.endsWith('.name')
                  ? 12
                  : f.key.includes('phone') || f.key.includes('mobile')
                    ? 16
                    : width,
          value: (_r, bi) => text(at(bi, fieldPath(f.key))) || null,
        };
    }
  });

export const SUMMARY_COLUMNS: readonly SummaryColumn[] = [
  { header: '推荐排序', width: 10, value: (r) => r.rank, align: 'center' },
  { header: '申报编号', width: 18, value: (r) => r.number, align: 'center' },
  { header: '所在市', width: 10, value: (r) => r.cityName, align: 'center' },
  { header: '状态', width: 14, value: (r) => r.statusLabel, align: 'center' },
  ...formColumns,
  {
    header: provincialFilingFields.label,
    width: 40,
    value: (r) => filingText(r.content.provincialFiling ?? undefined) || null,
  },
  { header: '提交时间', width: 18, value: (r) => (r.submittedAt ? isoDateTime(r.submittedAt) : null), align: 'center' },
  { header: '校验码', width: 16, value: (r) => (r.code ? formatVerificationCode(r.code) : null), align: 'center' },
];

const thin = { style: 'thin' as const, color: { argb: 'FF999999' } };

/**
 * Writes the 汇总表 to `out`, one committed row at a time as `rows` yields them. Resolves when the
 * whole file has been handed to `out` (the caller ends nothing: the writer ends `out` itself).
 */
export async function writeSummaryXlsx(
  rows: AsyncIterable<SummaryRow> | Iterable<SummaryRow>,
  out: Writable,
  opts: { title?: string; generatedAt: Date },
): Promise<number> {
  // exceljs on first use, not when the server starts (~22 MB of the idle server's memory, issue 7).
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = '专业化众创空间备案申报推荐系统';
  wb.created = opts.generatedAt;
  wb.modified = opts.generatedAt;
  wb.title = opts.title ?? '国家专业化众创空间申报汇总表';
  // 序号 first: the row's place in the sheet (the sheet comes in recommendation order).
  const columns: readonly SummaryColumn[] = [
    { header: '序号', width: 6, value: () => null, align: 'center' },
    ...SUMMARY_COLUMNS,
  ];
  const title = opts.title ?? '国家专业化众创空间申报汇总表';
  const ws = wb.addWorksheet('汇总表', {
    views: [{ state: 'frozen', xSplit: 3, ySplit: 2, activeCell: 'D3' }],
    pageSetup: { paperSize: 9, orientation: 'landscape', printTitlesRow: '2:2' },
  });
  ws.columns = columns.map((c, i) => ({ key: `c${i}`, width: c.width }));
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: columns.length } };

  // The title row across the columns a printed landscape page shows first (about 100 characters).
  let span = 0;
  for (let w = 0; span < columns.length && w + columns[span]!.width <= 104; span++) w += columns[span]!.width;
  const titleRow = ws.addRow([title]);
  ws.mergeCells(1, 1, 1, Math.max(span, 1));
  titleRow.height = 32;
  titleRow.getCell(1).font = { name: '黑体', size: 16, bold: true };
  titleRow.getCell(1).alignment = { vertical: 'middle', horizontal: 'center' };
  titleRow.commit();

  const header = ws.addRow(columns.map((c) => c.header));
  header.height = 48;
  header.eachCell((cell) => {
    cell.font = { name: '宋体', bold: true, size: 11 };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE6F0' } };
    cell.border = { top: thin, bottom: thin, left: thin, right: thin };
  });
  header.commit();

  // One style object per column, shared by its cells: exceljs recognises a style object it has seen
  // and reuses its id, where a new object per cell is rendered to XML and looked up every time (a
  // fifth of the export's CPU time on 5,000 rows in the bench, issue 7).
  const font = { name: '宋体', size: 10.5 };
  const cellStyles = columns.map((c): Partial<ExcelJS.Style> => ({
    font,
    alignment: { vertical: 'top', horizontal: c.align ?? 'left', wrapText: c.align === undefined },
  }));
  let count = 0;
  for await (const r of rows) {
    const bi = r.content.basicInfo ?? {};
    const row = ws.addRow(
      columns.map((c, k) => {
        const v = k === 0 ? count + 1 : c.value(r, bi);
        return typeof v === 'string' ? neutraliseFormula(v) : v;
      }),
    );
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cell.style = cellStyles[col - 1]!;
    });
    row.commit();
    count++;
    if (count % 100 === 0) {
      // Let the compressor and the socket work, and wait while the client is slower than the query.
      if (out.writableNeedDrain) await once(out, 'drain');
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  ws.commit();
  await wb.commit();
  return count;
}
