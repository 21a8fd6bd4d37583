import { useLayoutEffect } from 'react';
import { Alert, Checkbox, Form, Input, InputNumber, Modal, Radio } from 'antd';
import { ARRIVAL_METHODS, arrivalMethodLabels, type ArrivalInput } from '../../../domain/schemas/arrival.js';
import { m } from '../../i18n';

const t = m.opinions.arrival;

interface Props {
  open: boolean;
  busy: boolean;
  error: string | null;
  /** Pre-filled paper copies: two per application (一式两份). */
  expectedPaper: number;
  onReceive: (arrival: ArrivalInput) => void;
  onCancel: () => void;
  /** The bulk receive names how many dispatches the one 接收登记 applies to. */
  title?: string;
  hint?: string;
}

/** 接收登记: how the package arrived and what it contained; the server finds whether it was late. */
export function ReceiveModal({ open, busy, error, expectedPaper, onReceive, onCancel, title, hint }: Props) {
  const [form] = Form.useForm<ArrivalInput>();
  // Emptied before the opened dialog is painted: a reset in a passive effect could run after the first
  // paint and wipe a choice made in that moment (seen on a loaded machine: 送达方式 chosen, then lost).
  useLayoutEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  return (
    <Modal
      open={open}
      title={title ?? t.title}
      okText={t.ok}
      okButtonProps={{ loading: busy }}
      onCancel={onCancel}
      onOk={() =>
        form.validateFields().then(
          (v) => onReceive({ ...v, note: v.note?.trim() || undefined }),
          () => undefined, // the form shows what is missing
        )
      }
      destroyOnHidden
    >
      {hint ? <Alert type="info" showIcon title={hint} style={{ marginBottom: 12 }} /> : null}
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form
        form={form}
        name="arrival"
        layout="vertical"
        initialValues={{ electronicCopies: 1, paperCopies: expectedPaper, letter: true, pledge: true }}
      >
        <Form.Item name="method" label={t.method} rules={[{ required: true, message: t.methodRequired }]}>
          <Radio.Group
            options={ARRIVAL_METHODS.map((v) => ({ value: v, label: arrivalMethodLabels[v] }))}
            optionType="button"
          />
        </Form.Item>
        <Form.Item name="electronicCopies" label={t.electronicCopies} rules={[{ required: true }]}>
          <InputNumber min={0} max={200} precision={0} />
        </Form.Item>
        <Form.Item name="paperCopies" label={t.paperCopies} rules={[{ required: true }]}>
          <InputNumber min={0} max={200} precision={0} />
        </Form.Item>
        <Form.Item name="letter" valuePropName="checked" style={{ marginBottom: 4 }}>
          <Checkbox>{t.letter}</Checkbox>
        </Form.Item>
        <Form.Item name="pledge" valuePropName="checked">
          <Checkbox>{t.pledge}</Checkbox>
        </Form.Item>
        <Form.Item name="note" label={t.note}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
