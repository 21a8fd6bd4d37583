import { lazy, Suspense, useMemo } from 'react';
import { Card, Col, Empty, Grid, Row, Skeleton, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { filterQuery, type Dashboard, type DashboardFilter } from '../../api/dashboard';
import { fmt, m } from '../../i18n';
import { provincePaths } from './paths';
import '../review/dashboard.css';

const Chart = lazy(() => import('../../components/Chart').then((mod) => ({ default: mod.Chart })));

const t = m.review.home;
type Province = NonNullable<Dashboard['province']>;
type FunnelRow = Province['funnel']['rows'][number];

const to = (f: DashboardFilter) => `${provincePaths.applications}?${filterQuery(f)}`;
/** A count that opens the list of what it counts; a zero has nothing to open. */
const num = (count: number, filter: DashboardFilter) =>
  count ? <Link to={to(filter)}>{count}</Link> : <span className="count-zero">0</span>;

function Funnel({ p }: { p: Province }) {
  const columns: TableColumnsType<FunnelRow> = [
    { title: t.city, dataIndex: 'cityName', key: 'city', fixed: 'left', width: 140 },
    ...p.funnel.stages.map((s) => ({
      title: s.label,
      key: s.key,
      width: 100,
      render: (_: unknown, r: FunnelRow) => {
        const c = r.stages.find((x) => x.key === s.key);
        return c ? num(c.count, c.filter) : 0;
      },
    })),
  ];
  return (
    <Table<FunnelRow>
      className="funnel-table"
      rowKey="cityId"
      size="small"
      pagination={false}
      columns={columns}
      dataSource={p.funnel.rows}
      scroll={{ x: 140 + p.funnel.stages.length * 100 }}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0}>
            <strong>{t.total}</strong>
          </Table.Summary.Cell>
          {p.funnel.stages.map((s, i) => {
            const c = p.funnel.totals.find((x) => x.key === s.key);
            return (
              <Table.Summary.Cell index={i + 1} key={s.key}>
                <strong>{c ? num(c.count, c.filter) : 0}</strong>
              </Table.Summary.Cell>
            );
          })}
        </Table.Summary.Row>
      )}
    />
  );
}

function Distribution({
  items,
  total,
}: {
  items: { key: string; label: string; count: number; filter: DashboardFilter }[];
  total: number;
}) {
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.none} />;
  return (
    <Table
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={items}
      columns={[
        { title: t.category, dataIndex: 'label', key: 'label' },
        { title: t.count, key: 'count', width: 70, render: (_: unknown, r) => num(r.count, r.filter) },
        {
          title: t.share,
          key: 'share',
          width: 160,
          render: (_: unknown, r) => {
            const pct = total ? Math.round((r.count / total) * 100) : 0;
            return (
              <div className="share-bar">
                <span style={{ width: `${pct}%` }} />
                <em>{pct}%</em>
              </div>
            );
          },
        },
      ]}
    />
  );
}

/** The province's picture: the funnel by city, fields, operator natures and a chart by city. Every number links. */
export function ProvinceDashboard({ p }: { p: Province }) {
  const navigate = useNavigate();
  // On a phone 13 city names at 40° ran into each other; upright they fit side by side.
  const narrow = !Grid.useBreakpoint().md;
  const submitted = p.byCity.reduce((s, c) => s + c.count, 0);
  const option = useMemo(
    () => ({
      grid: { left: 40, right: 16, top: 24, bottom: narrow ? 80 : 64 },
      tooltip: { trigger: 'axis' as const },
      xAxis: {
        type: 'category' as const,
        data: p.byCity.map((c) => c.cityName.replace(/科学技术局$/, '')),
        axisLabel: { interval: 0, rotate: narrow ? 90 : 40, color: '#333' },
      },
      yAxis: { type: 'value' as const, minInterval: 1, axisLabel: { color: '#333' } },
      series: [
        {
          type: 'bar' as const,
          name: t.byCity,
          data: p.byCity.map((c) => c.count),
          itemStyle: { color: '#1554ad' },
          label: {
            show: true,
            position: 'top' as const,
            color: '#333',
            formatter: (p: { value: unknown }) => (p.value ? String(p.value) : ''),
          },
          cursor: 'pointer',
        },
      ],
    }),
    [p.byCity, narrow],
  );
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24}>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{fmt(t.funnelOf, { province: p.provinceName })}</h2>}>
          <Typography.Paragraph type="secondary">{t.clickHint}</Typography.Paragraph>
          <Funnel p={p} />
        </Card>
      </Col>
      <Col xs={24}>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.byCity}</h2>}>
          <Suspense fallback={<Skeleton active />}>
            <Chart
              option={option}
              label={fmt(t.chartAria, { total: submitted })}
              onItemClick={(i) => {
                const c = p.byCity[i];
                if (c) void navigate(to(c.filter));
              }}
            />
          </Suspense>
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.byField}</h2>}>
          <Distribution
            total={submitted}
            items={p.byMainField.map((x) => ({ key: x.field, label: x.field, count: x.count, filter: x.filter }))}
          />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.byNature}</h2>}>
          <Distribution
            total={submitted}
            items={p.byOperatorNature.map((x) => ({ key: x.nature, label: x.label, count: x.count, filter: x.filter }))}
          />
        </Card>
      </Col>
    </Row>
  );
}
