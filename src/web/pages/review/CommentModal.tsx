import { useEffect } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import { m } from '../../i18n';

interface Props {
  open: boolean;
  title: string;
  label?: string;
  warning?: string;
  okText?: string;
  danger?: boolean;
  busy?: boolean;
  error?: string | null;
  onOk: (comment: string) => void;
  onCancel: () => void;
}

/** A required comment (reason) before an action such as return, decline or request correction. */
export function CommentModal({ open, title, label, warning, okText, danger, busy, error, onOk, onCancel }: Props) {
  const [form] = Form.useForm<{ comment: string }>();
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  return (
    <Modal
      open={open}
      title={title}
      okText={okText ?? m.common.ok}
      okButtonProps={{ danger, loading: busy }}
      onCancel={onCancel}
      onOk={() =>
        form.validateFields().then(
          (v) => onOk(v.comment.trim()),
          () => undefined, // the form shows what is missing
        )
      }
      destroyOnHidden
    >
      {warning ? <Alert type="warning" showIcon title={warning} style={{ marginBottom: 16 }} /> : null}
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} name="commentModal" layout="vertical">
        <Form.Item
          name="comment"
          label={label ?? m.review.action.commentLabel}
          rules={[
            { required: true, whitespace: true, message: m.review.action.commentRequired },
            { max: 2000, message: '意见不能超过 2000 个字' },
          ]}
        >
          <Input.TextArea rows={5} placeholder={m.review.action.commentPlaceholder} showCount maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
