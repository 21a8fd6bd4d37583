import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { App, Button, Card, Flex, Popconfirm, Typography } from 'antd';
import { OPINION_ACTIONS } from '../../../domain/opinions.js';
import { actionLabels, findTransition, type ApplicationAction } from '../../../domain/workflow.js';
import { useApplicationAction, type ApplicationDetail } from '../../api/applications';
import { errorText } from '../../api/client';
import { fmt, m } from '../../i18n';
import { CommentModal } from './CommentModal';

const t = m.review.action;

/** Actions another page handles (the applicant's own); never shown here. */
const NOT_HERE: ApplicationAction[] = ['submit', 'withdraw', 'reopen'];
const DANGER: ApplicationAction[] = ['decline', 'province_decline', 'reject', 'cancel_for_dishonesty'];
const PRIMARY: ApplicationAction[] = ['recommend', 'accept', 'province_recommend', 'file'];

interface Props {
  detail: ApplicationDetail;
  /** Shown under the buttons, e.g. why acceptance waits for both paper copies. */
  footer?: ReactNode;
  /** Custom labels for the comment of an action (e.g. 补正原因). */
  commentLabels?: Partial<Record<ApplicationAction, string>>;
}

/**
 * Exactly the actions the server allows (detail.allowedActions). An action whose transition
 * requires a comment asks for it in a modal; cancellation for dishonesty warns about the credit record.
 */
export function ActionPanel({ detail, footer, commentLabels }: Props) {
  const run = useApplicationAction(detail.id);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [asking, setAsking] = useState<ApplicationAction | null>(null);
  const [error, setError] = useState<string | null>(null);
  const actions = detail.allowedActions.filter((a) => !NOT_HERE.includes(a));

  const take = (action: ApplicationAction, comment?: string, inModal = false) =>
    run.mutate(
      { action, comment },
      {
        onSuccess: () => {
          // The checklists lock once the level has decided.
          void qc.invalidateQueries({ queryKey: ['review-checklist', detail.id] });
          setAsking(null);
          setError(null);
          message.success(fmt(t.done, { action: actionLabels[action] }));
        },
        onError: (e) => {
          if (inModal) setError(errorText(e));
          else message.error(errorText(e));
        },
      },
    );

  const needsComment = (a: ApplicationAction) => !!findTransition(detail.status, a)?.commentRequired;
  // Positive decisions take an optional opinion; negative ones a required reason.
  const asks = (a: ApplicationAction) => needsComment(a) || OPINION_ACTIONS.includes(a);

  return (
    <Card size="small" title={<h2 style={{ fontSize: 15, margin: 0 }}>{t.title}</h2>}>
      {actions.length === 0 ? (
        <Typography.Text type="secondary">{m.review.detail.noActions}</Typography.Text>
      ) : (
        <Flex vertical gap={8}>
          {actions.map((a) =>
            asks(a) ? (
              <Button
                key={a}
                block
                type={PRIMARY.includes(a) ? 'primary' : 'default'}
                danger={DANGER.includes(a)}
                onClick={() => {
                  setError(null);
                  setAsking(a);
                }}
              >
                {actionLabels[a]}
              </Button>
            ) : (
              <Popconfirm
                key={a}
                title={a === 'recommend' ? t.recommendConfirm : fmt(t.confirm, { action: actionLabels[a] })}
                okText={m.common.ok}
                cancelText={m.common.cancel}
                onConfirm={() => take(a)}
              >
                <Button block type={PRIMARY.includes(a) ? 'primary' : 'default'} loading={run.isPending}>
                  {actionLabels[a]}
                </Button>
              </Popconfirm>
            ),
          )}
        </Flex>
      )}
      {footer ? <div style={{ marginTop: 12 }}>{footer}</div> : null}
      <CommentModal
        open={asking !== null}
        title={asking === 'cancel_for_dishonesty' ? t.cancelTitle : asking ? actionLabels[asking] : ''}
        label={asking ? commentLabels?.[asking] : undefined}
        warning={asking === 'cancel_for_dishonesty' ? t.cancelWarning : undefined}
        okText={asking ? actionLabels[asking] : undefined}
        danger={asking ? DANGER.includes(asking) : false}
        optional={asking ? !needsComment(asking) : false}
        info={asking === 'recommend' ? t.recommendConfirm : undefined}
        busy={run.isPending}
        error={error}
        onOk={(comment) => asking && take(asking, comment || undefined, true)}
        onCancel={() => setAsking(null)}
      />
    </Card>
  );
}
