import { Button, Result } from 'antd';
import { errorText } from '../api/client';
import { m } from '../i18n';

/** A failed query, with the server's Chinese message and a retry button. */
export function LoadFailed({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <Result
      status="error"
      title={m.common.loadFailed}
      subTitle={errorText(error)}
      extra={onRetry ? <Button onClick={onRetry}>{m.common.retry}</Button> : undefined}
    />
  );
}
