import { Card, Flex, Segmented, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { creditExportUrl, useCreditRecords, type CreditFilter, type CreditRecord } from '../../api/credit';
import { DownloadButton } from '../../components/DownloadButton';
import { ListSearch } from '../../components/ListSearch';
import { LoadFailed } from '../../components/LoadFailed';
import { PageHeader } from '../../components/PageHeader';
import { formatTime } from '../../format';
import { m } from '../../i18n';
import { CREDIT_RECORD_SORTS } from '../../../domain/schemas/integrity.js';
import { useClampPage, useListParams } from '../../components/useListParams';
import { KeyboardScroll } from '../review/KeyboardScroll';

const t = m.review.credit;
const day = (iso: string | null) => (iso ? formatTime(iso).slice(0, 10) : m.common.none);

/** Credit records (不良科技信用记录) of the province, with the export for the public credit platform. */
export function CreditRecordsPage() {
  const lp = useListParams(CREDIT_RECORD_SORTS, { sort: 'createdAt', order: 'desc' });
  const filter: CreditFilter = {
    status: lp.params.get('status') === 'all' ? 'all' : 'active',
    q: lp.params.get('q') ?? undefined,
  };
  const list = useCreditRecords(filter, { page: lp.page, pageSize: lp.pageSize, sort: lp.sort, order: lp.order });
  useClampPage(lp.page, lp.pageSize, list.data?.total, (p) => lp.update({ page: String(p) }));
  const rows = list.data?.items ?? [];

  const columns: TableColumnsType<CreditRecord> = [
    {
      title: t.unit,
      dataIndex: 'unitName',
      key: 'unitName',
      width: 220,
      sorter: true,
      sortOrder: lp.sortOrderOf('unitName'),
    },
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
    {
      title: t.validFrom,
      dataIndex: 'validFrom',
      key: 'validFrom',
      width: 110,
      render: day,
      sorter: true,
      sortOrder: lp.sortOrderOf('validFrom'),
    },
    {
      title: t.validTo,
      dataIndex: 'validTo',
      key: 'validTo',
      width: 110,
      render: day,
      sorter: true,
      sortOrder: lp.sortOrderOf('validTo'),
    },
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
          <ListSearch
            q={filter.q}
            label={t.search}
            style={{ width: 320, maxWidth: '100%' }}
            onSearch={(q) => lp.update({ q })}
          />
          <Segmented<CreditFilter['status']>
            aria-label={t.state}
            value={filter.status}
            onChange={(status) => lp.update({ status: status === 'all' ? 'all' : undefined })}
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
                loading={list.isFetching}
                {...lp.tableProps<CreditRecord>(list.data?.total)}
                locale={{ emptyText: t.empty }}
                scroll={{ x: 1200 }}
              />
            </KeyboardScroll>
          </>
        )}
      </Card>
    </>
  );
}
