import { useLayoutEffect } from 'react';
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
  /** An opinion that may be left empty (positive decisions); otherwise a reason is required. */
  optional?: boolean;
  /** Shown above the field (e.g. what the decision means). */
  info?: string;
  onOk: (comment: string) => void;
  onCancel: () => void;
}

/** A required comment (reason) before an action such as return, decline or request correction. */
export function CommentModal(props: Props) {
  const { open, title, label, warning, okText, danger, busy, error, optional, info, onOk, onCancel } = props;
  const [form] = Form.useForm<{ comment: string }>();
  useLayoutEffect(() => {
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
          (v) => onOk((v.comment ?? '').trim()),
          () => undefined, // the form shows what is missing
        )
      }
      destroyOnHidden
    >
      {info ? <Alert type="info" showIcon title={info} style={{ marginBottom: 16 }} /> : null}
      {warning ? <Alert type="warning" showIcon title={warning} style={{ marginBottom: 16 }} /> : null}
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} name="commentModal" layout="vertical">
        <Form.Item
          name="comment"
          label={label ?? (optional ? m.opinions.opinionLabel : m.review.action.commentLabel)}
          rules={[
            ...(optional ? [] : [{ required: true, whitespace: true, message: m.review.action.commentRequired }]),
            { max: 2000, message: '意见不能超过 2000 个字' },
          ]}
        >
          <Input.TextArea
            rows={5}
            placeholder={optional ? m.opinions.opinionPlaceholder : m.review.action.commentPlaceholder}
            showCount
            maxLength={2000}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
