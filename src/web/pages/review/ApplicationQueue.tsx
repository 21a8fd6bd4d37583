import { useMemo, useState } from 'react';
import { Card, Flex, Select, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { OPERATOR_NATURES, operatorNatureOptions, type OperatorNature } from '../../../domain/application.js';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { APPLICATION_SORTS, type ApplicationSort } from '../../../domain/schemas/applications.js';
import { APPLICATION_STATUSES, statusLabels, type ApplicationStatus } from '../../../domain/workflow.js';
import { useApplicationPage, type ApplicationFilter, type ApplicationListItem } from '../../api/applications';
import { useOrgs } from '../../api/orgs';
import { useSimilarityFigures } from '../../api/similarity';
import { DownloadButton } from '../../components/DownloadButton';
import { ListSearch } from '../../components/ListSearch';
import { LoadFailed } from '../../components/LoadFailed';
import { PageHeader } from '../../components/PageHeader';
import { SortSelect } from '../../components/SortSelect';
import { useClampPage, useListParams } from '../../components/useListParams';
import { useNarrow } from '../../components/useNarrow';
import { BulkActions } from './BulkActions';
import { queueCardColumn } from './QueueCardColumn';
import { fmt, m } from '../../i18n';
import { ScreenReaderOnly } from './ScreenReaderOnly';
import { StackedTime } from '../../components/StackedTime';
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
  for (const k of ['q', 'cityId', 'provinceId', 'batchId', 'mainField', 'operatorNature', 'minSimilarity'] as const) {
    const v = f[k];
    if (v) qs.set(k, v);
  }
  if (f.published) qs.set('published', 'true');
  return `/api/exports/applications.xlsx?${qs.toString()}`;
}

const isStatus = (s: string): s is ApplicationStatus => (APPLICATION_STATUSES as readonly string[]).includes(s);

/**
 * A reviewer's work queue: tabs by status, search by name or USCC, city filter, numbered pages with
 * the total and column sorting. The filter, page and sort live in the URL (?status=…&q=…&page=…&sort=…),
 * so dashboard numbers link straight to it. Rows can be selected for the bulk actions the server offers.
 */
