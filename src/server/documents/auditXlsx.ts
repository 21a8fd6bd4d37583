import ExcelJS from 'exceljs';
import { auditActionLabels, auditOutcomeLabels, type AuditAction } from '../../domain/audit.js';
import { roleLabels, type Role } from '../../domain/roles.js';
import type { AuditRecord } from '../../domain/schemas/audit.js';

/** A cell that a spreadsheet would read as a formula (= + - @) is kept as text. */
const neutral = (v: string | null) => (v && /^[=+\-@\t\r]/.test(v) ? `'${v}` : (v ?? ''));

/** "2026-12-06 21:11:31": the instant in Beijing time, to the second, as the audit page shows it. */
const beijing = (at: string) =>
  new Date(new Date(at).getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

/** The audit page's filtered view as an xlsx sheet: numbers and names, the summary in Chinese. */
export async function auditXlsx(records: AuditRecord[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('审计日志');
  ws.columns = [
    { header: '序号', key: 'seq', width: 10 },
    { header: '时间（北京时间）', key: 'at', width: 22 },
    { header: '操作人', key: 'actor', width: 16 },
    { header: '角色', key: 'role', width: 16 },
    { header: '单位', key: 'org', width: 28 },
    { header: '操作类型', key: 'action', width: 18 },
    { header: '结果', key: 'outcome', width: 8 },
    { header: '对象', key: 'target', width: 32 },
    { header: '摘要', key: 'summary', width: 48 },
    { header: 'IP', key: 'ip', width: 16 },
    { header: '封存', key: 'seal', width: 16 },
  ];
  for (const r of records) {
    ws.addRow({
      seq: r.seq,
      at: beijing(r.at),
      actor: neutral(r.actorName),
      role: r.actorRole ? (roleLabels[r.actorRole as Role] ?? neutral(r.actorRole)) : '',
      org: neutral(r.orgName),
      action: auditActionLabels[r.action as AuditAction] ?? neutral(r.action),
      outcome: auditOutcomeLabels[r.outcome],
      target: neutral(r.targetLabel ?? (r.targetType ? `${r.targetType}：${r.targetId ?? ''}` : '')),
      summary: neutral(r.summaryText),
      ip: neutral(r.ip),
      seal: r.sealId === null ? '待封存' : `已封存于第 ${r.sealId} 批`,
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
