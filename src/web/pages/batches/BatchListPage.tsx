import { useState } from 'react';
import { Button, Card, Flex, Grid, Segmented, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import {
  BATCH_SORTS,
  BATCH_STATUSES,
  batchStatusLabels,
  formatBeijing,
  type BatchStatus,
} from '../../../domain/schemas/batches.js';
import { useBatchListActions, useBatchPage, type Batch } from '../../api/batches';
import { useClampPage, useListParams } from '../../components/useListParams';
import { LoadFailed } from '../../components/LoadFailed';
import { PageHeader } from '../../components/PageHeader';
import { fmt, m } from '../../i18n';
import { BatchFormModal } from './BatchFormModal';
import { batchPath } from './paths';
import { useBatchContext } from './useBatchContext';

const t = m.batches.list;

export const statusTag = (s: BatchStatus) => (
  <Tag color={s === 'open' ? 'green' : 'default'}>{batchStatusLabels[s] ?? s}</Tag>
);

/** The deadline of a level the user cares about most: their own scope's, else how many are set. */
function levelCell(batch: Batch, kind: 'city' | 'applicant', ownScope: string | null | undefined) {
  const list = batch.deadlines.filter((d) => d.kind === kind);
  const own = list.find((d) => d.scopeOrgId === ownScope);
  if (own)
    return (
      <span>
        {formatBeijing(own.dueAt)}
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
          {own.scopeOrgName}
        </Typography.Text>
      </span>
    );
  if (list.length === 0) return <Typography.Text type="secondary">{t.notSet}</Typography.Text>;
  return fmt(kind === 'city' ? t.provincesSet : t.citiesSet, { count: list.length });
}

/** 批次管理: every batch with its status, year and deadlines; the system administrator creates them. */
export function BatchListPage() {
  const lp = useListParams(BATCH_SORTS, { sort: 'year', order: 'desc' });
  const statusParam = lp.params.get('status');
  const status = BATCH_STATUSES.find((s) => s === statusParam);
  const batches = useBatchPage({ status, page: lp.page, pageSize: lp.pageSize, sort: lp.sort, order: lp.order });
  useClampPage(lp.page, lp.pageSize, batches.data?.total, (p) => lp.update({ page: String(p) }));
  const { me } = useBatchContext();
  const perms = { canManage: useBatchListActions().includes('create') };
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  // On a phone: name, year and status fit the screen; the deadlines are on the batch's page.
  const wide = Grid.useBreakpoint().md ?? true;

  const sortable = (key: (typeof BATCH_SORTS)[number]) => ({ sorter: true, sortOrder: lp.sortOrderOf(key) });
  const columns: TableColumnsType<Batch> = [
    {
      title: t.name,
      dataIndex: 'name',
      key: 'name',
      ...sortable('name'),
      render: (name: string, b) => <Link to={batchPath(b.id)}>{name}</Link>,
    },
    { title: t.year, dataIndex: 'year', key: 'year', width: 90, ...sortable('year') },
    { title: t.status, dataIndex: 'status', key: 'status', width: 100, ...sortable('status'), render: statusTag },
    {
      title: t.national,
      key: 'national',
      width: 150,
      responsive: ['sm'],
      render: (_, b) => {
        const d = b.deadlines.find((x) => x.kind === 'province');
        return d ? formatBeijing(d.dueAt) : <Typography.Text type="secondary">{t.notSet}</Typography.Text>;
      },
    },
    {
      title: t.province,
      key: 'city',
      width: 170,
      responsive: ['md'],
      render: (_, b) => levelCell(b, 'city', me?.provinceId),
    },
    {
      title: t.applicant,
      key: 'applicant',
      width: 170,
      responsive: ['md'],
      render: (_, b) => levelCell(b, 'applicant', me?.cityId),
    },
    { title: t.documents, key: 'docs', width: 70, responsive: ['sm'], render: (_, b) => b.documents.length },
    {
      title: m.common.actions,
      key: 'actions',
      width: 80,
      responsive: ['md'],
      render: (_, b) => (
        <Button size="small" onClick={() => navigate(batchPath(b.id))} aria-label={`${t.view}：${b.name}`}>
          {t.view}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t.title}
        subtitle={perms.canManage ? t.subtitle : t.viewerSubtitle}
        extra={
          perms.canManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t.create}
            </Button>
          ) : null
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Segmented<BatchStatus | 'all'>
            aria-label={t.filter}
            value={status ?? 'all'}
            onChange={(v) => lp.update({ status: v === 'all' ? undefined : v })}
            options={[
              { value: 'all', label: m.common.all },
              { value: 'open', label: batchStatusLabels.open },
              { value: 'closed', label: batchStatusLabels.closed },
            ]}
          />
        </Flex>
        {batches.isError ? (
          <LoadFailed error={batches.error} onRetry={() => void batches.refetch()} />
        ) : (
          <Table<Batch>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={batches.data?.items}
            loading={batches.isFetching}
            scroll={wide ? { x: 900 } : undefined}
            locale={{ emptyText: t.empty }}
            {...lp.tableProps<Batch>(batches.data?.total)}
          />
        )}
      </Card>
      {perms.canManage ? (
        <BatchFormModal
          open={creating}
          batch={null}
          onClose={() => setCreating(false)}
          onSaved={(b) => navigate(batchPath(b.id))}
        />
      ) : null}
    </>
  );
}