export function ApplicationQueue({ title, subtitle, tabs, detailBase, cityFilter, provinceFilter }: Props) {
  const listParams = useListParams(APPLICATION_SORTS, { sort: 'updatedAt', order: 'desc' });
  const { params, update, sortOrderOf } = listParams;
  const statusParam = (params.get('status') ?? '').split(',').filter(isStatus);
  const q = params.get('q') ?? undefined;
  const cityId = params.get('cityId') ?? undefined;
  const provinceId = params.get('provinceId') ?? undefined;
  const mainField = params.get('mainField') ?? undefined;
  const natureParam = params.get('operatorNature');
  const operatorNature = OPERATOR_NATURES.find((n) => n === natureParam) as OperatorNature | undefined;
  const batchId = params.get('batchId') ?? undefined;
  const minSimilarity = params.get('minSimilarity') ?? undefined;
  const published = params.get('published') === 'true' || undefined;
  const tab =
    tabs.find((x) => x.statuses.join(',') === statusParam.join(',')) ??
    (statusParam.length ? { key: 'custom', label: '', statuses: statusParam } : tabs[0]!);
  const filter: ApplicationFilter = {
    status: tab.statuses,
    q,
    cityId,
    provinceId,
    mainField,
    operatorNature,
    batchId,
    minSimilarity,
    published,
  };
  const { page, pageSize, sort, order } = listParams;
  const list = useApplicationPage(filter, { page, pageSize, sort, order });
  useClampPage(page, pageSize, list.data?.total, (p) => update({ page: String(p) }));
  const myCities = useMyCities();
  const cities = myCities.filter((c) => !provinceId || c.provinceId === provinceId);
  const provinces = useOrgs({ kind: 'province' });
  // The Ministry's queue names each application's province (from its city).
  const provinceOfCity = useMemo(() => {
    const names = new Map((provinces.data ?? []).map((p) => [p.id, p.shortName ?? p.name]));
    return new Map(myCities.map((c) => [c.id, c.provinceId ? (names.get(c.provinceId) ?? '') : '']));
  }, [myCities, provinces.data]);
  const rows = list.data?.items ?? [];
  const bulkActions = list.data?.bulkActions ?? [];
  const [selected, setSelected] = useState<Map<string, ApplicationListItem>>(new Map());
  // 查重: the 复制比 of the page's applications (the server sorts and filters the whole list by it).
  const figures = useSimilarityFigures(rows.slice(0, 100).map((r) => r.id));
  const ratioOf = (a: ApplicationListItem) => figures.data?.get(a.id)?.overall ?? -1;
  // A row listed before its figure arrives shows that it is coming, not "none" (a reader, or a test,
  // took the "—" of a row still loading for a missing figure).
  const ratioComing = (a: ApplicationListItem) => figures.isFetching && !figures.data?.has(a.id);
  const tableProps = listParams.tableProps<ApplicationListItem>(list.data?.total);
  // On a phone the eight columns squeezed the name to a few characters: one card per row instead.
  const narrow = useNarrow();

  // At 1280 px with the side menu the table has about 940 px: every column fits without sideways
  // scrolling (issue 17). The number sits under the name (sorted by the 排序 control, as is every key on
  // a phone), the time on two lines, 复制比 always shown.
  const columns: TableColumnsType<ApplicationListItem> = [
    {
      title: t.spaceName,
      key: 'spaceName',
      sorter: true,
      sortOrder: sortOrderOf('spaceName'),
      render: (_: unknown, a) => (
        <>
          <Link to={`${detailBase}/${a.id}`}>{a.spaceName ?? t.unnamed}</Link>
          <div className="queue-number">{a.number ?? m.common.none}</div>
        </>
      ),
    },
    {
      title: t.unit,
      key: 'unitName',
      width: provinceFilter ? 170 : 210,
      sorter: true,
      sortOrder: sortOrderOf('unitName'),
      render: (_: unknown, a) => (
        <>
          <div>{a.unit.name}</div>
          <Typography.Text type="secondary" className="value-nowrap" style={{ fontSize: 12 }}>
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
            width: 72,
            render: (_: unknown, a: ApplicationListItem) => provinceOfCity.get(a.cityId) || m.common.none,
          },
        ]
      : []),
    ...(cityFilter
      ? [
          {
            title: t.city,
            dataIndex: 'cityName',
            key: 'cityName',
            width: 112,
            sorter: true,
            sortOrder: sortOrderOf('cityName'),
          },
        ]
      : []),
    {
      title: t.status,
      key: 'status',
      width: 124,
      sorter: true,
      sortOrder: sortOrderOf('status'),
      render: (_: unknown, a) => <StatusTag status={a.status} />,
    },
    {
      title: m.similarity.column,
      key: 'similarity',
      width: 100,
      sorter: true,
      sortOrder: sortOrderOf('similarity'),
      filters: ['0.1', '0.3', '0.5'].map((x) => ({ text: `≥ ${Number(x) * 100}%`, value: x })),
      filterMultiple: false,
      filteredValue: minSimilarity ? [minSimilarity] : null,
      render: (_: unknown, a) => {
        const r = ratioOf(a);
        if (r >= 0) return `${(r * 100).toFixed(1)}%`;
        return ratioComing(a) ? <Spin size="small" /> : m.common.none;
      },
    },
    {
      title: t.submittedAt,
      dataIndex: 'submittedAt',
      key: 'submittedAt',
      width: 108,
      sorter: true,
      sortOrder: sortOrderOf('submittedAt'),
      render: (v: string | null) => (v ? <StackedTime iso={v} /> : m.common.none),
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
          <ListSearch
            q={q}
            label={t.search}
            style={{ width: 380, maxWidth: '100%' }}
            onSearch={(next) => update({ q: next })}
            onRefresh={() => void list.refetch()}
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
          <SortSelect<ApplicationSort>
            options={[
              { value: 'number', label: t.number },
              { value: 'spaceName', label: t.spaceName },
              { value: 'unitName', label: t.unit },
              ...(cityFilter ? [{ value: 'cityName' as const, label: t.city }] : []),
              { value: 'status', label: t.status },
              { value: 'similarity', label: m.similarity.column },
              { value: 'submittedAt', label: t.submittedAt },
              { value: 'updatedAt', label: t.updatedAt },
            ]}
            sort={sort}
            order={order}
            onChange={listParams.setSort}
          />
          <DownloadButton url={exportUrl(filter)} label={m.download.summaryXlsx}>
            {t.export}
          </DownloadButton>
        </Flex>
        {mainField || operatorNature || batchId || published ? (
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
            {published ? (
              <Tag closable onClose={() => update({ published: undefined })}>
                {t.publishedTag}
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
            {bulkActions.length ? (
              <BulkActions
                actions={bulkActions}
                selected={[...selected.values()]}
                pageRows={rows}
                onSelectPage={(on) =>
                  setSelected((prev) => {
                    const next = new Map(prev);
                    for (const a of rows) {
                      if (on) next.set(a.id, a);
                      else next.delete(a.id);
                    }
                    return next;
                  })
                }
                onClear={() => setSelected(new Map())}
                extra={
                  <DownloadButton
                    url={`/api/exports/applications.xlsx?ids=${[...selected.keys()].map(encodeURIComponent).join(',')}`}
                    label={m.download.summaryXlsx}
                    disabled={selected.size === 0}
                  >
                    {m.bulk.exportSelected}
                  </DownloadButton>
                }
              />
            ) : null}
            <Table<ApplicationListItem>
              rowKey="id"
              size="middle"
              columns={
                narrow
                  ? [
                      queueCardColumn({
                        detailBase,
                        sortOrder: sortOrderOf('spaceName'),
                        whereOf: (a) =>
                          [provinceFilter ? provinceOfCity.get(a.cityId) : null, cityFilter ? a.cityName : null]
                            .filter(Boolean)
                            .join(' '),
                        similarityOf: ratioOf,
                      }),
                    ]
                  : columns
              }
              dataSource={rows}
              loading={list.isPending || list.isFetching}
              {...tableProps}
              onChange={(p, f, sorter, extra) => {
                // The 复制比 filter is a URL parameter like the others; paging and sorting as every list.
                if (extra.action === 'filter') update({ minSimilarity: f.similarity?.[0]?.toString() });
                else tableProps.onChange?.(p, f, sorter, extra);
              }}
              rowSelection={
                bulkActions.length
                  ? {
                      selectedRowKeys: [...selected.keys()],
                      preserveSelectedRowKeys: true,
                      // The select-all checkbox would be copied into antd's aria-hidden measuring row
                      // (a focusable control hidden from assistive technology): the bar offers it instead.
                      hideSelectAll: true,
                      columnTitle: <ScreenReaderOnly>{m.bulk.select}</ScreenReaderOnly>,
                      getCheckboxProps: (a) => ({
                        'aria-label': fmt(m.bulk.selectOne, { name: a.spaceName ?? t.unnamed }),
                      }),
                      onChange: (_keys, picked) =>
                        setSelected((prev) => {
                          const next = new Map([...prev].filter(([id]) => !rows.some((r) => r.id === id)));
                          for (const a of picked) if (a) next.set(a.id, a);
                          return next;
                        }),
                    }
                  : undefined
              }
              locale={{ emptyText: t.empty }}
              scroll={narrow ? undefined : { x: 900 }}
            />
          </>
        )}
      </Card>
    </>
  );
}
