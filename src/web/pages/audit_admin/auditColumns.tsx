import { Button, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { auditOutcomeLabels } from '../../../domain/audit.js';
import { AUDIT_SORTS, type AuditSort } from '../../../domain/schemas/audit.js';
import type { AuditRecord } from '../../api/types';
import { formatTime } from '../../format';
import { m } from '../../i18n';
import { actionLabel, roleLabel } from './labels';

/**
 * The audit table's columns; `onOpen` shows a record in the drawer. The columns whose key is a sort key
 * sort on the server (`sortOrderOf` gives their state from the URL).
 */
export function auditColumns(
  onOpen: (r: AuditRecord) => void,
  sortOrderOf: (key: AuditSort) => 'ascend' | 'descend' | null,
): TableColumnsType<AuditRecord> {
  return columns(onOpen).map((c) => {
    const key = AUDIT_SORTS.find((k) => k === c.key);
    return key ? { ...c, sorter: true, sortOrder: sortOrderOf(key) } : c;
  });
}

function columns(onOpen: (r: AuditRecord) => void): TableColumnsType<AuditRecord> {
  return [
    { title: m.audit.seq, dataIndex: 'seq', key: 'seq', width: 70 },
    { title: m.audit.time, dataIndex: 'at', key: 'at', width: 165, render: (v: string) => formatTime(v) },
    {
      title: m.audit.actor,
      key: 'actor',
      width: 150,
      render: (_: unknown, r: AuditRecord) => (
        <>
          <div>{r.actorName ?? m.common.none}</div>
          {r.actorRole ? (
            <Typography.Text style={{ fontSize: 12, color: '#4a5566' }}>{roleLabel(r.actorRole)}</Typography.Text>
          ) : null}
        </>
      ),
    },
    {
      title: m.audit.org,
      dataIndex: 'orgName',
      key: 'orgName',
      width: 180,
      render: (v: string | null) => v ?? m.common.none,
    },
    { title: m.audit.action, dataIndex: 'action', key: 'action', width: 120, render: (v: string) => actionLabel(v) },
    {
      title: m.audit.outcome,
      dataIndex: 'outcome',
      key: 'outcome',
      width: 80,
      render: (v: AuditRecord['outcome']) => (
        <Tag color={v === 'success' ? 'green' : 'red'}>{auditOutcomeLabels[v] ?? v}</Tag>
      ),
    },
    {
      title: m.audit.target,
      key: 'target',
      width: 170,
      ellipsis: true,
      render: (_: unknown, r: AuditRecord) => targetText(r),
    },
    {
      title: '封存',
      key: 'seal',
      width: 150,
      render: (_: unknown, r: AuditRecord) => <SealCell record={r} />,
    },
    {
      title: m.common.actions,
      key: 'view',
      width: 70,
      fixed: 'right',
      render: (_: unknown, r: AuditRecord) => (
        <Button type="link" size="small" onClick={() => onOpen(r)} aria-label={`${m.audit.view} #${r.seq}`}>
          {m.audit.view}
        </Button>
      ),
    },
  ];
}

const targetText = (r: AuditRecord): string =>
  r.targetLabel ?? (r.targetType ? `${r.targetType}：${r.targetId ?? ''}` : m.common.none);

/** 封存: the seal batch of a record with its proof download, or 待封存. */
function SealCell({ record: r }: { record: AuditRecord }) {
  return r.sealId === null ? (
    <Tag>待封存</Tag>
  ) : (
    <>
      <Tag color="green">已封存于第 {r.sealId} 批 ✓</Tag>
      <a
        className="audit-proof-link"
        href={`/api/audit/${r.seq}/proof`}
        download={`audit-proof-${r.seq}.json`}
        aria-label={`下载证明（第 ${r.seq} 条记录）`}
      >
        下载证明
      </a>
    </>
  );
}

/**
 * The log on a phone: one column, each record a small card (time and number, who, what with its
 * outcome, the object, 封存 with the proof link, 查看), instead of nine columns of which only 序号 and
 * 时间 fitted on the screen.
 */
export function auditCardColumn(onOpen: (r: AuditRecord) => void): TableColumnsType<AuditRecord>[number] {
  return {
    title: m.audit.time,
    key: 'card',
    render: (_: unknown, r: AuditRecord) => (
      <div className="list-card audit-card">
        <div className="list-card-line">
          <span className="value-nowrap">{formatTime(r.at)}</span>
          <Typography.Text type="secondary">#{r.seq}</Typography.Text>
        </div>
        <div className="list-card-line">
          <strong>{actionLabel(r.action)}</strong>
          <Tag color={r.outcome === 'success' ? 'green' : 'red'}>{auditOutcomeLabels[r.outcome] ?? r.outcome}</Tag>
        </div>
        <div className="list-card-line">
          {[r.actorName ?? m.common.none, roleLabel(r.actorRole), r.orgName].filter(Boolean).join(' · ')}
        </div>
        <div className="list-card-line audit-card-target">
          {m.audit.target}：{targetText(r)}
        </div>
        <div className="list-card-line">
          <SealCell record={r} />
          <Button type="link" size="small" onClick={() => onOpen(r)} aria-label={`${m.audit.view} #${r.seq}`}>
            {m.audit.view}
          </Button>
        </div>
      </div>
    ),
  };
}
