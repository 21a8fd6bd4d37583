import { Breadcrumb, Button, Card, Flex, Select, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { ORG_KINDS, orgKindLabels, type OrgKind } from '../../../domain/roles.js';
import { ORG_SORTS } from '../../../domain/schemas/orgs.js';
import { useOrgPage, type OrgPageItem } from '../../api/orgs';
import { ListSearch } from '../../components/ListSearch';
import { LoadFailed } from '../../components/LoadFailed';
import { PageHeader } from '../../components/PageHeader';
import { useClampPage, useListParams } from '../../components/useListParams';
import { useNarrow } from '../../components/useNarrow';
import { fmt, m } from '../../i18n';

const isKind = (v: string | null): v is OrgKind => (ORG_KINDS as readonly string[]).includes(v ?? '');

/**
 * Landing page of the system administrator: the reference organisations, paged on the server. Each row
 * shows its parent (上级单位) and its children (下级单位); following either filters the list by parent,
 * with the chain above it as a breadcrumb. Filters stay in the address (kind, parentId, q).
 */
export function OrgsPage() {
  const lp = useListParams(ORG_SORTS, { sort: 'kind', order: 'asc' });
  const kindParam = lp.params.get('kind');
  const kind = isKind(kindParam) ? kindParam : undefined;
  const q = lp.params.get('q') ?? undefined;
  const parentId = lp.params.get('parentId') ?? undefined;
  const list = useOrgPage(
    { kind, q, parentId },
    { page: lp.page, pageSize: lp.pageSize, sort: lp.sort, order: lp.order },
  );
  useClampPage(lp.page, lp.pageSize, list.data?.total, (p) => lp.update({ page: String(p) }));
  /** The children of `id` (undefined: the whole list), of whatever kind and name: the other filters go. */
  const underParent = (id: string | undefined) => lp.update({ parentId: id, kind: undefined, q: undefined });

  // On a phone the links to the parent and the children lay off screen: one card per unit (issue 17),
  // with the links at a size to tap.
  const narrow = useNarrow();
  const linkSize = narrow ? 'middle' : 'small';
  /** 上级单位: its name leads to all its children (this row and its siblings). */
  const parentOf = (org: OrgPageItem) =>
    org.parentName && org.parentId && org.parentId !== parentId ? (
      <Button type="link" size={linkSize} className="orgs-link" onClick={() => underParent(org.parentId!)}>
        {org.parentName}
      </Button>
    ) : (
      (org.parentName ?? m.common.none)
    );
  /** 下级单位: how many, leading to them. */
  const childrenOf = (org: OrgPageItem) =>
    org.childCount > 0 ? (
      <Button
        type="link"
        size={linkSize}
        className="orgs-link"
        aria-label={fmt(m.orgs.showChildren, { name: org.name, n: org.childCount })}
        onClick={() => underParent(org.id)}
      >
        {fmt(m.orgs.childCount, { n: org.childCount })}
      </Button>
    ) : (
      m.orgs.noChildren
    );
  const card: TableColumnsType<OrgPageItem>[number] = {
    title: m.orgs.name,
    key: 'name',
    sorter: true,
    sortOrder: lp.sortOrderOf('name'),
    render: (_: unknown, org) => (
      <div className="list-card org-card">
        <div className="list-card-name">{org.name}</div>
        <div className="list-card-line">
          <Tag>{orgKindLabels[org.kind] ?? org.kind}</Tag>
          {org.shortName ? <span>{org.shortName}</span> : null}
          {org.regionCode ? <span className="value-nowrap">{org.regionCode}</span> : null}
        </div>
        <div className="list-card-line">
          {m.orgs.parent}：{parentOf(org)}
        </div>
        <div className="list-card-line">
          {m.orgs.children}：{childrenOf(org)}
        </div>
      </div>
    ),
  };
  const columns: TableColumnsType<OrgPageItem> = [
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
      title: m.orgs.parent,
      dataIndex: 'parentName',
      key: 'parent',
      // The parent's name leads to all its children (this row and its siblings).
      render: (_: string | null, org) => parentOf(org),
    },
    {
      title: m.orgs.children,
      // Not `children`: antd's Table takes that field for nested rows.
      dataIndex: 'childCount',
      key: 'childCount',
      render: (_: number, org) => childrenOf(org),
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

  const ancestors = list.data?.ancestors ?? [];
  /** A step of the breadcrumb: the children of `id` (undefined: the whole list). */
  const crumb = (title: string, id: string | undefined) => {
    const next = new URLSearchParams(lp.params);
    if (id) next.set('parentId', id);
    else next.delete('parentId');
    for (const key of ['page', 'kind', 'q']) next.delete(key);
    return {
      title: (
        <a
          href={`?${next.toString()}`}
          onClick={(e) => {
            e.preventDefault();
            underParent(id);
          }}
        >
          {title}
        </a>
      ),
    };
  };
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
        {parentId ? (
          <nav aria-label={m.orgs.hierarchy} className="orgs-hierarchy" style={{ marginBottom: 12 }}>
            <Breadcrumb
              items={[
                crumb(m.orgs.allOrgs, undefined),
                ...ancestors.map((o, i) => (i === ancestors.length - 1 ? { title: o.name } : crumb(o.name, o.id))),
              ]}
            />
          </nav>
        ) : null}
        {list.isError ? (
          <LoadFailed error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<OrgPageItem>
            rowKey="id"
            size="middle"
            columns={narrow ? [card] : columns}
            dataSource={list.data?.items}
            loading={list.isFetching}
            {...lp.tableProps<OrgPageItem>(list.data?.total)}
            scroll={narrow ? undefined : { x: 820 }}
          />
        )}
      </Card>
    </>
  );
}
