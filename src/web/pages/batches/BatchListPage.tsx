import { useState } from 'react';
import { Button, Card, Flex, Grid, Segmented, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { batchStatusLabels, formatBeijing, type BatchStatus } from '../../../domain/schemas/batches.js';
import { useBatchListActions, useBatches, type Batch } from '../../api/batches';
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
  const [status, setStatus] = useState<BatchStatus | 'all'>('all');
  const batches = useBatches(status === 'all' ? undefined : status);
  const { me } = useBatchContext();
  const perms = { canManage: useBatchListActions(status === 'all' ? undefined : status).includes('create') };
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  // On a phone: name, year and status fit the screen; the deadlines are on the batch's page.
  const wide = Grid.useBreakpoint().md ?? true;

  const columns: TableColumnsType<Batch> = [
    {
      title: t.name,
      dataIndex: 'name',
      key: 'name',
      render: (name: string, b) => <Link to={batchPath(b.id)}>{name}</Link>,
    },
    { title: t.year, dataIndex: 'year', key: 'year', width: 80 },
    { title: t.status, dataIndex: 'status', key: 'status', width: 90, render: statusTag },
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
            value={status}
            onChange={setStatus}
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
            dataSource={batches.data}
            loading={batches.isFetching}
            scroll={wide ? { x: 880 } : undefined}
            locale={{ emptyText: t.empty }}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => fmt(m.common.total, { total }) }}
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
