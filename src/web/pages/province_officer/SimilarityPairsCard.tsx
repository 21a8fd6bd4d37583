import { Fragment } from 'react';
import { Card, Empty, Flex, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { SIMILARITY_PAIR_SORTS } from '../../../domain/schemas/similarity.js';
import { useBatches } from '../../api/batches';
import { useSimilarityPairs, type SimilarityPair } from '../../api/similarity';
import { ListSearch } from '../../components/ListSearch';
import { LoadFailed } from '../../components/LoadFailed';
import { useClampPage, useListParams } from '../../components/useListParams';
import { useNarrow } from '../../components/useNarrow';
import { fmt, m } from '../../i18n';

const t = m.similarity.pairs;
const c = m.similarity.columns;
const percent = (r: number) => `${(r * 100).toFixed(1)}%`;

/** Number, city, batch: each kept whole, the line breaking only between them (a card on a phone is narrow). */
function Details({ parts }: { parts: (string | null | undefined)[] }) {
  return (
    <div style={{ color: '#4a5566' }}>
      {parts.filter(Boolean).map((x, i) => (
        <Fragment key={i}>
          {i ? ' · ' : null}
          <span className="value-nowrap">{x}</span>
        </Fragment>
      ))}
    </div>
  );
}

/**
 * The province dashboard's 查重 panel: for a batch (the newest by default), each application whose
 * single-source 复制比 reaches the batch's threshold, with its source. Applications open in the review
 * view; a source opens when it lies in the province (otherwise number, name and city only). Paged,
 * sorted and searched (number or space name of either side) on the server; the batch, the search, the
 * page and the sort are in the URL (`batch`, `q`, `page`, …), so a reload shows the same pairs.
 */
export function SimilarityPairsCard({ applicationPath }: { applicationPath: (id: string) => string }) {
  const batches = useBatches();
  const lp = useListParams(SIMILARITY_PAIR_SORTS, { sort: 'ratio', order: 'desc', pageSize: 10 });
  const chosen = lp.params.get('batch');
  const batchId = batches.data?.find((b) => b.id === chosen)?.id ?? batches.data?.[0]?.id;
  const q = lp.params.get('q') ?? undefined;
  const pairs = useSimilarityPairs(batchId, {
    q,
    page: lp.page,
    pageSize: lp.pageSize,
    sort: lp.sort,
    order: lp.order,
  });
  useClampPage(lp.page, lp.pageSize, pairs.data?.total, (p) => lp.update({ page: String(p) }));

  /** The application of a pair: its name (opening it), number and city. */
  const side = (p: SimilarityPair) => (
    <>
      <Link to={applicationPath(p.applicationId)}>{p.spaceName ?? m.common.none}</Link>
      <Details parts={[p.number, p.cityName]} />
    </>
  );
  /** Its source: opened when it lies in the province, otherwise number, name and city only. */
  const source = (p: SimilarityPair) => (
    <>
      {p.source.canOpen && p.source.applicationId ? (
        <Link to={applicationPath(p.source.applicationId)}>{p.source.spaceName}</Link>
      ) : (
        p.source.spaceName
      )}
      <Details parts={[p.source.number, p.source.cityName, p.source.batchName]} />
    </>
  );
  // On a phone 复制比 and 相同字数, the figures the panel is for, lay off screen: one card per pair (issue 17).
  const narrow = useNarrow();
  const card: TableColumnsType<SimilarityPair>[number] = {
    title: c.ratio,
    key: 'ratio',
    sorter: true,
    sortOrder: lp.sortOrderOf('ratio'),
    render: (_: unknown, p) => (
      <div className="list-card similarity-pair-card">
        <div className="list-card-line">
          <strong>
            {c.ratio} {percent(p.ratio)}
          </strong>
          <Typography.Text type="secondary">
            {c.matchedChars} {p.matchedChars}
          </Typography.Text>
        </div>
        <div>{side(p)}</div>
        <div>
          <Typography.Text type="secondary">{t.source}：</Typography.Text>
          {source(p)}
        </div>
      </div>
    ),
  };
  const columns: TableColumnsType<SimilarityPair> = [
    {
      title: t.application,
      key: 'application',
      render: (_: unknown, p) => side(p),
    },
    {
      title: t.source,
      key: 'source',
      render: (_: unknown, p) => source(p),
    },
    {
      title: c.ratio,
      key: 'ratio',
      width: 100,
      sorter: true,
      sortOrder: lp.sortOrderOf('ratio'),
      render: (_: unknown, p) => percent(p.ratio),
    },
    {
      title: c.matchedChars,
      dataIndex: 'matchedChars',
      key: 'matchedChars',
      width: 110,
      sorter: true,
      sortOrder: lp.sortOrderOf('matchedChars'),
    },
  ];

  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.title}</h2>}
      extra={
        (batches.data?.length ?? 0) > 1 ? (
          <Select
            aria-label={t.batch}
            value={batchId}
            onChange={(v) => lp.update({ batch: v })}
            options={batches.data?.map((b) => ({ value: b.id, label: b.name }))}
            style={{ width: 240 }}
          />
        ) : null
      }
    >
      {pairs.isError ? (
        <LoadFailed error={pairs.error} onRetry={() => void pairs.refetch()} />
      ) : (
        <>
          <Flex gap={12} wrap align="center" justify="space-between" style={{ marginBottom: 12 }}>
            <Typography.Text type="secondary">
              {pairs.data ? fmt(t.hint, { threshold: percent(pairs.data.threshold) }) : null}
            </Typography.Text>
            <ListSearch
              q={q}
              label={t.search}
              style={{ width: 340, maxWidth: '100%' }}
              onSearch={(next) => lp.update({ q: next })}
              // 搜索 with the same words reloads the pairs (a cross-check may have run since).
              onRefresh={() => void pairs.refetch()}
            />
          </Flex>
          <Table<SimilarityPair>
            rowKey={(p) => `${p.applicationId}:${p.source.applicationId ?? p.source.number ?? p.source.spaceName}`}
            size="middle"
            columns={narrow ? [card] : columns}
            dataSource={pairs.data?.pairs}
            loading={pairs.isFetching && !!batchId}
            {...lp.tableProps<SimilarityPair>(pairs.data?.total)}
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={q ? t.notFound : t.empty} />,
            }}
            scroll={narrow ? undefined : { x: 640 }}
          />
        </>
      )}
    </Card>
  );
}
