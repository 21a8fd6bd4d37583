import { useEffect, useState } from 'react';
import { App, Button, Card, Checkbox, Flex, Input, Skeleton, Typography } from 'antd';
import { CheckCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { errorText } from '../../api/client';
import { useChecklist, useSaveChecklist, type ChecklistResult } from '../../api/review';
import { formatTime } from '../../format';
import { fmt, m } from '../../i18n';

const t = m.review.checklist;
type Item = ChecklistResult['items'][number];

/** The authenticity-review checklist (真实性审查要点) of the batch: ticks, notes and an overall comment. */
export function ReviewChecklistCard({ applicationId }: { applicationId: string }) {
  const checklist = useChecklist(applicationId);
  const save = useSaveChecklist(applicationId);
  const { message } = App.useApp();
  const [items, setItems] = useState<Item[]>([]);
  const [comment, setComment] = useState('');
  const [noting, setNoting] = useState<Set<string>>(new Set());
  const data = checklist.data;
  useEffect(() => {
    if (!data) return;
    setItems(data.items);
    setComment(data.comment ?? '');
  }, [data]);

  if (!data) return <Card size="small">{checklist.isError ? errorText(checklist.error) : <Skeleton active />}</Card>;
  const editable = data.editable;
  const set = (key: string, patch: Partial<Item>) =>
    setItems((list) => list.map((i) => (i.key === key ? { ...i, ...patch } : i)));
  const checked = items.filter((i) => i.checked).length;

  return (
    <Card
      size="small"
      data-testid="review-checklist"
      title={<h2 style={{ fontSize: 15, margin: 0 }}>{t.title}</h2>}
      extra={<Typography.Text type="secondary">{fmt(t.progress, { checked, total: items.length })}</Typography.Text>}
    >
      <Flex vertical gap={10}>
        {items.map((i) => (
          <div key={i.key}>
            <Flex justify="space-between" align="flex-start" gap={4}>
              {editable ? (
                <Checkbox checked={i.checked} onChange={(e) => set(i.key, { checked: e.target.checked })}>
                  {i.label}
                </Checkbox>
              ) : (
                <Flex gap={8} align="flex-start">
                  {i.checked ? (
                    <CheckCircleFilled style={{ color: '#1f6b05', marginTop: 4 }} aria-label={t.checked} />
                  ) : (
                    <MinusCircleOutlined style={{ color: '#8a5300', marginTop: 4 }} aria-label={t.unchecked} />
                  )}
                  <span>{i.label}</span>
                </Flex>
              )}
              {editable && !noting.has(i.key) && !i.note ? (
                <Button
                  size="small"
                  type="link"
                  aria-label={fmt(t.noteFor, { item: i.label })}
                  onClick={() => setNoting((s) => new Set(s).add(i.key))}
                >
                  {t.addNote}
                </Button>
              ) : null}
            </Flex>
            {editable && (noting.has(i.key) || i.note) ? (
              <Input
                size="small"
                aria-label={fmt(t.noteFor, { item: i.label })}
                placeholder={t.note}
                value={i.note ?? ''}
                maxLength={1000}
                autoFocus={noting.has(i.key) && !i.note}
                onChange={(e) => set(i.key, { note: e.target.value })}
                style={{ marginTop: 4, marginInlineStart: 24, width: 'calc(100% - 24px)' }}
              />
            ) : null}
            {!editable && i.note ? (
              <Typography.Text type="secondary" style={{ display: 'block', marginInlineStart: 24, fontSize: 12 }}>
                {i.note}
              </Typography.Text>
            ) : null}
          </div>
        ))}
        {editable || comment ? (
          <Input.TextArea
            aria-label={t.comment}
            placeholder={t.comment}
            value={comment}
            disabled={!editable}
            rows={3}
            maxLength={2000}
            onChange={(e) => setComment(e.target.value)}
          />
        ) : null}
        {data.updatedAt ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {fmt(t.savedBy, { name: data.reviewerName ?? '', time: formatTime(data.updatedAt) })}
          </Typography.Text>
        ) : null}
        {editable ? (
          <Button
            loading={save.isPending}
            onClick={() =>
              save.mutate(
                {
                  version: data.version,
                  items: items.map((i) => ({ key: i.key, checked: i.checked, note: i.note?.trim() || undefined })),
                  comment: comment.trim() || undefined,
                },
                {
                  onSuccess: () => {
                    message.success(t.saved);
                  },
                  onError: (e) => {
                    message.error(errorText(e));
                  },
                },
              )
            }
          >
            {t.save}
          </Button>
        ) : null}
      </Flex>
    </Card>
  );
}
