import type { ReactNode } from 'react';
import { Flex, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnType, TableColumnsType } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { roleLabels } from '../../../domain/roles.js';
import { accountStatusLabels, type Account, type AccountStatus } from '../../api/types';
import { formatTime } from '../../format';
import { fmt, m } from '../../i18n';

const statusColor: Record<AccountStatus, string> = {
  active: 'green',
  disabled: 'default',
  pending: 'gold',
  refused: 'red',
};

function StatusCell({ account }: { account: Account }) {
  return (
    <Flex wrap gap={4}>
      <Tag color={statusColor[account.status]}>{accountStatusLabels[account.status]}</Tag>
      {account.locked ? (
        <Tooltip
          title={
            account.lockedUntil ? fmt(m.accounts.lockedUntil, { time: formatTime(account.lockedUntil) }) : undefined
          }
        >
          <Tag color="red">{m.accounts.locked}</Tag>
        </Tooltip>
      ) : null}
      {account.mustChangePassword ? <Tag color="orange">{m.accounts.mustChange}</Tag> : null}
    </Flex>
  );
}

function RoleTags({ roles }: { roles: Account['roles'] }) {
  return (
    <Flex wrap gap={4}>
      {roles.map((r) => (
        <Tag key={r}>{roleLabels[r] ?? r}</Tag>
      ))}
    </Flex>
  );
}

/** The account table's columns; the actions column is added by the page. */
export const accountColumns: TableColumnsType<Account> = [
  { title: m.accounts.username, dataIndex: 'username', key: 'username', width: 120 },
  { title: m.accounts.displayName, dataIndex: 'displayName', key: 'displayName', width: 100 },
  { title: m.accounts.org, dataIndex: 'orgName', key: 'orgName', width: 160 },
  {
    title: m.accounts.roles,
    dataIndex: 'roles',
    key: 'roles',
    width: 140,
    render: (roles: Account['roles']) => <RoleTags roles={roles} />,
  },
  {
    title: m.accounts.status,
    key: 'status',
    width: 100,
    render: (_: unknown, a: Account) => <StatusCell account={a} />,
  },
  {
    title: m.accounts.lastLogin,
    dataIndex: 'lastLoginAt',
    key: 'lastLoginAt',
    width: 150,
    render: (v: string | null) => (v ? <span className="value-nowrap">{formatTime(v)}</span> : m.common.none),
  },
];

/**
 * The accounts on a phone: one column, each account a small card (name and user name, unit, roles,
 * status, last login, then the actions at a size to tap), instead of seven columns of which the status,
 * the last login and the actions lay off screen to the right (issue 17).
 */
export function accountCardColumn(opts: {
  sortOrder: SortOrder | undefined;
  actions: (a: Account) => ReactNode;
}): TableColumnType<Account> {
  return {
    title: m.accounts.username,
    key: 'username',
    sorter: true,
    sortOrder: opts.sortOrder,
    render: (_: unknown, a: Account) => (
      <div className="list-card account-card">
        <div className="list-card-line">
          <span className="list-card-name">{a.displayName}</span>
          <Typography.Text type="secondary">{a.username}</Typography.Text>
        </div>
        <div className="list-card-line">{a.orgName}</div>
        <RoleTags roles={a.roles} />
        <StatusCell account={a} />
        <Typography.Text type="secondary" className="list-card-line">
          {m.accounts.lastLogin}：
          <span className="value-nowrap">{a.lastLoginAt ? formatTime(a.lastLoginAt) : m.common.none}</span>
        </Typography.Text>
        {opts.actions(a)}
      </div>
    ),
  };
}
