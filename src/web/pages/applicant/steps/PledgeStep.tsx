import { Alert, Button, Card, Checkbox, Form, Input, Typography } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { applicantPledgeText, pledgeSignerMismatch } from '../../../../domain/pledges.js';
import { m } from '../../../i18n';
import type { PledgeValue } from '../checklist';

const t = m.applicant.pledge;

interface Props {
  /** The 法人代表 of the 基础信息表, against whom the signer is checked. */
  legalRepresentative?: string;
  /** The 法定代表人 the unit registered with, used where the 基础信息表 names none. */
  registeredLegalRepresentative?: string | null;
  value: PledgeValue;
  onChange: (v: PledgeValue) => void;
  errors: Record<string, string>;
  /** Why submitting is not possible now, or null. */
  blockedBy: string | null;
  submitting: boolean;
  onSubmit: () => void;
  failure: string | null;
}

/** 信用承诺 (attachment 4, word for word), the signer and the agreement, then the submission. */
export function PledgeStep({
  legalRepresentative,
  registeredLegalRepresentative,
  value,
  onChange,
  errors,
  blockedBy,
  submitting,
  onSubmit,
  failure,
}: Props) {
  const p = applicantPledgeText;
  const mismatch = pledgeSignerMismatch(value.signerName, legalRepresentative, registeredLegalRepresentative);
  return (
    <Card title={<h2 className="step-title">{t.heading}</h2>}>
      <section className="pledge-text" aria-labelledby="pledge-title">
        <Typography.Text type="secondary">{p.attachment}</Typography.Text>
        <h3 id="pledge-title" className="pledge-title">
          {p.title}
        </h3>
        <p className="pledge-body">{p.body}</p>
        <ul className="pledge-items">
          {p.items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </section>
      <Form layout="vertical" component={false}>
        <Form.Item
          label={t.signer}
          htmlFor="pledge_signerName"
          required
          validateStatus={errors['pledge.signerName'] ? 'error' : undefined}
          help={errors['pledge.signerName']}
          extra={t.signerHint}
          style={{ maxWidth: 360 }}
        >
          <Input
            id="pledge_signerName"
            value={value.signerName ?? ''}
            maxLength={30}
            autoComplete="name"
            onChange={(e) => onChange({ ...value, signerName: e.target.value })}
          />
        </Form.Item>
        {mismatch ? (
          <Form.Item
            validateStatus={errors['pledge.signerMismatchConfirmed'] ? 'error' : 'warning'}
            help={errors['pledge.signerMismatchConfirmed'] ?? mismatch}
          >
            <Checkbox
              id="pledge_signerMismatchConfirmed"
              checked={value.signerMismatchConfirmed === true}
              onChange={(e) => onChange({ ...value, signerMismatchConfirmed: e.target.checked })}
            >
              {t.signerMismatchConfirm}
            </Checkbox>
          </Form.Item>
        ) : null}
        <Form.Item validateStatus={errors['pledge.agreed'] ? 'error' : undefined} help={errors['pledge.agreed']}>
          <Checkbox
            id="pledge_agreed"
            checked={value.agreed === true}
            onChange={(e) => onChange({ ...value, agreed: e.target.checked })}
          >
            {t.agree}
          </Checkbox>
        </Form.Item>
      </Form>
      {failure ? <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} role="alert" /> : null}
      {blockedBy ? <Alert type="info" showIcon title={blockedBy} style={{ marginBottom: 12 }} /> : null}
      <Button
        type="primary"
        size="large"
        icon={<SendOutlined />}
        disabled={blockedBy !== null}
        loading={submitting}
        onClick={onSubmit}
      >
        {t.submit}
      </Button>
    </Card>
  );
}
