import { useState } from 'react';
import { Button, Card, Flex, Select, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { DISPATCH_SORTS } from '../../../domain/schemas/dispatches.js';
import {
  DISPATCH_STATUSES,
  dispatchStatusLabels,
  type DispatchLevel,
  type DispatchStatus,
} from '../../../domain/workflow.js';
import { useDispatches, type DispatchFilter, type DispatchSummary } from '../../api/dispatches';
import { Countdown } from '../../components/Countdown';
import { LoadFailed } from '../../components/LoadFailed';
import { PageHeader } from '../../components/PageHeader';
import { formatTime } from '../../format';
import { fmt, m } from '../../i18n';
import { DispatchBulkReceive } from './DispatchBulkReceive';
import { ScreenReaderOnly } from './ScreenReaderOnly';
import { ArrivalText } from './ArrivalText';
import { useClampPage, useListParams } from '../../components/useListParams';
import { DispatchStatusTag } from './StatusTag';

const t = m.review.dispatch;

interface Props {
  title: string;
  subtitle: string;
  base: string;
  level?: DispatchLevel;
  /** The deadline for sending this role's dispatches, shown with its countdown. */
  deadline?: string | null;
}

const isStatus = (s: string | null): s is DispatchStatus => !!s && (DISPATCH_STATUSES as readonly string[]).includes(s);

/** The dispatches the user sees (the server scopes them), newest first. */
export function DispatchListPage({ title, subtitle, base, level, deadline }: Props) {
  const lp = useListParams(DISPATCH_SORTS, { sort: 'createdAt', order: 'desc' });
  const statusParam = lp.params.get('status');
  const filter: DispatchFilter = {
    page: lp.page,
    pageSize: lp.pageSize,
    sort: lp.sort,
    order: lp.order,
    level,
    status: isStatus(statusParam) ? statusParam : undefined,
    // The Ministry's dashboard links by province and batch.
    provinceId: lp.params.get('provinceId') ?? undefined,
    batchId: lp.params.get('batchId') ?? undefined,
  };
  const list = useDispatches(filter);
  useClampPage(lp.page, lp.pageSize, list.data?.total, (p) => lp.update({ page: String(p) }));
  const navigate = useNavigate();
  const rows = list.data?.items ?? [];
  const canReceive = (list.data?.bulkActions ?? []).includes('receive');
  // 组织报送批 where the server says the user assembles dispatches of this list's level.
  const canCreate = !!level && list.data?.createLevel === level;
  const [selected, setSelected] = useState<Map<string, DispatchSummary>>(new Map());

  const columns: TableColumnsType<DispatchSummary> = [
    {
      title: t.from,
      key: 'from',
      // With the selection column beside it the name was squeezed to one character per line.
      width: 180,
      render: (_: unknown, d) => <Link to={`${base}/${d.id}`}>{d.fromOrg.name}</Link>,
    },
    {
      title: t.level,
      key: 'level',
      width: 170,
      render: (_: unknown, d) => (
        <Flex gap={4} wrap>
          {d.levelLabel}
          {d.supplementary ? <Tag color="purple">{t.supplementary}</Tag> : null}
        </Flex>
      ),
    },
    {
      title: t.status,
      key: 'status',
      width: 100,
      sorter: true,
      sortOrder: lp.sortOrderOf('status'),
      render: (_: unknown, d) => <DispatchStatusTag status={d.status} />,
    },
    { title: t.items, dataIndex: 'itemCount', key: 'items', width: 80 },
    {
      title: t.createdAt,
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 170,
      sorter: true,
      sortOrder: lp.sortOrderOf('createdAt'),
      render: (v: string) => formatTime(v),
    },
    {
      title: t.sentAt,
      dataIndex: 'sentAt',
      key: 'sentAt',
      width: 170,
      sorter: true,
      sortOrder: lp.sortOrderOf('sentAt'),
      render: (v: string | null) => (v ? formatTime(v) : m.common.none),
    },
    {
      title: t.receivedAt,
      dataIndex: 'receivedAt',
      key: 'received',
      width: 170,
      render: (v: string | null) => (v ? formatTime(v) : m.common.none),
    },
    {
      title: m.opinions.arrival.column,
      key: 'arrival',
      width: 150,
      render: (_: unknown, d) => (d.receivedAt ? <ArrivalText d={d} compact /> : m.common.none),
    },
  ];

  return (
    <>
      <PageHeader
        title={title}
        subtitle={subtitle}
        extra={
          canCreate ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(`${base}/new`)}>
              {t.create}
            </Button>
          ) : null
        }
      />
      <Flex vertical gap={16}>
        {deadline ? <Countdown deadline={deadline} label={t.deadline} /> : null}
        <Card>
          <Flex gap={12} wrap style={{ marginBottom: 16 }}>
            <Select
              aria-label={t.status}
              placeholder={t.status}
              allowClear
              style={{ width: 160 }}
              value={isStatus(statusParam) ? statusParam : undefined}
              onChange={(v?: DispatchStatus) => lp.update({ status: v })}
              options={DISPATCH_STATUSES.map((s) => ({ value: s, label: dispatchStatusLabels[s] }))}
            />
          </Flex>
          {list.isError ? (
            <LoadFailed error={list.error} onRetry={() => void list.refetch()} />
          ) : (
            <>
              {canReceive ? (
                <DispatchBulkReceive
                  selected={[...selected.values()]}
                  pageRows={rows}
                  onSelectPage={(on) =>
                    setSelected((prev) => {
                      const next = new Map(prev);
                      for (const d of rows) {
                        if (on) next.set(d.id, d);
                        else next.delete(d.id);
                      }
                      return next;
                    })
                  }
                  onClear={() => setSelected(new Map())}
                />
              ) : null}
              <Table<DispatchSummary>
                rowKey="id"
                size="middle"
                columns={columns}
                dataSource={list.data?.items}
                rowSelection={
                  canReceive
                    ? {
                        selectedRowKeys: [...selected.keys()],
                        preserveSelectedRowKeys: true,
                        // As on the application queues: the bar offers 全选本页 (antd's select-all would be
                        // copied into its aria-hidden measuring row).
                        hideSelectAll: true,
                        columnTitle: <ScreenReaderOnly>{m.dispatchBulk.select}</ScreenReaderOnly>,
                        getCheckboxProps: (d) => ({
                          'aria-label': fmt(m.dispatchBulk.selectOne, { name: d.fromOrg.name }),
                        }),
                        onChange: (_keys, picked) =>
                          setSelected((prev) => {
                            const next = new Map([...prev].filter(([id]) => !rows.some((r) => r.id === id)));
                            for (const d of picked) if (d) next.set(d.id, d);
                            return next;
                          }),
                      }
                    : undefined
                }
                loading={list.isFetching}
                locale={{ emptyText: t.empty }}
                scroll={{ x: canReceive ? 1080 : 1000 }}
                {...lp.tableProps<DispatchSummary>(list.data?.total)}
              />
            </>
          )}
        </Card>
      </Flex>
    </>
  );
}
