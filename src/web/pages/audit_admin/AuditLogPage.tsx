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
              onClick={() => verify.mutate(undefined, { onError: (e) => message.error(errorText(e)) })}
            >
              {m.audit.verify}
            </Button>
          </Flex>
        }
      />
      {verify.data ? <VerifyResult result={verify.data} onClose={() => verify.reset()} /> : null}
      <Card>
        <AuditFilters onChange={setFilter} />
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
