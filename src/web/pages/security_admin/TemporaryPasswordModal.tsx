import { Alert, Button, Modal, Typography } from 'antd';
import { fmt, m } from '../../i18n';

export interface TemporaryPassword {
  username: string;
  password: string;
  title: string;
}

/** Shows a temporary password once, with a copy button; it cannot be shown again. */
export function TemporaryPasswordModal({ value, onClose }: { value: TemporaryPassword | null; onClose: () => void }) {
  return (
    <Modal
      open={value !== null}
      title={value?.title}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose}>
          {m.accounts.done}
        </Button>
      }
    >
      {value ? (
        <>
          <Typography.Paragraph>{fmt(m.accounts.tempPasswordFor, { username: value.username })}</Typography.Paragraph>
          <Typography.Paragraph
            copyable={{ text: value.password, tooltips: [m.accounts.copy, m.accounts.copied] }}
            code
            data-testid="temporary-password"
            style={{ fontSize: 20 }}
          >
            {value.password}
          </Typography.Paragraph>
          <Alert type="warning" showIcon title={m.accounts.tempPasswordNotice} />
        </>
      ) : null}
    </Modal>
  );
}
