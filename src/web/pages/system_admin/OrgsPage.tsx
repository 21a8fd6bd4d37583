import { useMemo, useState, type Key } from 'react';
import { Card, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ORG_KINDS, orgKindLabels, type OrgKind } from '../../../domain/roles.js';
import { useOrgs } from '../../api/orgs';
import type { Org } from '../../api/types';
import { LoadFailed } from '../../components/LoadFailed';
import { PageHeader } from '../../components/PageHeader';
import { fmt, m } from '../../i18n';

type OrgNode = Org & { children?: OrgNode[] };

/** Nests organisations under their parents; roots are those whose parent is not in the list. */
function toTree(orgs: Org[]): OrgNode[] {
  const nodes = new Map<string, OrgNode>(orgs.map((o) => [o.id, { ...o }]));
  const roots: OrgNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}

/** Opens the roots and those of their children that have children of their own (the provinces with cities). */
function defaultExpanded(roots: OrgNode[]): Key[] {
  return roots.flatMap((r) => [r.id, ...(r.children ?? []).filter((c) => c.children?.length).map((c) => c.id)]);
}

const columns: TableColumnsType<OrgNode> = [
  { title: m.orgs.name, dataIndex: 'name', key: 'name' },
  {
    title: m.orgs.shortName,
    dataIndex: 'shortName',
    key: 'shortName',
    render: (v: string | null) => v ?? m.common.none,
  },
  {
    title: m.orgs.kind,
    dataIndex: 'kind',
    key: 'kind',
    render: (k: OrgKind) => <Tag>{orgKindLabels[k] ?? k}</Tag>,
  },
  {
    title: m.orgs.regionCode,
    dataIndex: 'regionCode',
    key: 'regionCode',
    render: (v: string | null) => v ?? m.common.none,
  },
];

/** Landing page of the system administrator: the reference organisations. */
export function OrgsPage() {
  const [kind, setKind] = useState<OrgKind | undefined>();
  const [q, setQ] = useState('');
  const [expanded, setExpanded] = useState<readonly Key[] | null>(null);
  const orgs = useOrgs({ kind });
  const rows = useMemo(() => {
    const needle = q.trim();
    const list = (orgs.data ?? []).filter((o) => !needle || o.name.includes(needle) || o.shortName?.includes(needle));
    return kind || needle ? list : toTree(list);
  }, [orgs.data, kind, q]);

  return (
    <>
      <PageHeader title={m.orgs.title} subtitle={m.orgs.subtitle} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Select<OrgKind>
            aria-label={m.orgs.kind}
            allowClear
            placeholder={m.orgs.allKinds}
            style={{ width: 200 }}
            value={kind}
            onChange={setKind}
            options={ORG_KINDS.map((k) => ({ value: k, label: orgKindLabels[k] }))}
          />
          <Input.Search
            aria-label={m.orgs.search}
            placeholder={m.orgs.search}
            allowClear
            style={{ width: 260 }}
            onSearch={setQ}
          />
        </Flex>
        {orgs.isError ? (
          <LoadFailed error={orgs.error} onRetry={() => void orgs.refetch()} />
        ) : (
          <>
            <Table<OrgNode>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={rows}
              loading={orgs.isPending}
              pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
              expandable={{
                expandedRowKeys: expanded ?? defaultExpanded(rows),
                onExpandedRowsChange: setExpanded,
              }}
              scroll={{ x: 640 }}
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
              {fmt(m.common.total, { total: orgs.data?.length ?? 0 })}
              {kind || q ? null : ` · ${m.orgs.treeHint}`}
            </Typography.Paragraph>
          </>
        )}
      </Card>
    </>
  );
}
