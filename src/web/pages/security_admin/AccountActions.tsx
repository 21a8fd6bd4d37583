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

/** The actions that change an account at once, in the order shown: each asks first. */
const CONFIRMED: readonly { action: AccountAction; label: string; confirm: string; danger?: boolean }[] = [
  { action: 'disable', label: m.accounts.disable, confirm: m.accounts.disableConfirm, danger: true },
  { action: 'enable', label: m.accounts.enable, confirm: m.accounts.enableConfirm },
  { action: 'unlock', label: m.accounts.unlock, confirm: m.accounts.unlockConfirm },
  { action: 'reset-password', label: m.accounts.resetPassword, confirm: m.accounts.resetConfirm, danger: true },
];

/**
 * The buttons of one account row, exactly the actions the server allows (none for an administrator
 * account, which is managed only on the server: 三员分立); destructive ones ask first.
 */
export function AccountActions({ account, busy, onEdit, onRoles, onAction, narrow }: Props) {
  const size = narrow ? 'middle' : 'small';
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
      {CONFIRMED.filter((c) => may(c.action)).map((c) => (
        <Popconfirm
          key={c.action}
          title={c.confirm}
          onConfirm={() => onAction(account, c.action)}
          okText={m.common.ok}
          cancelText={m.common.cancel}
        >
          <Button type="link" size={size} danger={c.danger} disabled={busy}>
            {c.label}
          </Button>
        </Popconfirm>
      ))}
    </Flex>
  );
}
