import { statusLabels, type ApplicationStatus } from './workflow.js';

const status = (s: unknown) => (typeof s === 'string' ? (statusLabels[s as ApplicationStatus] ?? s) : '');

/**
 * An audit record's summary in Chinese, for people (the JSON stays in the record): a status change
 * reads 状态：已提交待审核 → 退回修改; other fields are listed as 名称：值.
 */
export function auditSummaryText(summary: Record<string, unknown>): string {
  const parts: string[] = [];
  const rest = { ...summary };
  if (typeof rest.from === 'string' && typeof rest.to === 'string') {
    parts.push(`状态：${status(rest.from)} → ${status(rest.to)}`);
    delete rest.from;
    delete rest.to;
  }
  const names: Record<string, string> = {
    comment: '意见',
    sections: '修改部分',
    version: '版本',
    method: '请求',
    route: '路径',
    code: '原因',
    count: '数量',
    reason: '理由',
  };
  for (const [k, v] of Object.entries(rest)) {
    const value = Array.isArray(v) ? v.join('、') : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
    parts.push(`${names[k] ?? k}：${value}`);
  }
  return parts.join('；');
}
