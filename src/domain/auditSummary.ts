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
  for (const [k, v] of Object.entries(rest)) {
    // Internal ids mean nothing to a reader (the record's JSON keeps them); a list of them is counted.
    if (/Ids$/.test(k) && Array.isArray(v)) {
      parts.push(`${NAMES[k] ?? k}：${v.length} 项`);
      continue;
    }
    if (/Id$/.test(k) || v === null || v === undefined || v === '') continue;
    const value = readable(k, v);
    parts.push(`${NAMES[k] ?? k}：${value}`);
  }
  return parts.join('；');
}

function readable(key: string, v: unknown): string {
  const word = LEVELS[`${key}:${String(v)}`];
  if (word) return word;
  if (Array.isArray(v)) return v.join('、');
  if (typeof v === 'boolean') return v ? '是' : '否';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** Values that read better in words. */
const LEVELS: Record<string, string> = { 'level:city': '设区市', 'level:province': '省级' };

/** Chinese names of the fields that audit summaries carry. */
const NAMES: Record<string, string> = {
  comment: '意见',
  sections: '修改部分',
  version: '版本',
  method: '请求',
  route: '路径',
  code: '原因',
  count: '数量',
  reason: '理由',
  number: '申报编号',
  unitName: '单位名称',
  uscc: '统一社会信用代码',
  username: '用户名',
  legalRepresentative: '法定代表人',
  licenceSha256: '营业执照 SHA-256',
  fileName: '文件名',
  sha256: 'SHA-256',
  size: '大小（字节）',
  mime: '文件类型',
  kind: '材料类型',
  kindLabel: '材料',
  snapshotSeq: '提交版本',
  snapshotSha256: '提交版本 SHA-256',
  textVersion: '文本版本',
  textSha256: '文本 SHA-256',
  level: '层级',
  supplementary: '补报',
  applicationIds: '申报',
  pledgeSigner: '承诺签署人',
  items: '件数',
  late: '逾期',
  receivedOn: '收到日期',
  codeStatus: '校验码核对',
};
