import { Card, Flex, Select, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { ORG_KINDS, orgKindLabels, type OrgKind } from '../../../domain/roles.js';
import { ORG_SORTS } from '../../../domain/schemas/orgs.js';
import { useOrgPage } from '../../api/orgs';
import type { Org } from '../../api/types';
import { ListSearch } from '../../components/ListSearch';
import { LoadFailed } from '../../components/LoadFailed';
import { PageHeader } from '../../components/PageHeader';
import { useClampPage, useListParams } from '../../components/useListParams';
import { m } from '../../i18n';

const isKind = (v: string | null): v is OrgKind => (ORG_KINDS as readonly string[]).includes(v ?? '');

/** Landing page of the system administrator: the reference organisations, paged on the server. */
export function OrgsPage() {
  const lp = useListParams(ORG_SORTS, { sort: 'kind', order: 'asc' });
  const kindParam = lp.params.get('kind');
  const kind = isKind(kindParam) ? kindParam : undefined;
  const q = lp.params.get('q') ?? undefined;
  const list = useOrgPage({ kind, q }, { page: lp.page, pageSize: lp.pageSize, sort: lp.sort, order: lp.order });
  useClampPage(lp.page, lp.pageSize, list.data?.total, (p) => lp.update({ page: String(p) }));

  const columns: TableColumnsType<Org> = [
    { title: m.orgs.name, dataIndex: 'name', key: 'name', sorter: true, sortOrder: lp.sortOrderOf('name') },
    {
      title: m.orgs.shortName,
      dataIndex: 'shortName',
      key: 'shortName',
      sorter: true,
      sortOrder: lp.sortOrderOf('shortName'),
      render: (v: string | null) => v ?? m.common.none,
    },
    {
      title: m.orgs.kind,
      dataIndex: 'kind',
      key: 'kind',
      sorter: true,
      sortOrder: lp.sortOrderOf('kind'),
      render: (k: OrgKind) => <Tag>{orgKindLabels[k] ?? k}</Tag>,
    },
    {
      title: m.orgs.regionCode,
      dataIndex: 'regionCode',
      key: 'regionCode',
      sorter: true,
      sortOrder: lp.sortOrderOf('regionCode'),
      render: (v: string | null) => v ?? m.common.none,
    },
  ];

  return (
    <>
      <PageHeader title={m.orgs.title} subtitle={m.orgs.subtitle} />
      <Card>
        <Flex className="orgs-filters" gap={12} wrap style={{ marginBottom: 16 }}>
          <Select<OrgKind>
            aria-label={m.orgs.kind}
            allowClear
            placeholder={m.orgs.allKinds}
            style={{ width: 200 }}
            value={kind}
            onChange={(k) => lp.update({ kind: k })}
            options={ORG_KINDS.map((k) => ({ value: k, label: orgKindLabels[k] }))}
          />
          <ListSearch
            q={q}
            label={m.orgs.search}
            style={{ width: 320, maxWidth: '100%' }}
            onSearch={(next) => lp.update({ q: next })}
            onRefresh={() => void list.refetch()}
          />
        </Flex>
        {list.isError ? (
          <LoadFailed error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Org>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items}
            loading={list.isFetching}
            {...lp.tableProps<Org>(list.data?.total)}
            scroll={{ x: 640 }}
          />
        )}
      </Card>
    </>
  );
}
