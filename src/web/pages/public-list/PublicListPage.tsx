import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Flex, Grid, Pagination, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { z } from 'zod';
import { PUBLIC_FILED_SORTS, type PublicFiledItem, type publicFiledResponse } from '../../../domain/schemas/public.js';
import { api } from '../../api/client';
import { ListSearch } from '../../components/ListSearch';
import { LoadFailed } from '../../components/LoadFailed';
import { useClampPage, useListParams } from '../../components/useListParams';
import { fmt, m } from '../../i18n';
import { PublicLayout } from '../public/PublicLayout';
import { FiledCards } from './FiledCards';
import { KeyboardScroll } from '../review/KeyboardScroll';
import '../review/review.css';

export { PUBLIC_LIST_PATH } from '../../navigation';

const t = m.review.publicList;
type Answer = z.infer<typeof publicFiledResponse>;

/**
 * The published list of filed spaces (备案示范名单), by province, open to everyone. The province tab,
 * the search, the page and the sort are in the URL, so a reload or a shared link shows the same list.
 */
export function PublicListPage() {
  const lp = useListParams(PUBLIC_FILED_SORTS, { sort: 'province', order: 'asc' });
  const filter = {
    provinceId: lp.params.get('provinceId') || undefined,
    q: lp.params.get('q') || undefined,
    page: lp.page,
    pageSize: lp.pageSize,
    sort: lp.sort,
    order: lp.order,
  };
  const list = useQuery({
    queryKey: ['public-filed', filter],
    queryFn: () => api.get<Answer>('/api/public/filed', { ...filter }, { quietAuth: true }),
    placeholderData: keepPreviousData,
  });
  const provinces = list.data?.provinces ?? [];
  const wide = Grid.useBreakpoint().md ?? true;
  const all = provinces.reduce((s, p) => s + p.count, 0);
  useClampPage(lp.page, lp.pageSize, list.data?.total, (p) => lp.update({ page: String(p) }));
  const table = lp.tableProps<PublicFiledItem>(list.data?.total);
  const sortable = (key: (typeof PUBLIC_FILED_SORTS)[number]) => ({ sorter: true, sortOrder: lp.sortOrderOf(key) });

  const columns: TableColumnsType<PublicFiledItem> = [
    { title: t.province, dataIndex: 'provinceName', key: 'province', width: 90 },
    { title: t.spaceName, dataIndex: 'spaceName', key: 'spaceName', width: 260, ...sortable('spaceName') },
    { title: t.operator, dataIndex: 'operatorName', key: 'operator', width: 220 },
    {
      title: t.field,
      dataIndex: 'mainFields',
      key: 'fields',
      width: 200,
      render: (v: string[]) => (
        <Flex wrap gap={4}>
          {v.map((f) => (
            <Tag key={f}>{f}</Tag>
          ))}
        </Flex>
      ),
    },
    { title: t.city, dataIndex: 'cityName', key: 'city', width: 100, ...sortable('city') },
    {
      title: t.batchAndDate,
      key: 'batch',
      width: 180,
      render: (_: unknown, r) => (
        <>
          <div>{r.batchName}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.filedOn ? fmt(t.filedOn, { date: r.filedOn }) : null}
          </Typography.Text>
        </>
      ),
    },
  ];

  return (
    <PublicLayout>
      <Flex vertical gap={16}>
        <div>
          <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
            {t.title}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
            {t.subtitle}
          </Typography.Paragraph>
        </div>
        <Card>
          <ListSearch
            q={filter.q}
            label={t.search}
            style={{ width: 360, maxWidth: '100%', marginBottom: 8 }}
            onSearch={(q) => lp.update({ q })}
          />
          <Tabs
            className="review-tabs"
            activeKey={filter.provinceId ?? 'all'}
            onChange={(k) => lp.update({ provinceId: k === 'all' ? undefined : k })}
            items={[
              { key: 'all', label: `${t.allProvinces}（${all}）` },
              ...provinces.map((p) => ({ key: p.provinceId, label: `${p.provinceName}（${p.count}）` })),
            ]}
          />
          {list.isError ? (
            <LoadFailed error={list.error} onRetry={() => void list.refetch()} />
          ) : !wide ? (
            <>
              <FiledCards items={list.data?.items ?? []} loading={list.isFetching} />
              {/* An empty list has no pages: no "1 / 0" under it. */}
              {(list.data?.total ?? 0) > 0 ? (
                <Pagination
                  simple
                  align="center"
                  current={lp.page}
                  pageSize={lp.pageSize}
                  total={list.data?.total ?? 0}
                  onChange={(page) => lp.update({ page: String(page) })}
                />
              ) : null}
            </>
          ) : (
            <KeyboardScroll label={t.title}>
              <Table<PublicFiledItem>
                rowKey={(r) => `${r.provinceId}-${r.spaceName}-${r.batchName}`}
                size="middle"
                columns={columns}
                dataSource={list.data?.items}
                loading={list.isFetching}
                locale={{ emptyText: t.empty }}
                scroll={{ x: 1020 }}
                {...table}
                pagination={{ ...table.pagination, showTotal: (total) => fmt(t.count, { count: total }) }}
              />
            </KeyboardScroll>
          )}
        </Card>
      </Flex>
    </PublicLayout>
  );
}
