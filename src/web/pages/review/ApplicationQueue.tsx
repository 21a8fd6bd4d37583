import { useMemo } from 'react';
import { Button, Card, Flex, Input, Select, Table, Tabs, Tag, Typography } from 'antd';
import { OPERATOR_NATURES, operatorNatureOptions, type OperatorNature } from '../../../domain/application.js';
import type { TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { APPLICATION_STATUSES, statusLabels, type ApplicationStatus } from '../../../domain/workflow.js';
import { useApplicationList, type ApplicationFilter, type ApplicationListItem } from '../../api/applications';
import { useOrgs } from '../../api/orgs';
import { useSimilarityFigures } from '../../api/similarity';
import { formatTime } from '../../format';
import { DownloadButton } from '../../components/DownloadButton';
import { LoadFailed } from '../../components/LoadFailed';
import { PageHeader } from '../../components/PageHeader';
import { fmt, m } from '../../i18n';
import { StatusTag } from './StatusTag';
import { useMyCities } from './useMyOrg';
import './review.css';

const t = m.review.queue;

export interface QueueTab {
  key: string;
  label: string;
  statuses: ApplicationStatus[];
}

interface Props {
  title: string;
  subtitle?: string;
  tabs: QueueTab[];
  /** Where an application opens: `${detailBase}/${id}`. */
  detailBase: string;
  /** Province and Ministry filter by city. */
  cityFilter?: boolean;
  /** The Ministry filters by province. */
  provinceFilter?: boolean;
}

/** The 汇总表 (Excel) of what the list shows, streamed by the server. */
function exportUrl(f: ApplicationFilter): string {
  const qs = new URLSearchParams();
  if (f.status?.length) qs.set('status', f.status.join(','));
  for (const k of ['q', 'cityId', 'provinceId', 'batchId', 'mainField', 'operatorNature'] as const) {
    const v = f[k];
    if (v) qs.set(k, v);
  }
  return `/api/exports/applications.xlsx?${qs.toString()}`;
}

const isStatus = (s: string): s is ApplicationStatus => (APPLICATION_STATUSES as readonly string[]).includes(s);

/**
 * A reviewer's work queue: tabs by status, search by name or USCC, city filter, cursor paging. The
 * filter lives in the URL (?status=…&q=…&cityId=…), so dashboard numbers link straight to it.
 */
export function ApplicationQueue({ title, subtitle, tabs, detailBase, cityFilter, provinceFilter }: Props) {
  const [params, setParams] = useSearchParams();
  const statusParam = (params.get('status') ?? '').split(',').filter(isStatus);
  const q = params.get('q') ?? undefined;
  const cityId = params.get('cityId') ?? undefined;
  const provinceId = params.get('provinceId') ?? undefined;
  const mainField = params.get('mainField') ?? undefined;
  const natureParam = params.get('operatorNature');
  const operatorNature = OPERATOR_NATURES.find((n) => n === natureParam) as OperatorNature | undefined;
  const batchId = params.get('batchId') ?? undefined;
  const tab =
    tabs.find((x) => x.statuses.join(',') === statusParam.join(',')) ??
    (statusParam.length ? { key: 'custom', label: '', statuses: statusParam } : tabs[0]!);
  const filter: ApplicationFilter = { status: tab.statuses, q, cityId, provinceId, mainField, operatorNature, batchId };
  const list = useApplicationList(filter);
  const myCities = useMyCities();
  const cities = myCities.filter((c) => !provinceId || c.provinceId === provinceId);
  const provinces = useOrgs({ kind: 'province' });
  // The Ministry's queue names each application's province (from its city).
  const provinceOfCity = useMemo(() => {
    const names = new Map((provinces.data ?? []).map((p) => [p.id, p.shortName ?? p.name]));
    return new Map(myCities.map((c) => [c.id, c.provinceId ? (names.get(c.provinceId) ?? '') : '']));
  }, [myCities, provinces.data]);
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  // 查重: the 复制比 of the first 100 listed applications (sortable and filterable on the page).
  const similarity = useSimilarityFigures(rows.slice(0, 100).map((r) => r.id)).data;
  const ratioOf = (a: ApplicationListItem) => similarity?.get(a.id)?.overall ?? -1;

  const update = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p, { replace: true });
  };

  const columns: TableColumnsType<ApplicationListItem> = [
    {
      title: t.spaceName,
      key: 'space',
      render: (_: unknown, a) => <Link to={`${detailBase}/${a.id}`}>{a.spaceName ?? t.unnamed}</Link>,
    },
    {
      title: t.number,
      dataIndex: 'number',
      key: 'number',
      width: 160,
      render: (v: string | null) => v ?? m.common.none,
    },
    {
      title: t.unit,
      key: 'unit',
      width: 240,
      render: (_: unknown, a) => (
        <>
          <div>{a.unit.name}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {a.unit.uscc}
          </Typography.Text>
        </>
      ),
    },
    ...(provinceFilter
      ? [
          {
            title: t.province,
            key: 'province',
            width: 110,
            render: (_: unknown, a: ApplicationListItem) => provinceOfCity.get(a.cityId) || m.common.none,
          },
        ]
      : []),
    ...(cityFilter ? [{ title: t.city, dataIndex: 'cityName', key: 'city', width: 150 }] : []),
    { title: t.status, key: 'status', width: 130, render: (_: unknown, a) => <StatusTag status={a.status} /> },
    {
      title: m.similarity.column,
      key: 'similarity',
      width: 110,
      sorter: (a, b) => ratioOf(a) - ratioOf(b),
      filters: [0.1, 0.3, 0.5].map((x) => ({ text: `≥ ${x * 100}%`, value: x })),
      onFilter: (value, a) => ratioOf(a) >= Number(value),
      render: (_: unknown, a) => {
        const r = ratioOf(a);
        return r < 0 ? m.common.none : `${(r * 100).toFixed(1)}%`;
      },
    },
    {
      title: t.submittedAt,
      dataIndex: 'submittedAt',
      key: 'submittedAt',
      width: 170,
      render: (v: string | null) => (v ? formatTime(v) : m.common.none),
    },
  ];

  const tabItems = [...tabs, ...(tab.key === 'custom' ? [tab] : [])].map((x) => ({
    key: x.key,
    label: x.key === 'custom' ? x.statuses.map((s) => statusLabels[s]).join('、') : x.label,
  }));

  return (
    <>
      <PageHeader title={title} subtitle={subtitle} />
      <Card>
        <Tabs
          className="review-tabs"
          activeKey={tab.key}
          items={tabItems}
          onChange={(key) => update({ status: tabs.find((x) => x.key === key)?.statuses.join(',') })}
        />
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            key={q ?? ''}
            defaultValue={q}
            aria-label={t.search}
            placeholder={t.search}
            allowClear
            enterButton={m.common.search}
            style={{ width: 380, maxWidth: '100%' }}
            onSearch={(v) => (v.trim() === (q ?? '') ? void list.refetch() : update({ q: v.trim() || undefined }))}
          />
          {provinceFilter ? (
            <Select
              aria-label={t.province}
              placeholder={t.province}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: 220, maxWidth: '100%' }}
              value={provinceId}
              onChange={(v?: string) => update({ provinceId: v, cityId: undefined })}
              options={(provinces.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            />
          ) : null}
          {cityFilter ? (
            <Select
              aria-label={t.city}
              placeholder={t.city}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: 220, maxWidth: '100%' }}
              value={cityId}
              onChange={(v?: string) => update({ cityId: v })}
              options={cities.map((c) => ({ value: c.id, label: c.name }))}
            />
          ) : null}
          <DownloadButton url={exportUrl(filter)} label={m.download.summaryXlsx}>
            {t.export}
          </DownloadButton>
        </Flex>
        {mainField || operatorNature || batchId ? (
          <Flex gap={8} wrap style={{ marginBottom: 12 }}>
            {mainField ? (
              <Tag closable onClose={() => update({ mainField: undefined })}>
                {fmt(t.mainFieldTag, { field: mainField })}
              </Tag>
            ) : null}
            {operatorNature ? (
              <Tag closable onClose={() => update({ operatorNature: undefined })}>
                {fmt(t.natureTag, {
                  nature: operatorNatureOptions.find((o) => o.value === operatorNature)?.label ?? '',
                })}
              </Tag>
            ) : null}
            {batchId ? (
              <Tag closable onClose={() => update({ batchId: undefined })}>
                {t.batchTag}
              </Tag>
            ) : null}
          </Flex>
        ) : null}
        {list.isError ? (
          <LoadFailed error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <Table<ApplicationListItem>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={rows}
              loading={list.isPending || (list.isFetching && !list.isFetchingNextPage)}
              pagination={false}
              locale={{ emptyText: t.empty }}
              scroll={{ x: 900 + (provinceFilter ? 110 : 0) }}
            />
            <Flex justify="center" align="center" gap={16} wrap style={{ marginTop: 16 }}>
              <Typography.Text style={{ color: '#4a5566' }}>{fmt(t.loaded, { count: rows.length })}</Typography.Text>
              <Button
                onClick={() => void list.fetchNextPage()}
                disabled={!list.hasNextPage}
                loading={list.isFetchingNextPage}
              >
                {list.hasNextPage ? t.loadMore : t.noMore}
              </Button>
            </Flex>
          </>
        )}
      </Card>
    </>
  );
}
