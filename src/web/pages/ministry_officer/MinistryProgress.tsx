import { lazy, Suspense, useMemo, useState } from 'react';
import { Card, Empty, Flex, Grid, Select, Skeleton, Switch, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { MinistryCell, MinistryDashboard } from '../../../domain/schemas/ministryDashboard.js';
import { useBatches } from '../../api/batches';
import { useMinistryDashboard } from '../../api/dashboard';
import { LoadFailed } from '../../components/LoadFailed';
import { fmt, m } from '../../i18n';
import { ministryPaths as p } from './paths';
import '../review/dashboard.css';

const Chart = lazy(() => import('../../components/Chart').then((mod) => ({ default: mod.Chart })));

const t = m.ministryHome;
type Row = MinistryDashboard['rows'][number];

/** Where a count links: the Ministry's queue or its incoming lists (filters in the URL). */
export function cellLink(c: MinistryCell): string {
  const qs = new URLSearchParams();
  const put = (k: string, v: string | undefined) => (v ? qs.set(k, v) : undefined);
  if (c.applications) {
    const f = c.applications;
    put('status', f.status?.join(','));
    put('provinceId', f.provinceId);
    put('batchId', f.batchId);
    put('published', f.published ? 'true' : undefined);
    return `${p.applications}?${qs.toString()}`;
  }
  put('status', c.dispatches?.status);
  put('provinceId', c.dispatches?.provinceId);
  put('batchId', c.dispatches?.batchId);
  return `${p.dispatches}?${qs.toString()}`;
}

/** A count that opens what it counts; a zero has nothing to open. */
const num = (c: MinistryCell | undefined) =>
  !c ? 0 : c.count ? <Link to={cellLink(c)}>{c.count}</Link> : <span className="count-zero">0</span>;

/**
 * The Ministry's progress by province (issue 17), like the province's funnel by city: lists to
 * receive and received, applications that reached the Ministry and what became of them, for a batch
 * (?batchId= in the URL) or all. Every number links to the list it counts.
 */
export function MinistryProgress() {
  const [params, setParams] = useSearchParams();
  const batchId = params.get('batchId') ?? undefined;
  const batches = useBatches();
  const data = useMinistryDashboard(batchId);
  const [onlyActive, setOnlyActive] = useState(true);
  const narrow = !(Grid.useBreakpoint().md ?? true);
  const navigate = useNavigate();
  const d = data.data;
  const active = useMemo(() => (d?.rows ?? []).filter((r) => r.cells.some((c) => c.count > 0)), [d]);
  const rows = onlyActive ? active : (d?.rows ?? []);
  const cellOf = (cells: MinistryCell[], key: string) => cells.find((c) => c.key === key);
  const option = useMemo(
    () => ({
      grid: { left: 40, right: 16, top: 48, bottom: narrow ? 80 : 56 },
      tooltip: { trigger: 'axis' as const },
      legend: { top: 0, textStyle: { color: '#333' } },
      xAxis: {
        type: 'category' as const,
        data: active.map((r) => r.provinceName),
        axisLabel: { interval: 0, rotate: narrow ? 90 : 30, color: '#333' },
      },
      yAxis: { type: 'value' as const, minInterval: 1, axisLabel: { color: '#333' } },
      series: (['received', 'filed'] as const).map((key, i) => ({
        type: 'bar' as const,
        name: t[key],
        data: active.map((r) => cellOf(r.cells, key)?.count ?? 0),
        itemStyle: { color: i === 0 ? '#1554ad' : '#3a8a3a' },
        label: { show: true, position: 'top' as const, color: '#333' },
        cursor: 'pointer',
      })),
    }),
    [active, narrow],
  );
  if (data.isError) return <LoadFailed error={data.error} onRetry={() => void data.refetch()} />;

  const columns: TableColumnsType<Row> = [
    { title: t.province, dataIndex: 'provinceName', key: 'province', fixed: 'left', width: 120 },
    ...(d?.stages ?? []).map((s) => ({
      title: s.label,
      key: s.key,
      width: 96,
      render: (_: unknown, r: Row) => num(cellOf(r.cells, s.key)),
    })),
  ];
  const received = d ? (cellOf(d.totals, 'received')?.count ?? 0) : 0;
  return (
    <Flex vertical gap={16}>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.progress}</h2>}>
        <Flex gap={16} wrap align="center" style={{ marginBottom: 12 }}>
          <Select
            aria-label={t.batch}
            style={{ width: 320, maxWidth: '100%' }}
            value={batchId ?? ''}
            loading={batches.isPending}
            onChange={(v: string) =>
              setParams((prev) => {
                const next = new URLSearchParams(prev);
                if (v) next.set('batchId', v);
                else next.delete('batchId');
                return next;
              })
            }
            options={[
              { value: '', label: t.allBatches },
              ...(batches.data ?? []).map((b) => ({ value: b.id, label: b.name })),
            ]}
          />
          <Flex gap={8} align="center">
            <Switch id="ministry-only-active" checked={onlyActive} onChange={setOnlyActive} size="small" />
            <label htmlFor="ministry-only-active">{t.onlyActive}</label>
          </Flex>
        </Flex>
        <Typography.Paragraph type="secondary">{t.clickHint}</Typography.Paragraph>
        {!d ? (
          <Skeleton active />
        ) : (
          <Table<Row>
            className="funnel-table ministry-progress"
            rowKey="provinceId"
            size="small"
            pagination={false}
            columns={columns}
            dataSource={rows}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={m.review.home.none} /> }}
            scroll={{ x: 120 + d.stages.length * 96 }}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>
                  <strong>{t.total}</strong>
                </Table.Summary.Cell>
                {d.stages.map((s, i) => (
                  <Table.Summary.Cell index={i + 1} key={s.key}>
                    <strong>{num(cellOf(d.totals, s.key))}</strong>
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            )}
          />
        )}
      </Card>
      {d && active.length > 0 ? (
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.chartTitle}</h2>}>
          <Suspense fallback={<Skeleton active />}>
            <Chart
              option={option}
              label={fmt(t.chartAria, { total: received })}
              onItemClick={(i) => {
                const c = active[i] && cellOf(active[i].cells, 'received');
                if (c) void navigate(cellLink(c));
              }}
            />
          </Suspense>
        </Card>
      ) : null}
    </Flex>
  );
}
