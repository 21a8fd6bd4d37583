import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { m } from '../i18n';

export function ForbiddenPage() {
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title={<h1 style={{ fontSize: 24, margin: 0 }}>{m.forbidden.title}</h1>}
      subTitle={m.forbidden.subtitle}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {m.forbidden.back}
        </Button>
      }
    />
  );
}
