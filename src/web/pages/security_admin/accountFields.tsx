import { Form, Input } from 'antd';
import { createAccountRequest } from '../../../domain/schemas/accounts.js';
import { zodRule } from '../../components/zodRule';
import { fmt, m } from '../../i18n';

const shape = createAccountRequest.shape;

/** The contact fields shared by the create and edit forms, checked with the server's own schema. */
export function ContactFields() {
  return (
    <>
      <Form.Item
        name="displayName"
        label={m.accounts.displayName}
        rules={[
          { required: true, whitespace: true, message: fmt(m.accounts.required, { field: m.accounts.displayName }) },
          zodRule(shape.displayName),
        ]}
      >
        <Input maxLength={64} />
      </Form.Item>
      <Form.Item name="mobile" label={m.accounts.mobile} rules={[zodRule(shape.mobile)]}>
        <Input maxLength={11} inputMode="tel" autoComplete="off" />
      </Form.Item>
      <Form.Item name="email" label={m.accounts.email} rules={[zodRule(shape.email)]}>
        <Input maxLength={128} inputMode="email" autoComplete="off" />
      </Form.Item>
    </>
  );
}

/** Empty strings from cleared inputs are sent as "not given". */
export const blankToUndefined = (v: string | undefined): string | undefined => (v && v.trim() ? v.trim() : undefined);
