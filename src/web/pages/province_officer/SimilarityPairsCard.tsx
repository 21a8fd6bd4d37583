import { Card, Empty, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useBatches } from '../../api/batches';
import { useSimilarityPairs, type SimilarityPair } from '../../api/similarity';
import { LoadFailed } from '../../components/LoadFailed';
import { fmt, m } from '../../i18n';

const t = m.similarity.pairs;
const c = m.similarity.columns;
const percent = (r: number) => `${(r * 100).toFixed(1)}%`;

/**
 * The province dashboard's 查重 panel: for a batch (the newest by default), each application whose
 * single-source 复制比 reaches the batch's threshold, with its source. Applications open in the review
 * view; a source opens when it lies in the province (otherwise number, name and city only).
 */
export function SimilarityPairsCard({ applicationPath }: { applicationPath: (id: string) => string }) {
  const batches = useBatches();
  const [chosen, setChosen] = useState<string>();
  const batchId = chosen ?? batches.data?.[0]?.id;
  const pairs = useSimilarityPairs(batchId);

  const columns: TableColumnsType<SimilarityPair> = [
    {
      title: t.application,
      key: 'application',
      render: (_: unknown, p) => (
        <>
          <Link to={applicationPath(p.applicationId)}>{p.spaceName ?? m.common.none}</Link>
          <div className="value-nowrap" style={{ color: '#4a5566' }}>
            {[p.number, p.cityName].filter(Boolean).join(' · ')}
          </div>
        </>
      ),
    },
    {
      title: t.source,
      key: 'source',
      render: (_: unknown, p) => (
        <>
          {p.source.canOpen && p.source.applicationId ? (
            <Link to={applicationPath(p.source.applicationId)}>{p.source.spaceName}</Link>
          ) : (
            p.source.spaceName
          )}
          <div className="value-nowrap" style={{ color: '#4a5566' }}>
            {[p.source.number, p.source.cityName, p.source.batchName].filter(Boolean).join(' · ')}
          </div>
        </>
      ),
    },
    { title: c.ratio, key: 'ratio', width: 100, render: (_: unknown, p) => percent(p.ratio) },
    { title: c.matchedChars, dataIndex: 'matchedChars', key: 'matchedChars', width: 100 },
  ];

  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.title}</h2>}
      extra={
        (batches.data?.length ?? 0) > 1 ? (
          <Select
            aria-label={t.batch}
            value={batchId}
            onChange={setChosen}
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
          {pairs.data ? (
            <Typography.Paragraph type="secondary">
              {fmt(t.hint, { threshold: percent(pairs.data.threshold) })}
            </Typography.Paragraph>
          ) : null}
          <Table<SimilarityPair>
            rowKey={(p) => `${p.applicationId}:${p.source.applicationId ?? p.source.number ?? p.source.spaceName}`}
            size="middle"
            columns={columns}
            dataSource={pairs.data?.pairs}
            loading={pairs.isPending && !!batchId}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.empty} /> }}
            scroll={{ x: 640 }}
          />
        </>
      )}
    </Card>
  );
}
