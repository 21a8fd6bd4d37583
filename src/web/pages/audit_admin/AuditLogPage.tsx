import { useState } from 'react';
import { App, Button, Card, Flex, Table, Typography } from 'antd';
import { AUDIT_OUTCOMES } from '../../../domain/audit.js';
import { AUDIT_SORTS } from '../../../domain/schemas/audit.js';
import { DownloadButton } from '../../components/DownloadButton';
import { SafetyOutlined } from '@ant-design/icons';
import { useAuditLog, useVerifyAudit, type AuditFilter } from '../../api/audit';
import { errorText } from '../../api/client';
import type { AuditRecord } from '../../api/types';
import { LoadFailed } from '../../components/LoadFailed';
import { PageHeader } from '../../components/PageHeader';
import { useClampPage, useListParams } from '../../components/useListParams';
import { useNarrow } from '../../components/useNarrow';
import { m } from '../../i18n';
import { AuditDetailDrawer } from './AuditDetailDrawer';
import { AuditFilters } from './AuditFilters';
import { auditCardColumn, auditColumns } from './auditColumns';
import { VerifyResult } from './VerifyResult';
import './audit.css';

/** Landing page of the audit administrator: the append-only log, newest first. */
export function AuditLogPage() {
  const lp = useListParams(AUDIT_SORTS, { sort: 'seq', order: 'desc' });
  const param = (k: keyof AuditFilter) => lp.params.get(k) || undefined;
  const outcome = lp.params.get('outcome');
  // The filter lives in the URL with the page and the sort: a reload shows the same view.
  const filter: AuditFilter = {
    from: param('from'),
    to: param('to'),
    actor: param('actor'),
    action: param('action'),
    outcome: AUDIT_OUTCOMES.find((o) => o === outcome),
    q: param('q'),
  };
  const [open, setOpen] = useState<AuditRecord | null>(null);
  const log = useAuditLog({ ...filter, page: lp.page, pageSize: lp.pageSize, sort: lp.sort, order: lp.order });
  useClampPage(lp.page, lp.pageSize, log.data?.total, (p) => lp.update({ page: String(p) }));
  const verify = useVerifyAudit();
  const { message } = App.useApp();
  // On a phone only 序号 and 时间 fitted: one card per record instead (issue 17).
  const narrow = useNarrow();
  const columns = narrow ? [auditCardColumn(setOpen)] : auditColumns(setOpen, lp.sortOrderOf);

  return (
    <>
      <PageHeader
        title={m.audit.title}
        extra={
          <Flex gap={8}>
            <DownloadButton url={`/api/audit/export.xlsx${exportQuery(filter)}`} label="导出 Excel" />
            <Button
              icon={<SafetyOutlined />}
              loading={verify.isPending}
              onClick={() =>
                verify.mutate(undefined, {
                  onError: (e) => {
                    message.error(errorText(e));
                  },
                })
              }
            >
              {m.audit.verify}
            </Button>
          </Flex>
        }
      />
      {verify.data ? <VerifyResult result={verify.data} onClose={() => verify.reset()} /> : null}
      <Card>
        <AuditFilters
          value={filter}
          onChange={(f) => {
            const next = { from: f.from, to: f.to, actor: f.actor, action: f.action, outcome: f.outcome, q: f.q };
            // 查询 with an unchanged filter reloads the page, so it shows the latest records and seals.
            if (JSON.stringify(next) === JSON.stringify(filter)) void log.refetch();
            else lp.update(next);
          }}
        />
        <Typography.Paragraph type="secondary" data-testid="audit-gap-note" style={{ fontSize: 13 }}>
          序号由数据库统一分配，以下情况会出现空号：其他辖区的记录不在您的查看范围内，被回滚的操作不留记录，
          筛选条件之外的记录未显示。每条记录是否完整由“封存”列的签名封存保证，可点击“校验日志完整性”核验。
        </Typography.Paragraph>
        {log.isError ? (
          <LoadFailed error={log.error} onRetry={() => void log.refetch()} />
        ) : (
          <Table<AuditRecord>
            rowKey="seq"
            size="small"
            columns={columns}
            dataSource={log.data?.items}
            loading={log.isFetching}
            scroll={narrow ? undefined : { x: 1000 }}
            {...lp.tableProps<AuditRecord>(log.data?.total)}
          />
        )}
      </Card>
      <AuditDetailDrawer record={open} onClose={() => setOpen(null)} />
    </>
  );
}

/** The current filter as the export's query string (the export shows exactly the filtered view). */
function exportQuery(filter: AuditFilter): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== '') params.set(k, String(v));
  const q = params.toString();
  return q ? `?${q}` : '';
}
