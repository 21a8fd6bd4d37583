import { Form, Typography, type FormInstance } from 'antd';
import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons';
import { passwordClassCount } from '../../../domain/password.js';
import { fmt, m } from '../../i18n';

const t = m.publicSite.register;

function Rule({ ok, text }: { ok: boolean; text: string }) {
  return (
    <li style={{ color: ok ? '#1f6b05' : '#4a5566' }}>
      {ok ? <CheckCircleFilled aria-hidden /> : <CloseCircleOutlined aria-hidden />} <span>{text}</span>
      <span className="sr-only">{ok ? '（已满足）' : '（未满足）'}</span>
    </li>
  );
}

/** The password rule (等保 level 3), ticked off live as the password is typed. */
export function PasswordRules({ form }: { form: FormInstance }) {
  const password: string = Form.useWatch('password', form) ?? '';
  const classes = passwordClassCount(password);
  return (
    <div
      id="password-rules"
      aria-live="polite"
      style={{ background: '#f6f8fb', borderRadius: 6, padding: '12px 16px', marginBottom: 24 }}
    >
      <Typography.Text strong>{t.rulesTitle}</Typography.Text>
      <ul style={{ listStyle: 'none', margin: '8px 0 0', padding: 0, lineHeight: 2 }}>
        <Rule ok={password.length >= 8} text={t.ruleLength} />
        <Rule ok={classes >= 3} text={fmt(t.ruleClasses, { count: classes })} />
      </ul>
    </div>
  );
}
