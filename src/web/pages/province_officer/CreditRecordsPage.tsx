import { useMemo, useState } from 'react';
import { Button, Card, Flex, Input, Segmented, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { creditExportUrl, useCreditRecords, type CreditFilter, type CreditRecord } from '../../api/credit';
import { DownloadButton } from '../../components/DownloadButton';
import { LoadFailed } from '../../components/LoadFailed';
import { PageHeader } from '../../components/PageHeader';
import { formatTime } from '../../format';
import { fmt, m } from '../../i18n';
import { KeyboardScroll } from '../review/KeyboardScroll';

const t = m.review.credit;
const day = (iso: string | null) => (iso ? formatTime(iso).slice(0, 10) : m.common.none);

/** Credit records (不良科技信用记录) of the province, with the export for the public credit platform. */
export function CreditRecordsPage() {
  const [filter, setFilter] = useState<CreditFilter>({ status: 'active' });
  const list = useCreditRecords(filter);
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);

  const columns: TableColumnsType<CreditRecord> = [
    { title: t.unit, dataIndex: 'unitName', key: 'unit', width: 220 },
    { title: t.uscc, dataIndex: 'uscc', key: 'uscc', width: 190 },
    { title: t.reason, dataIndex: 'reason', key: 'reason' },
    {
      title: t.application,
      dataIndex: 'applicationNumber',
      key: 'app',
      width: 150,
      render: (v: string | null) => v ?? m.common.none,
    },
    {
      title: t.recordedBy,
      dataIndex: 'recordedByOrgName',
      key: 'by',
      width: 180,
      render: (v: string | null) => v ?? m.common.none,
    },
    { title: t.validFrom, dataIndex: 'validFrom', key: 'from', width: 110, render: day },
    { title: t.validTo, dataIndex: 'validTo', key: 'to', width: 110, render: day },
    {
      title: t.state,
      key: 'state',
      width: 90,
      render: (_: unknown, r) => <Tag color={r.active ? 'red' : 'default'}>{r.active ? t.inForce : t.ended}</Tag>,
    },
  ];

  return (
    <>
      <PageHeader
        title={t.title}
        subtitle={t.subtitle}
        extra={
          <>
            <DownloadButton url={creditExportUrl('csv', filter)} label={m.download.creditCsv}>
              {t.exportCsv}
            </DownloadButton>
            <DownloadButton url={creditExportUrl('json', filter)} label={m.download.creditJson}>
              {t.exportJson}
            </DownloadButton>
            <DownloadButton url={creditExportUrl('xlsx', filter)} label={m.download.creditXlsx}>
              {m.download.exportXlsx}
            </DownloadButton>
          </>
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            aria-label={t.search}
            placeholder={t.search}
            allowClear
            enterButton={m.common.search}
            style={{ width: 320, maxWidth: '100%' }}
            onSearch={(v) => setFilter((f) => ({ ...f, q: v.trim() || undefined }))}
          />
          <Segmented<CreditFilter['status']>
            aria-label={t.state}
            value={filter.status}
            onChange={(status) => setFilter((f) => ({ ...f, status }))}
            options={[
              { value: 'active', label: t.active },
              { value: 'all', label: t.all },
            ]}
          />
        </Flex>
        {list.isError ? (
          <LoadFailed error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <KeyboardScroll label={t.title}>
              <Table<CreditRecord>
                rowKey="id"
                size="middle"
                columns={columns}
                dataSource={rows}
                loading={list.isPending || (list.isFetching && !list.isFetchingNextPage)}
                pagination={false}
                locale={{ emptyText: t.empty }}
                scroll={{ x: 1200 }}
              />
            </KeyboardScroll>
            <Flex justify="center" gap={16} style={{ marginTop: 16 }}>
              <Typography.Text style={{ color: '#4a5566' }}>
                {fmt(m.review.queue.loaded, { count: rows.length })}
              </Typography.Text>
              {list.hasNextPage ? (
                <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                  {m.review.queue.loadMore}
                </Button>
              ) : null}
            </Flex>
          </>
        )}
      </Card>
    </>
  );
}
