import { useState } from 'react';
import { Alert, Button, Card, Col, Form, Input, Row, Select, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { registrationForm, type RegistrationForm } from '../../../domain/schemas/registrations.js';
import { normalizeUscc, usccCheckChar, usccProblem } from '../../../domain/uscc.js';
import { isApiError } from '../../api/client';
import { useOrgs } from '../../api/orgs';
import { registerUnit, type RegistrationCreated } from '../../api/registrations';
import { applyServerErrors } from '../../components/formErrors';
import { zodRule } from '../../components/zodRule';
import { m } from '../../i18n';
import { LOGIN_PATH } from '../../navigation';
import '../../forms/forms.css';
import { LicenceUpload } from './LicenceUpload';
import { PasswordRules } from './PasswordRules';
import { PublicLayout } from './PublicLayout';
import { RegisterDone } from './RegisterDone';

const t = m.publicSite.register;
const shape = registrationForm.shape;
type Values = RegistrationForm & { confirm: string };
const FIELDS = [
  'unitName',
  'uscc',
  'cityOrgId',
  'legalRepresentative',
  'address',
  'licenceToken',
  'contactName',
  'mobile',
  'email',
  'username',
  'password',
];

/**
 * While typing: what can already be told is told (a letter the code never uses, an unknown
 * authority pair, a non-numeric region); the check character is checked once all 18 are there.
 */
const usccWhileTyping = async (_: unknown, value: string | undefined) => {
  const code = normalizeUscc(value ?? '');
  if (code.length < 2) return;
  let full = code;
  if (code.length < 18) {
    const first17 = code.padEnd(17, '0').slice(0, 17);
    full = first17 + (usccCheckChar(first17) ?? '0');
  }
  const problem = usccProblem(full);
  if (problem) throw new Error(problem);
};
/**
 * On leaving the field (and on submit): empty, incomplete or wrong. antd replaces a field's messages with
 * those of the rules for the event that ran, so this rule repeats the complete check (a wrong check
 * digit must stay shown after the field is left); on submit, `validateFirst` on the item stops at the
 * first failing rule, so that a message is shown once, not once per rule.
 */
const usccOnLeave = async (_: unknown, value: string | undefined) => {
  const code = normalizeUscc(value ?? '');
  if (!code) throw new Error('请填写统一社会信用代码');
  const problem = usccProblem(code);
  if (problem) throw new Error(problem);
};

const heading = (text: string) => (
  <Typography.Title level={2} style={{ fontSize: 16, margin: '8px 0 12px' }}>
    {text}
  </Typography.Title>
);

/** Public registration of an applicant unit; the unit's city bureau approves it. */
export function RegisterPage() {
  const [form] = Form.useForm<Values>();
  const cities = useOrgs({ kind: 'city' });
  const [failure, setFailure] = useState<string | null>(null);
  const uscc = Form.useWatch('uscc', form) ?? '';
  // A code the server refused as already registered: refused again while it is in the field, and
  // never shown as 校验通过 beside the refusal.
  const [taken, setTaken] = useState<{ code: string; message: string } | null>(null);
  const mutation = useMutation({
    mutationFn: ({ confirm: _c, ...body }: Values) => registerUnit({ ...body, uscc: normalizeUscc(body.uscc) }),
    onMutate: () => setFailure(null),
    onError: (e, body) => {
      const refusal = isApiError(e) ? e.details.find((d) => d.path === 'uscc') : undefined;
      setTaken(refusal ? { code: normalizeUscc(body.uscc), message: refusal.message } : null);
      setFailure(applyServerErrors(form, FIELDS, e));
    },
  });
  const usccNotTaken = async (_: unknown, value: string | undefined) => {
    if (taken && normalizeUscc(value ?? '') === taken.code) throw new Error(taken.message);
  };

  if (mutation.isSuccess) {
    const done: RegistrationCreated = mutation.data;
    const city = cities.data?.find((c) => c.id === done.registration.cityOrgId)?.name ?? '';
    return (
      <PublicLayout>
        <RegisterDone city={city} username={done.registration.username} email={mutation.variables.email} />
      </PublicLayout>
    );
  }

  const usccValid =
    normalizeUscc(uscc).length === 18 && !usccProblem(normalizeUscc(uscc)) && normalizeUscc(uscc) !== taken?.code;
  return (
    <PublicLayout>
      <Card style={{ maxWidth: 880, margin: '0 auto' }}>
        <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>
          {t.title}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t.subtitle}</Typography.Paragraph>
        {failure ? (
          <Alert type="error" showIcon title={`${t.failed}：${failure}`} style={{ marginBottom: 16 }} />
        ) : null}
        <Form<Values>
          form={form}
          className="application-form"
          layout="vertical"
          validateTrigger="onBlur"
          onFinish={(v) => mutation.mutate(v)}
          scrollToFirstError={{ block: 'center', focus: true }}
        >
          {heading(t.unitSection)}
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="unitName"
                label={t.unitName}
                extra={t.unitNameHint}
                rules={[zodRule(shape.unitName), { required: true, message: '请填写单位名称' }]}
              >
                <Input maxLength={100} autoComplete="organization" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="uscc"
                label={t.uscc}
                required
                validateTrigger={['onChange', 'onBlur']}
                hasFeedback={usccValid}
                validateFirst
                extra={usccValid ? t.usccOk : `${t.usccHint}（${normalizeUscc(uscc).length}/18）`}
                rules={[
                  { validateTrigger: 'onChange', validator: usccWhileTyping },
                  { validateTrigger: 'onBlur', validator: usccOnLeave },
                  { validateTrigger: ['onChange', 'onBlur'], validator: usccNotTaken },
                ]}
                // Shown as it is stored: capitals, no surrounding spaces.
                normalize={(v: string | undefined) => (v ?? '').toUpperCase().replace(/\s/g, '')}
              >
                <Input maxLength={18} autoComplete="off" style={{ fontFamily: 'monospace' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="cityOrgId"
                label={t.city}
                rules={[{ required: true, message: '请选择所在设区市' }]}
                validateTrigger={['onChange', 'onBlur']}
              >
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t.cityPlaceholder}
                  loading={cities.isPending}
                  options={(cities.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="legalRepresentative"
                label={t.legalRepresentative}
                extra={t.legalRepresentativeHint}
                rules={[
                  { required: true, whitespace: true, message: '请填写法定代表人' },
                  zodRule(shape.legalRepresentative),
                ]}
              >
                <Input maxLength={30} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item
                name="address"
                label={t.address}
                extra={t.addressHint}
                rules={[{ required: true, whitespace: true, message: '请填写注册地址' }, zodRule(shape.address)]}
              >
                <Input maxLength={200} autoComplete="street-address" />
              </Form.Item>
            </Col>
          </Row>
          {heading(t.licenceSection)}
          <Form.Item
            name="licenceToken"
            label={t.licence}
            extra={t.licenceHint}
            rules={[{ required: true, message: '请上传营业执照' }]}
            validateTrigger={['onChange']}
          >
            <LicenceUpload />
          </Form.Item>
          {heading(t.contactSection)}
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                name="contactName"
                label={t.contactName}
                rules={[{ required: true, whitespace: true, message: '请填写联系人姓名' }, zodRule(shape.contactName)]}
              >
                <Input maxLength={30} autoComplete="name" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="mobile"
                label={t.mobile}
                rules={[{ required: true, message: '请填写联系人手机' }, zodRule(shape.mobile)]}
              >
                <Input maxLength={11} inputMode="tel" autoComplete="tel" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="email"
                label={t.email}
                rules={[{ required: true, message: '请填写电子邮箱' }, zodRule(shape.email)]}
              >
                <Input maxLength={120} inputMode="email" autoComplete="email" />
              </Form.Item>
            </Col>
          </Row>
          {heading(t.accountSection)}
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="username"
                label={t.username}
                extra={t.usernameHint}
                rules={[{ required: true, message: '请输入用户名' }, zodRule(shape.username)]}
              >
                <Input maxLength={32} autoComplete="username" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="password"
                label={t.password}
                rules={[{ required: true, message: '请输入密码' }, zodRule(shape.password)]}
              >
                <Input.Password maxLength={128} autoComplete="new-password" aria-describedby="password-rules" />
              </Form.Item>
              <Form.Item
                name="confirm"
                label={t.confirm}
                dependencies={['password']}
                rules={[
                  { required: true, message: t.confirmRequired },
                  ({ getFieldValue }) => ({
                    validator: async (_, v) => {
                      if (v && v !== getFieldValue('password')) throw new Error(t.mismatch);
                    },
                  }),
                ]}
              >
                <Input.Password maxLength={128} autoComplete="new-password" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <PasswordRules form={form} />
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" size="large" loading={mutation.isPending}>
            {t.submit}
          </Button>
          <Typography.Text style={{ marginLeft: 16 }}>
            {t.hasAccount}
            <Link to={LOGIN_PATH}>{t.toLogin}</Link>
          </Typography.Text>
        </Form>
      </Card>
    </PublicLayout>
  );
}
