import { useLayoutEffect } from 'react';
import { Alert, Checkbox, Form, Input, Modal, Typography } from 'antd';
import { pledgeSchema, supervisorPledgeText } from '../../../domain/pledges.js';
import { zodRule } from '../../components/zodRule';
import { m } from '../../i18n';
import './review.css';

const t = m.review.pledge;

interface Props {
  open: boolean;
  busy: boolean;
  error: string | null;
  onSign: (pledge: { signerName: string; agreed: true }, opinion?: string) => void;
  onCancel: () => void;
}

/** The attachment-5 pledge (主管部门信用承诺书), read in full, signed by name and agreed, before sending. */
export function PledgeModal({ open, busy, error, onSign, onCancel }: Props) {
  const [form] = Form.useForm<{ signerName: string; agreed: boolean; opinion?: string }>();
  useLayoutEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  const p = supervisorPledgeText;
  return (
    <Modal
      open={open}
      title={t.title}
      okText={t.submit}
      okButtonProps={{ loading: busy }}
      onCancel={onCancel}
      width={640}
      onOk={() =>
        form.validateFields().then(
          (v) => onSign({ signerName: v.signerName.trim(), agreed: true }, v.opinion?.trim() || undefined),
          () => undefined, // the form shows what is missing
        )
      }
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t.read}</Typography.Paragraph>
      <section className="pledge-text" aria-label={p.title} tabIndex={0}>
        <Typography.Title level={3} style={{ fontSize: 16, textAlign: 'center' }}>
          {p.attachment} {p.title}
        </Typography.Title>
        <Typography.Paragraph>{p.body}</Typography.Paragraph>
        {p.items.map((i) => (
          <Typography.Paragraph key={i}>{i}</Typography.Paragraph>
        ))}
      </section>
      {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} /> : null}
      <Form form={form} name="pledge" layout="vertical" style={{ marginTop: 16 }}>
        <Form.Item
          name="signerName"
          label={t.signer}
          rules={[
            { required: true, whitespace: true, message: t.signerRequired },
            zodRule(pledgeSchema.shape.signerName),
          ]}
        >
          <Input placeholder={t.signerPlaceholder} maxLength={30} autoComplete="name" />
        </Form.Item>
        <Form.Item
          name="agreed"
          valuePropName="checked"
          rules={[{ validator: (_r, v) => (v ? Promise.resolve() : Promise.reject(new Error(t.agreeRequired))) }]}
        >
          <Checkbox>{t.agree}</Checkbox>
        </Form.Item>
        <Form.Item name="opinion" label={m.opinions.sendOpinion}>
          <Input.TextArea
            placeholder={m.opinions.sendOpinionPlaceholder}
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={2000}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
