import { useState } from 'react';
import { Alert, App, Form, Modal } from 'antd';
import type { Role } from '../../../domain/roles.js';
import { useSetRoles } from '../../api/accounts';
import { useOrgs } from '../../api/orgs';
import type { Account } from '../../api/types';
import { applyServerErrors } from '../../components/formErrors';
import { fmt, m } from '../../i18n';
import { RoleSelect, roleSetRule } from './RoleSelect';

/** Replaces an account's roles, checked live against the separation rules. */
export function RolesModal({ account, onClose }: { account: Account | null; onClose: () => void }) {
  const [form] = Form.useForm<{ roles: Role[] }>();
  const orgs = useOrgs();
  const setRoles = useSetRoles();
  const { message } = App.useApp();
  const [failure, setFailure] = useState<string | null>(null);
  const orgKind = orgs.data?.find((o) => o.id === account?.orgId)?.kind;

  const close = () => {
    setFailure(null);
    onClose();
  };

  const submit = ({ roles }: { roles: Role[] }) => {
    if (!account) return;
    setFailure(null);
    setRoles.mutate(
      { id: account.id, roles },
      {
        onSuccess: () => {
          message.success(m.common.saved);
          close();
        },
        onError: (e) => setFailure(applyServerErrors(form, [], e)),
      },
    );
  };

  return (
    <Modal
      open={account !== null}
      title={account ? fmt(m.accounts.assignTitle, { name: account.username }) : ''}
      okText={m.common.save}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={setRoles.isPending}
      destroyOnHidden
    >
      {failure ? <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} /> : null}
      {account ? (
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ roles: account.roles }}>
          <Form.Item label={m.accounts.org}>{account.orgName}</Form.Item>
          <Form.Item
            name="roles"
            label={m.accounts.roles}
            rules={[
              { required: true, message: fmt(m.accounts.required, { field: m.accounts.roles }) },
              roleSetRule(orgKind),
            ]}
          >
            <RoleSelect orgKind={orgKind} />
          </Form.Item>
        </Form>
      ) : null}
    </Modal>
  );
}
