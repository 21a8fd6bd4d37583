import { todayInShanghai } from '../../../domain/application.js';
import { CREDIT_EXPORT_HEADERS } from '../../../domain/schemas/integrity.js';
import type { Actor } from '../../context.js';
import { neutraliseFormula } from '../../documents/format.js';
import { tableXlsx } from '../../documents/tableXlsx.js';
import type { Executor } from '../../db/database.js';
import { creditScopeOf } from '../../policies/integrity.js';
import { listCreditRecords, type CreditRecordRow } from '../../repositories/creditRecords.js';

/** A cell as CSV: quoted when needed, and never read as a formula by a spreadsheet. */
function csvCell(value: string): string {
  const safe = neutraliseFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Dates of the export are calendar days in Asia/Shanghai. */
const day = (iso: string | null) => (iso ? todayInShanghai(new Date(iso)) : '');

const exportRow = (r: CreditRecordRow) => ({
  uscc: r.uscc,
  unitName: r.unit_name,
  reason: r.reason,
  source: r.source,
  recordedBy: r.recorded_by_org_name ?? r.recorded_by_org_id,
  validFrom: day(r.valid_from),
  validTo: day(r.valid_to),
});

/**
 * The credit records for the public credit platform (省公共信用信息平台), within the actor's reach:
 * CSV (UTF-8 with BOM so that Excel reads the Chinese, CRLF lines) or JSON.
 */
export async function exportCreditRecords(opts: {
  db: Executor;
  actor: Actor;
  now: Date;
  format: 'csv' | 'json' | 'xlsx';
  status: 'active' | 'all';
  q?: string;
}): Promise<{ body: string | Buffer; contentType: string; fileName: string; count: number }> {
  const scope = creditScopeOf(opts.actor);
  const rows = (await listCreditRecords(opts.db, { scope, status: opts.status, q: opts.q, now: opts.now })).map(
    exportRow,
  );
  const stamp = todayInShanghai(opts.now);
  if (opts.format === 'json') {
    return {
      body: JSON.stringify({ exportedAt: opts.now.toISOString(), count: rows.length, items: rows }, null, 2),
      contentType: 'application/json; charset=utf-8',
      fileName: `不良科技信用记录-${stamp}.json`,
      count: rows.length,
    };
  }
  if (opts.format === 'xlsx') {
    const values = (r: ReturnType<typeof exportRow>) =>
      [r.uscc, r.unitName, r.reason, r.source, r.recordedBy, r.validFrom, r.validTo] as const;
    const widths = [22, 30, 40, 24, 14, 14, 14];
    return {
      body: await tableXlsx({
        sheet: '信用记录',
        title: '不良科技信用记录',
        subtitle: `导出时间：${stamp}；共 ${rows.length} 条${opts.status === 'active' ? '（仅有效记录）' : ''}`,
        columns: CREDIT_EXPORT_HEADERS.map((header, k) => ({
          header,
          width: widths[k] ?? 16,
          value: (r: ReturnType<typeof exportRow>) => values(r)[k] ?? null,
          align: k === 0 || k >= 5 ? ('center' as const) : undefined,
        })),
        rows,
        generatedAt: opts.now,
      }),
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      fileName: `不良科技信用记录-${stamp}.xlsx`,
      count: rows.length,
    };
  }
  const lines = [
    CREDIT_EXPORT_HEADERS.join(','),
    ...rows.map((r) =>
      [r.uscc, r.unitName, r.reason, r.source, r.recordedBy, r.validFrom, r.validTo].map(csvCell).join(','),
    ),
  ];
  return {
    body: `\ufeff${lines.join('\r\n')}\r\n`,
    contentType: 'text/csv; charset=utf-8',
    fileName: `不良科技信用记录-${stamp}.csv`,
    count: rows.length,
  };
}
