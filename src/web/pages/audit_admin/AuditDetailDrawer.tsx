import { Descriptions, Drawer, Tag, Typography } from 'antd';
import { auditOutcomeLabels } from '../../../domain/audit.js';
import type { AuditRecord } from '../../api/types';
import { formatTime } from '../../format';
import { fmt, m } from '../../i18n';
import { actionLabel, roleLabel } from './labels';

const orNone = (v: string | number | null | undefined) =>
  v === null || v === undefined || v === '' ? m.common.none : v;

/** One audit record in full, with its summary as formatted JSON. */
export function AuditDetailDrawer({ record, onClose }: { record: AuditRecord | null; onClose: () => void }) {
  return (
    <Drawer
      open={record !== null}
      onClose={onClose}
      title={record ? fmt(m.audit.detail, { seq: record.seq }) : ''}
      size={560}
    >
      {record ? (
        <>
          <Descriptions
            column={1}
            size="small"
            bordered
            items={[
              { key: 'seq', label: m.audit.seq, children: record.seq },
              { key: 'at', label: m.audit.time, children: formatTime(record.at) },
              { key: 'actor', label: m.audit.actor, children: orNone(record.actorName) },
              { key: 'role', label: m.audit.role, children: orNone(roleLabel(record.actorRole)) },
              { key: 'org', label: m.audit.org, children: orNone(record.orgName) },
              { key: 'action', label: m.audit.action, children: `${actionLabel(record.action)}（${record.action}）` },
              {
                key: 'target',
                label: m.audit.target,
                children: record.targetType ? `${record.targetType}：${record.targetId ?? ''}` : m.common.none,
              },
              {
                key: 'outcome',
                label: m.audit.outcome,
                children: (
                  <Tag color={record.outcome === 'success' ? 'green' : 'red'}>{auditOutcomeLabels[record.outcome]}</Tag>
                ),
              },
              { key: 'ip', label: m.audit.ip, children: orNone(record.ip) },
              { key: 'requestId', label: m.audit.requestId, children: orNone(record.requestId) },
            ]}
          />
          <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>
            {m.audit.summary}
          </Typography.Title>
          <div data-testid="audit-summary-text">{record.summaryText}</div>
          <pre className="audit-json" data-testid="audit-summary">
            {JSON.stringify(record.summary ?? {}, null, 2)}
          </pre>
        </>
      ) : null}
    </Drawer>
  );
}
