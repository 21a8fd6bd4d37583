import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Popconfirm, Typography } from 'antd';
import { scoreRequest } from '../../../domain/schemas/experts.js';
import { errorText } from '../../api/client';
import { useSaveScoreDraft, useScoreAssignment, type Assignment } from '../../api/experts';
import { formatTime } from '../../format';
import { zodRule } from '../../components/zodRule';
import { fmt, m } from '../../i18n';

const t = m.review.expert;
type Values = { scores: Record<string, number | null>; comment: string };

/** The expert's scores on the batch's criteria (0 to each weight) and comment; submitted once. */
export function ScoreForm({ assignment }: { assignment: Assignment }) {
  const score = useScoreAssignment();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const values = Form.useWatch('scores', form) ?? {};
  const total = assignment.criteria.reduce((s, c) => s + (Number(values[c.key]) || 0), 0);
  const canScore = assignment.allowedActions.includes('score');
  const draft = useSaveScoreDraft();
  const given = new Map((assignment.scores ?? assignment.draft?.scores ?? []).map((s) => [s.key, s.score]));
  const p = m.progress.expert;

  /** Saves what is filled in; a value above its criterion's maximum is refused here and on the server. */
  const saveDraft = () => {
    const v = form.getFieldsValue();
    const filled = assignment.criteria.filter((c) => typeof v.scores?.[c.key] === 'number');
    const over = filled.filter((c) => Number(v.scores[c.key]) > c.weight);
    if (over.length) return void form.validateFields(over.map((c) => ['scores', c.key])).catch(() => undefined);
    draft.mutate(
      {
        id: assignment.id,
        scores: filled.map((c) => ({ key: c.key, score: Number(v.scores[c.key]) })),
        comment: v.comment ?? '',
      },
      { onSuccess: () => void message.success(p.draftSaved), onError: (e) => setError(errorText(e)) },
    );
  };

  const submit = () =>
    form.validateFields().then(
      (v) =>
        score.mutate(
          {
            id: assignment.id,
            scores: assignment.criteria.map((c) => ({ key: c.key, score: Number(v.scores[c.key]) })),
            comment: v.comment.trim(),
          },
          {
            onSuccess: () => {
              message.success(t.submitted);
            },
            onError: (e) => setError(errorText(e)),
          },
        ),
      () => undefined, // the form marks what is missing
    );

  return (
    <Card size="small" title={<h2 style={{ fontSize: 15, margin: 0 }}>{t.scoreTitle}</h2>} data-testid="score-form">
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      {assignment.overdue && assignment.dueOn ? (
        <Alert type="warning" showIcon title={fmt(p.overdue, { day: assignment.dueOn })} style={{ marginBottom: 12 }} />
      ) : null}
      <Form<Values> form={form} name="score" layout="vertical" disabled={!canScore}>
        {assignment.criteria.map((c) => (
          <Form.Item
            key={c.key}
            name={['scores', c.key]}
            label={fmt(t.criterionLabel, { label: c.label, weight: c.weight })}
            extra={c.description}
            initialValue={given.get(c.key) ?? null}
            rules={[
              { required: true, message: t.scoreRequired },
              // No max on the input: a value above the weight is refused with a message, never clamped (issue 14).
              {
                type: 'number',
                min: 0,
                max: c.weight,
                message: fmt(m.process.score.outOfRange, { label: c.label, weight: c.weight }),
              },
            ]}
          >
            <InputNumber step={0.5} precision={1} style={{ width: 140 }} suffix={t.points} />
          </Form.Item>
        ))}
        <Form.Item
          name="comment"
          label={t.comment}
          initialValue={assignment.comment ?? assignment.draft?.comment ?? ''}
          rules={[
            { required: true, whitespace: true, message: t.commentRequired },
            zodRule(scoreRequest.shape.comment),
          ]}
        >
          <Input.TextArea rows={5} maxLength={5000} showCount />
        </Form.Item>
      </Form>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text strong data-testid="score-total">
          {fmt(t.totalOf, { total: canScore ? Math.round(total * 10) / 10 : (assignment.totalScore ?? 0) })}
        </Typography.Text>
        {assignment.draft ? (
          <Typography.Text type="secondary" data-testid="draft-saved-at">
            {fmt(p.draftAt, { at: formatTime(assignment.draft.savedAt) })}
          </Typography.Text>
        ) : null}
        {canScore ? (
          <Button onClick={saveDraft} loading={draft.isPending}>
            {p.saveDraft}
          </Button>
        ) : null}
        {canScore ? (
          <Popconfirm title={t.submitConfirm} onConfirm={submit}>
            <Button type="primary" loading={score.isPending}>
              {t.submit}
            </Button>
          </Popconfirm>
        ) : null}
      </Flex>
    </Card>
  );
}
