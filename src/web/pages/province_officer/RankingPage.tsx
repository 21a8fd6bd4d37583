import { Button, Card, Empty, Flex, Grid, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { RANKING_SORTS, RANKING_STATUSES } from '../../../domain/schemas/experts.js';
import { statusLabels } from '../../../domain/workflow.js';
import { useRanking, type Ranking, type RankingFilter } from '../../api/experts';
import { DownloadButton } from '../../components/DownloadButton';
import { LoadFailed } from '../../components/LoadFailed';
import { PageHeader } from '../../components/PageHeader';
import { useClampPage, useListParams } from '../../components/useListParams';
import { fmt, m } from '../../i18n';
import { BulkAssignModal } from '../review/BulkAssignModal';
import { StatusTag } from '../review/StatusTag';
import { useOpenBatches } from '../review/useDeadline';
import { useMyCities } from '../review/useMyOrg';
import { provincePaths } from './paths';
import { ListSearch } from '../../components/ListSearch';

const t = m.review.ranking;
type Row = Ranking['items'][number];

/**
 * The province's accepted applications ranked by the experts' average score; decisions open from here.
 * The server pages the ranking (each row keeps its rank in the whole ranking); batch, filters, page and
 * sort are in the URL.
 */
export function RankingPage() {
  const batches = useOpenBatches();
  const lp = useListParams(RANKING_SORTS, { sort: 'rank', order: 'asc' });
  const batchId = lp.params.get('batchId') ?? batches.data?.[0]?.id;
  const statusParam = lp.params.get('status');
  const filter: RankingFilter = {
    q: lp.params.get('q') ?? undefined,
    cityId: lp.params.get('cityId') ?? undefined,
    status: RANKING_STATUSES.find((s) => s === statusParam),
  };
  const ranking = useRanking(batchId, filter, { page: lp.page, pageSize: lp.pageSize, sort: lp.sort, order: lp.order });
  useClampPage(lp.page, lp.pageSize, ranking.data?.total, (p) => lp.update({ page: String(p) }));
  const cities = useMyCities();
  const criteria = ranking.data?.criteria ?? [];
  // A phone scrolls the table sideways; a wide screen shows it whole.
  const wide = Grid.useBreakpoint().md ?? true;
  // Experts are assigned in bulk to the accepted applications ticked here (issue 14), across pages.
  const [selected, setSelected] = useState<Map<string, string>>(new Map());
  const [bulkOpen, setBulkOpen] = useState(false);
  const chosenApps = [...selected].map(([id, name]) => ({ id, name }));

  const columns: TableColumnsType<Row> = [
    {
      title: t.rank,
      dataIndex: 'rank',
      key: 'rank',
      width: 80,
      sorter: true,
      sortOrder: lp.sortOrderOf('rank'),
      render: (v: number | null) => v ?? m.common.none,
    },
    {
      title: t.space,
      key: 'space',
      width: 220,
      render: (_: unknown, r) => (
        <Link to={`${provincePaths.applications}/${r.application.id}`}>
          {r.application.spaceName ?? m.review.queue.unnamed}
        </Link>
      ),
    },
    {
      title: t.city,
      key: 'cityName',
      width: 100,
      sorter: true,
      sortOrder: lp.sortOrderOf('cityName'),
      render: (_: unknown, r) => r.application.cityName,
    },
    {
      title: t.status,
      key: 'status',
      width: 110,
      render: (_: unknown, r) => <StatusTag status={r.application.status} />,
    },
    {
      title: t.average,
      dataIndex: 'averageScore',
      key: 'avg',
      width: 90,
      render: (v: number | null) =>
        v === null ? m.common.none : <Typography.Text strong>{v.toFixed(2)}</Typography.Text>,
    },
    {
      title: t.visits,
      dataIndex: 'fieldVisitCount',
      key: 'fieldVisitCount',
      width: 100,
      sorter: true,
      sortOrder: lp.sortOrderOf('fieldVisitCount'),
    },
    {
      title: t.experts,
      key: 'experts',
      width: 90,
      render: (_: unknown, r) => fmt(t.scoredOf, { scored: r.scoredCount, assigned: r.assignedCount }),
    },
    {
      // One column for the criteria, each average kept on one line with its label: the ranking fits a
      // 1280 px screen without scrolling sideways, however many criteria the province set.
      title: t.criteria,
      key: 'criteria',
      render: (_: unknown, r: Row) => (
        <Flex wrap gap="2px 12px" className="ranking-criteria">
          {criteria.map((c) => {
            const v = r.criteriaAverages.find((x) => x.key === c.key)?.average;
            return (
              <span key={c.key} className="value-nowrap">
                {c.label}（{c.weight}）<strong>{v === null || v === undefined ? m.common.none : v.toFixed(1)}</strong>
              </span>
            );
          })}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t.title}
        subtitle={t.subtitle}
        extra={
          <Flex gap={8} wrap>
            <Button disabled={chosenApps.length === 0} onClick={() => setBulkOpen(true)}>
              {m.progress.assign.bulk}
              {chosenApps.length ? `（${chosenApps.length}）` : ''}
            </Button>
            {(batches.data?.length ?? 0) > 1 ? (
              <Select
                aria-label={m.review.queue.batch}
                value={batchId}
                onChange={(v: string) => lp.update({ batchId: v })}
                options={batches.data?.map((b) => ({ value: b.id, label: b.name }))}
                style={{ width: 280 }}
              />
            ) : null}
            {batchId ? (
              <DownloadButton url={`/api/batches/${batchId}/ranking.xlsx`} label={m.download.rankingXlsx}>
                {m.download.exportXlsx}
              </DownloadButton>
            ) : null}
          </Flex>
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
          <Select
            aria-label={t.city}
            placeholder={t.city}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 180 }}
            value={filter.cityId}
            onChange={(v?: string) => lp.update({ cityId: v })}
            options={cities.map((c) => ({ value: c.id, label: c.name }))}
          />
          <Select
            aria-label={t.status}
            placeholder={t.allStatuses}
            allowClear
            style={{ width: 180 }}
            value={filter.status}
            onChange={(v?: string) => lp.update({ status: v })}
            options={RANKING_STATUSES.map((s) => ({ value: s, label: statusLabels[s] }))}
          />
        </Flex>
        {ranking.isError ? (
          <LoadFailed error={ranking.error} onRetry={() => void ranking.refetch()} />
        ) : (
          <Table<Row>
            rowKey={(r) => r.application.id}
            rowSelection={{
              selectedRowKeys: [...selected.keys()],
              preserveSelectedRowKeys: true,
              // On a phone the table scrolls sideways and antd copies the header into an aria-hidden
              // measuring row: a select-all checkbox there would be focusable yet hidden (axe).
              hideSelectAll: !wide,
              onChange: (keys, rows) =>
                setSelected((prev) => {
                  // Rows of other pages stay chosen; this page's follow the ticks.
                  const next = new Map([...prev].filter(([id]) => keys.includes(id)));
                  for (const r of rows)
                    if (r) next.set(r.application.id, r.application.spaceName ?? m.review.queue.unnamed);
                  return next;
                }),
              getCheckboxProps: (r) => ({
                disabled: r.application.status !== 'accepted',
                'aria-label': r.application.spaceName ?? m.review.queue.unnamed,
              }),
            }}
            size="middle"
            loading={ranking.isFetching}
            columns={columns}
            dataSource={ranking.data?.items}
            {...lp.tableProps<Row>(ranking.data?.total)}
            locale={{ emptyText: <Empty description={t.empty} /> }}
            scroll={wide ? undefined : { x: 960 }}
          />
        )}
      </Card>
      <BulkAssignModal
        open={bulkOpen}
        applications={chosenApps}
        onClose={() => {
          setBulkOpen(false);
          setSelected(new Map());
        }}
      />
    </>
  );
}
