import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { m } from '../i18n';

export function NotFoundPage() {
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={<h1 style={{ fontSize: 24, margin: 0 }}>{m.notFound.title}</h1>}
      subTitle={m.notFound.subtitle}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {m.notFound.back}
        </Button>
      }
    />
  );
}
