import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Flex, Input, Skeleton, Tag, Typography } from 'antd';
import { CheckCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { errorText } from '../../api/client';
import { useChecklist, useSaveChecklist, type ChecklistLevel, type ChecklistResult } from '../../api/review';
import { formatTime } from '../../format';
import { fmt, m } from '../../i18n';

const t = m.review.checklist;
const o = m.opinions.checklist;
type Item = ChecklistResult['items'][number];

/** What the round before the last return recorded for an item: shown as 上一轮, to be confirmed again. */
function PreviousRound({ item }: { item: Item | undefined }) {
  if (!item?.checked && !item?.note) return null;
  return (
    <Typography.Text type="secondary" style={{ display: 'block', marginInlineStart: 24, fontSize: 12 }}>
      <Tag color={item.checked ? 'blue' : 'default'} style={{ marginInlineEnd: 6 }}>
        {item.checked ? o.previousChecked : o.previous}
      </Tag>
      {item.note ? fmt(o.previousNote, { note: item.note }) : null}
    </Typography.Text>
  );
}

/**
 * A review checklist of the batch — the city's 真实性审查要点 or the acceptance centre's 形式审查要点:
 * ticks, notes and an overall comment; after a resubmission, last round's ticks as 上一轮.
 */
export function ReviewChecklistCard({
  applicationId,
  level = 'city',
}: {
  applicationId: string;
  level?: ChecklistLevel;
}) {
  const checklist = useChecklist(applicationId, level);
  const save = useSaveChecklist(applicationId, level);
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
  const previous = new Map((data.previousItems ?? []).map((i) => [i.key, i]));
  const pending = data.pendingReconfirmation.length;

  return (
    <Card
      size="small"
      data-testid={level === 'city' ? 'review-checklist' : 'acceptance-checklist'}
      title={<h2 style={{ fontSize: 15, margin: 0 }}>{level === 'city' ? t.title : o.acceptanceTitle}</h2>}
      extra={<Typography.Text type="secondary">{fmt(t.progress, { checked, total: items.length })}</Typography.Text>}
    >
      <Flex vertical gap={10}>
        {pending > 0 ? <Alert type="warning" showIcon title={fmt(o.reconfirm, { count: pending })} /> : null}
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
            <PreviousRound item={previous.get(i.key)} />
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
