import { useState } from 'react';
import { Alert, App, Form, Modal } from 'antd';
import { useUpdateAccount } from '../../api/accounts';
import type { Account } from '../../api/types';
import { applyServerErrors } from '../../components/formErrors';
import { fmt, m } from '../../i18n';
import { blankToUndefined, ContactFields } from './accountFields';

interface EditForm {
  displayName: string;
  mobile?: string;
  email?: string;
}

/** Edits name and contact details; the version guards against overwriting someone else's change. */
export function EditAccountModal({ account, onClose }: { account: Account | null; onClose: () => void }) {
  const [form] = Form.useForm<EditForm>();
  const update = useUpdateAccount();
  const { message } = App.useApp();
  const [failure, setFailure] = useState<string | null>(null);

  const close = () => {
    setFailure(null);
    onClose();
  };

  const submit = (v: EditForm) => {
    if (!account) return;
    setFailure(null);
    update.mutate(
      {
        id: account.id,
        version: account.version,
        displayName: v.displayName.trim(),
        mobile: blankToUndefined(v.mobile) ?? null,
        email: blankToUndefined(v.email) ?? null,
      },
      {
        onSuccess: () => {
          message.success(m.common.saved);
          close();
        },
        onError: (e) => setFailure(applyServerErrors(form, ['displayName', 'mobile', 'email'], e)),
      },
    );
  };

  return (
    <Modal
      open={account !== null}
      title={account ? fmt(m.accounts.editTitle, { name: account.username }) : ''}
      okText={m.common.save}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={update.isPending}
      destroyOnHidden
    >
      {failure ? <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} /> : null}
      {account ? (
        <Form<EditForm>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{
            displayName: account.displayName,
            mobile: account.mobile ?? undefined,
            email: account.email ?? undefined,
          }}
        >
          <ContactFields />
        </Form>
      ) : null}
    </Modal>
  );
}
