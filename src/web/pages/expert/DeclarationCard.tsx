import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Flex, Typography } from 'antd';
import { NO_CONFLICT_DECLARATION } from '../../../domain/schemas/experts.js';
import { errorText } from '../../api/client';
import { useDeclareNoConflict, type Assignment } from '../../api/experts';
import { formatTime } from '../../format';
import { fmt, m } from '../../i18n';

const t = m.progress.expert;

/** The no-conflict declaration the expert makes for this assignment before the score form opens. */
export function DeclarationCard({ assignment }: { assignment: Assignment }) {
  const declare = useDeclareNoConflict();
  const { message } = App.useApp();
  const [agreed, setAgreed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (assignment.declaredAt)
    return (
      <Typography.Text type="secondary" data-testid="declared">
        {fmt(t.declared, { at: formatTime(assignment.declaredAt) })}
      </Typography.Text>
    );
  if (!assignment.allowedActions.includes('declare')) return null;
  return (
    <Card size="small" title={<h2 style={{ fontSize: 15, margin: 0 }}>{t.declareTitle}</h2>} data-testid="declaration">
      <Flex vertical gap={8}>
        <Typography.Paragraph style={{ margin: 0 }}>{NO_CONFLICT_DECLARATION}</Typography.Paragraph>
        {error ? <Alert type="error" showIcon title={error} /> : null}
        <Checkbox checked={agreed} onChange={(e) => setAgreed(e.target.checked)}>
          {t.declareAgree}
        </Checkbox>
        <Button
          type="primary"
          loading={declare.isPending}
          onClick={() => {
            if (!agreed) return setError(t.declareRequired);
            setError(null);
            declare.mutate(assignment.id, {
              onSuccess: () => void message.success(fmt(t.declared, { at: formatTime(new Date().toISOString()) })),
              onError: (e) => setError(errorText(e)),
            });
          }}
        >
          {t.declare}
        </Button>
      </Flex>
    </Card>
  );
}
