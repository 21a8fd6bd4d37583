import { Flex, Tag, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
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
    render: (roles: Account['roles']) => (
      <Flex wrap gap={4}>
        {roles.map((r) => (
          <Tag key={r}>{roleLabels[r] ?? r}</Tag>
        ))}
      </Flex>
    ),
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
