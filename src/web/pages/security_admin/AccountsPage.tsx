import { useState } from 'react';
import { App, Button, Card, Flex, Select, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ROLES, roleLabels, type Role } from '../../../domain/roles.js';
import { useAccountAction, useAccounts, type AccountAction, type AccountFilter } from '../../api/accounts';
import { errorText } from '../../api/client';
import { ACCOUNT_STATUSES, accountStatusLabels, type Account, type AccountStatus } from '../../api/types';
import { ListSearch } from '../../components/ListSearch';
import { LoadFailed } from '../../components/LoadFailed';
import { PageHeader } from '../../components/PageHeader';
import { m } from '../../i18n';
import { ACCOUNT_SORTS } from '../../../domain/schemas/accounts.js';
import { useClampPage, useListParams } from '../../components/useListParams';
import { useNarrow } from '../../components/useNarrow';
import { AccountActions } from './AccountActions';

/** The columns' widths added up (accountColumns and the actions). */
const ACCOUNT_TABLE_WIDTH = 120 + 100 + 160 + 140 + 100 + 150 + 170;
import { accountCardColumn, accountColumns } from './accountColumns';
import { CreateAccountModal } from './CreateAccountModal';
import { EditAccountModal } from './EditAccountModal';
import { RolesModal } from './RolesModal';
import { TemporaryPasswordModal, type TemporaryPassword } from './TemporaryPasswordModal';

/** Landing page of the security administrator: every account, and what can be done to it. */
export function AccountsPage() {
  const lp = useListParams(ACCOUNT_SORTS, { sort: 'createdAt', order: 'desc' });
  const roleParam = lp.params.get('role');
  const statusParam = lp.params.get('status');
  const filter: AccountFilter = {
    q: lp.params.get('q') ?? undefined,
    role: ROLES.find((r) => r === roleParam),
    status: ACCOUNT_STATUSES.find((s) => s === statusParam),
    page: lp.page,
    pageSize: lp.pageSize,
    sort: lp.sort,
    order: lp.order,
  };
  const accounts = useAccounts(filter);
  useClampPage(lp.page, lp.pageSize, accounts.data?.total, (p) => lp.update({ page: String(p) }));
  const action = useAccountAction();
  const { message } = App.useApp();
  // On a phone status, last login and actions lay off screen: one card per account instead (issue 17).
  const narrow = useNarrow();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Account | null>(null);
  const [assigning, setAssigning] = useState<Account | null>(null);
  const [password, setPassword] = useState<TemporaryPassword | null>(null);

  const change = (next: Partial<Record<'q' | 'role' | 'status', string>>) => lp.update(next);

  const runAction = (account: Account, name: AccountAction) =>
    action.mutate(
      { id: account.id, action: name },
      {
        onSuccess: (res) => {
          if (res.temporaryPassword) {
            setPassword({
              username: account.username,
              password: res.temporaryPassword,
              title: m.accounts.passwordReset,
            });
          } else {
            message.success(m.accounts.actionDone);
          }
        },
        onError: (e) => {
          message.error(errorText(e));
        },
      },
    );

  const actions = (a: Account) => (
    <AccountActions
      account={a}
      busy={action.isPending}
      onEdit={setEditing}
      onRoles={setAssigning}
      onAction={runAction}
      narrow={narrow}
    />
  );
  const columns = [
    ...accountColumns.map((c) => {
      const key = ACCOUNT_SORTS.find((k) => k === c.key);
      return key ? { ...c, sorter: true, sortOrder: lp.sortOrderOf(key) } : c;
    }),
    {
      title: m.common.actions,
      key: 'actions',
      width: 170,
      // The columns add up to what a 1280 px screen shows beside the menu, so that at 1280 the pinned
      // column covers nothing. A phone shows the cards.
      fixed: 'right' as const,
      render: (_: unknown, a: Account) => actions(a),
    },
  ];

  return (
    <>
      <PageHeader
        title={m.accounts.title}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {m.accounts.create}
          </Button>
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <ListSearch
            q={filter.q}
            label={m.accounts.search}
            style={{ width: 320, maxWidth: '100%' }}
            onSearch={(q) => change({ q })}
            onRefresh={() => void accounts.refetch()}
          />
          <Select<Role>
            aria-label={m.accounts.roles}
            allowClear
            placeholder={m.accounts.roles}
            style={{ width: 200 }}
            value={filter.role}
            onChange={(role) => change({ role })}
            options={ROLES.map((r) => ({ value: r, label: roleLabels[r] }))}
          />
          <Select<AccountStatus>
            aria-label={m.accounts.status}
            allowClear
            placeholder={m.accounts.status}
            style={{ width: 140 }}
            value={filter.status}
            onChange={(status) => change({ status })}
            options={ACCOUNT_STATUSES.map((s) => ({ value: s, label: accountStatusLabels[s] }))}
          />
        </Flex>
        {accounts.isError ? (
          <LoadFailed error={accounts.error} onRetry={() => void accounts.refetch()} />
        ) : (
          <Table<Account>
            rowKey="id"
            size="middle"
            columns={narrow ? [accountCardColumn({ sortOrder: lp.sortOrderOf('username'), actions })] : columns}
            dataSource={accounts.data?.items}
            loading={accounts.isFetching}
            scroll={narrow ? undefined : { x: ACCOUNT_TABLE_WIDTH }}
            {...lp.tableProps<Account>(accounts.data?.total)}
          />
        )}
      </Card>
      <CreateAccountModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(account, temporaryPassword) =>
          setPassword({ username: account.username, password: temporaryPassword, title: m.accounts.created })
        }
      />
      <EditAccountModal account={editing} onClose={() => setEditing(null)} />
      <RolesModal account={assigning} onClose={() => setAssigning(null)} />
      <TemporaryPasswordModal value={password} onClose={() => setPassword(null)} />
    </>
  );
}
