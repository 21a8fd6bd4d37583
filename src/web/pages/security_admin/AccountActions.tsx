import { Button, Flex, Popconfirm } from 'antd';
import type { AccountAction } from '../../api/accounts';
import type { Account } from '../../api/types';
import { m } from '../../i18n';

interface Props {
  account: Account;
  busy: boolean;
  onEdit: (a: Account) => void;
  onRoles: (a: Account) => void;
  onAction: (a: Account, action: AccountAction) => void;
  /** On a phone (the card view): buttons of the default height, large enough to tap. */
  narrow?: boolean;
}

function Confirmed({
  title,
  label,
  danger,
  onConfirm,
  busy,
  size,
}: {
  title: string;
  label: string;
  danger?: boolean;
  onConfirm: () => void;
  busy: boolean;
  size: 'small' | 'middle';
}) {
  return (
    <Popconfirm title={title} onConfirm={onConfirm} okText={m.common.ok} cancelText={m.common.cancel}>
      <Button type="link" size={size} danger={danger} disabled={busy}>
        {label}
      </Button>
    </Popconfirm>
  );
}

/**
 * The buttons of one account row, exactly the actions the server allows (none for an administrator
 * account, which is managed only on the server: 三员分立); destructive ones ask first.
 */
export function AccountActions({ account, busy, onEdit, onRoles, onAction, narrow }: Props) {
  const size = narrow ? 'middle' : 'small';
  const act = (action: AccountAction) => () => onAction(account, action);
  const may = (a: Account['allowedActions'][number]) => account.allowedActions.includes(a);
  if (account.allowedActions.length === 0)
    return <span className="account-server-managed">{m.accounts.serverManaged}</span>;
  return (
    <Flex wrap gap={0}>
      {may('edit') ? (
        <Button type="link" size={size} onClick={() => onEdit(account)}>
          {m.accounts.edit}
        </Button>
      ) : null}
      {may('roles') ? (
        <Button type="link" size={size} onClick={() => onRoles(account)}>
          {m.accounts.assignRoles}
        </Button>
      ) : null}
      {may('disable') ? (
        <Confirmed
          title={m.accounts.disableConfirm}
          label={m.accounts.disable}
          danger
          onConfirm={act('disable')}
          busy={busy}
          size={size}
        />
      ) : null}
      {may('enable') ? (
        <Confirmed
          title={m.accounts.enableConfirm}
          label={m.accounts.enable}
          onConfirm={act('enable')}
          busy={busy}
          size={size}
        />
      ) : null}
      {may('unlock') ? (
        <Confirmed
          title={m.accounts.unlockConfirm}
          label={m.accounts.unlock}
          onConfirm={act('unlock')}
          busy={busy}
          size={size}
        />
      ) : null}
      {may('reset-password') ? (
        <Confirmed
          title={m.accounts.resetConfirm}
          label={m.accounts.resetPassword}
          danger
          onConfirm={act('reset-password')}
          busy={busy}
          size={size}
        />
      ) : null}
    </Flex>
  );
}
