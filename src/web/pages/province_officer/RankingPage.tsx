import { Button, Card, Empty, Flex, Grid, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useRanking, type Ranking } from '../../api/experts';
import { DownloadButton } from '../../components/DownloadButton';
import { LoadFailed } from '../../components/LoadFailed';
import { PageHeader } from '../../components/PageHeader';
import { fmt, m } from '../../i18n';
import { BulkAssignModal } from '../review/BulkAssignModal';
import { StatusTag } from '../review/StatusTag';
import { useOpenBatches } from '../review/useDeadline';
import { provincePaths } from './paths';

const t = m.review.ranking;
type Row = Ranking['items'][number];

/** The province's accepted applications ranked by the experts' average score; decisions open from here. */
export function RankingPage() {
  const batches = useOpenBatches();
  const [chosen, setChosen] = useState<string | undefined>();
  const batchId = chosen ?? batches.data?.[0]?.id;
  const ranking = useRanking(batchId);
  const criteria = ranking.data?.criteria ?? [];
  // A phone scrolls the table sideways; a wide screen shows it whole.
  const wide = Grid.useBreakpoint().md ?? true;
  // Experts are assigned in bulk to the accepted applications ticked here (issue 14).
  const [selected, setSelected] = useState<string[]>([]);
  const [bulkOpen, setBulkOpen] = useState(false);
  const chosenApps = (ranking.data?.items ?? [])
    .filter((r) => selected.includes(r.application.id))
    .map((r) => ({ id: r.application.id, name: r.application.spaceName ?? m.review.queue.unnamed }));

  const columns: TableColumnsType<Row> = [
    {
      title: t.rank,
      dataIndex: 'rank',
      key: 'rank',
      width: 64,
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
    { title: t.city, key: 'city', width: 90, render: (_: unknown, r) => r.application.cityName },
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
    { title: t.visits, dataIndex: 'fieldVisitCount', key: 'visits', width: 80 },
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
                onChange={setChosen}
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
        {ranking.isError ? (
          <LoadFailed error={ranking.error} onRetry={() => void ranking.refetch()} />
        ) : (
          <Table<Row>
            rowKey={(r) => r.application.id}
            rowSelection={{
              selectedRowKeys: selected,
              onChange: (keys) => setSelected(keys.map(String)),
              getCheckboxProps: (r) => ({
                disabled: r.application.status !== 'accepted',
                'aria-label': r.application.spaceName ?? m.review.queue.unnamed,
              }),
            }}
            size="middle"
            loading={ranking.isPending}
            columns={columns}
            dataSource={ranking.data?.items}
            pagination={false}
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
          setSelected([]);
        }}
      />
    </>
  );
}
