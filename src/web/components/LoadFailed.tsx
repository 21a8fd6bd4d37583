import { Button } from 'antd';
import { errorText } from '../api/client';
import { m } from '../i18n';
import { Problem } from './Problem';

/** A failed query, with the server's Chinese message and a retry button. */
export function LoadFailed({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <Problem
      kind="error"
      title={m.common.loadFailed}
      subTitle={errorText(error)}
      extra={onRetry ? <Button onClick={onRetry}>{m.common.retry}</Button> : undefined}
    />
  );
}
