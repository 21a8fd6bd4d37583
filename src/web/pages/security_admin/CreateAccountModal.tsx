import { useState } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import type { OrgKind, Role } from '../../../domain/roles.js';
import { roleOrgKinds } from '../../../domain/roles.js';
import { usernameSchema } from '../../../domain/schemas/accounts.js';
import { useCreateAccount } from '../../api/accounts';
import { useOrgs } from '../../api/orgs';
import type { Account } from '../../api/types';
import { applyServerErrors } from '../../components/formErrors';
import { zodRule } from '../../components/zodRule';
import { fmt, m } from '../../i18n';
import { blankToUndefined, ContactFields } from './accountFields';
import { OrgSelect } from './OrgSelect';
import { RoleSelect, roleSetRule } from './RoleSelect';

interface CreateForm {
  username: string;
  displayName: string;
  orgId?: string;
  roles: Role[];
  mobile?: string;
  email?: string;
}

const FIELDS = ['username', 'displayName', 'orgId', 'roles', 'mobile', 'email'];

interface Props {
  open: boolean;
  onClose: () => void;
  onCreated: (account: Account, temporaryPassword: string) => void;
}

/** Creates an account; the roles on offer follow the chosen organisation's kind. */
export function CreateAccountModal({ open, onClose, onCreated }: Props) {
  const [form] = Form.useForm<CreateForm>();
  const orgs = useOrgs();
  const create = useCreateAccount();
  const [failure, setFailure] = useState<string | null>(null);
  const orgId = Form.useWatch('orgId', form);
  const orgKind: OrgKind | undefined = orgs.data?.find((o) => o.id === orgId)?.kind;

  const close = () => {
    form.resetFields();
    setFailure(null);
    onClose();
  };

  const submit = (v: CreateForm) => {
    setFailure(null);
    create.mutate(
      {
        username: v.username.trim(),
        displayName: v.displayName.trim(),
        orgId: v.orgId!,
        roles: v.roles,
        mobile: blankToUndefined(v.mobile),
        email: blankToUndefined(v.email),
      },
      {
        onSuccess: (res) => {
          close();
          onCreated(res.account, res.temporaryPassword ?? '');
        },
        onError: (e) => setFailure(applyServerErrors(form, FIELDS, e)),
      },
    );
  };

  return (
    <Modal
      open={open}
      title={m.accounts.create}
      okText={m.common.save}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      {failure ? <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} /> : null}
      <Form<CreateForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ roles: [] }}
        onValuesChange={(changed: Partial<CreateForm>) => {
          if (!('orgId' in changed)) return;
          // Keep only the roles the newly chosen organisation may hold.
          const kind = orgs.data?.find((o) => o.id === changed.orgId)?.kind;
          const roles = form.getFieldValue('roles') as Role[];
          form.setFieldValue('roles', kind ? roles.filter((r) => roleOrgKinds[r].includes(kind)) : []);
        }}
      >
        <Form.Item
          name="username"
          label={m.accounts.username}
          rules={[
            { required: true, message: fmt(m.accounts.required, { field: m.accounts.username }) },
            zodRule(usernameSchema),
          ]}
        >
          <Input maxLength={32} autoComplete="off" />
        </Form.Item>
        <Form.Item name="orgId" label={m.accounts.org} rules={[{ required: true, message: m.accounts.orgPlaceholder }]}>
          <OrgSelect orgs={orgs.data} loading={orgs.isPending} />
        </Form.Item>
        <Form.Item
          name="roles"
          label={m.accounts.roles}
          dependencies={['orgId']}
          rules={[
            { required: true, message: fmt(m.accounts.required, { field: m.accounts.roles }) },
            roleSetRule(orgKind),
          ]}
        >
          <RoleSelect orgKind={orgKind} />
        </Form.Item>
        <ContactFields />
      </Form>
    </Modal>
  );
}
