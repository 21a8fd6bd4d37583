import { Button, Card, Result, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { fmt, m } from '../../i18n';
import { LOGIN_PATH, REGISTRATION_STATUS_PATH } from '../../navigation';
import { NOTICE_PATH } from './PublicLayout';

const t = m.publicSite.register;

/** After registering: the unit's city must approve it before the unit can log in. */
export function RegisterDone({ city, username, email }: { city: string; username: string; email: string }) {
  const navigate = useNavigate();
  return (
    <Card style={{ maxWidth: 720, margin: '0 auto' }} className="register-done">
      <Result
        status="success"
        title={<h1 style={{ fontSize: 22, margin: 0 }}>{t.doneTitle}</h1>}
        subTitle={fmt(t.doneText, { city: city || '所在设区市科技局', username })}
        extra={[
          <Button key="login" type="primary" onClick={() => navigate(LOGIN_PATH)}>
            {t.doneLogin}
          </Button>,
          <Button key="status" onClick={() => navigate(REGISTRATION_STATUS_PATH)}>
            {t.doneStatusLink}
          </Button>,
          <Button key="notice" onClick={() => navigate(NOTICE_PATH)}>
            {t.doneNotice}
          </Button>,
        ]}
      >
        <Typography.Paragraph>{fmt(t.doneEmail, { email })}</Typography.Paragraph>
        <Typography.Paragraph style={{ margin: 0 }}>{t.doneStatus}</Typography.Paragraph>
      </Result>
    </Card>
  );
}
