import { useMemo, useState } from 'react';
import { App, Button, Card, Flex, Table, Typography } from 'antd';
import { DownloadButton } from '../../components/DownloadButton';
import { SafetyOutlined } from '@ant-design/icons';
import { useAuditLog, useVerifyAudit, type AuditFilter } from '../../api/audit';
import { errorText } from '../../api/client';
import type { AuditRecord } from '../../api/types';
import { LoadFailed } from '../../components/LoadFailed';
import { PageHeader } from '../../components/PageHeader';
import { fmt, m } from '../../i18n';
import { AuditDetailDrawer } from './AuditDetailDrawer';
import { AuditFilters } from './AuditFilters';
import { auditColumns } from './auditColumns';
import { VerifyResult } from './VerifyResult';
import './audit.css';

/** Landing page of the audit administrator: the append-only log, newest first. */
export function AuditLogPage() {
  const [filter, setFilter] = useState<AuditFilter>({});
  const [open, setOpen] = useState<AuditRecord | null>(null);
  const log = useAuditLog(filter);
  const verify = useVerifyAudit();
  const { message } = App.useApp();
  const rows = useMemo(() => log.data?.pages.flatMap((p) => p.items) ?? [], [log.data]);
  const columns = useMemo(() => auditColumns(setOpen), []);

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
        <AuditFilters onChange={setFilter} />
        <Typography.Paragraph type="secondary" data-testid="audit-gap-note" style={{ fontSize: 13 }}>
          序号由数据库统一分配，以下情况会出现空号：其他辖区的记录不在您的查看范围内，被回滚的操作不留记录，
          筛选条件之外的记录未显示。每条记录是否完整由“封存”列的签名封存保证，可点击“校验日志完整性”核验。
        </Typography.Paragraph>
        {log.isError ? (
          <LoadFailed error={log.error} onRetry={() => void log.refetch()} />
        ) : (
          <>
            <Table<AuditRecord>
              rowKey="seq"
              size="small"
              columns={columns}
              dataSource={rows}
              loading={log.isPending || (log.isFetching && !log.isFetchingNextPage)}
              pagination={false}
              scroll={{ x: 1000 }}
            />
            <Flex justify="center" align="center" gap={16} wrap style={{ marginTop: 16 }}>
              <Typography.Text style={{ color: '#4a5566' }}>
                {fmt(m.audit.loaded, { count: rows.length })}
              </Typography.Text>
              <Button
                onClick={() => void log.fetchNextPage()}
                disabled={!log.hasNextPage}
                loading={log.isFetchingNextPage}
              >
                {log.hasNextPage ? m.audit.loadMore : m.audit.noMore}
              </Button>
            </Flex>
          </>
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
