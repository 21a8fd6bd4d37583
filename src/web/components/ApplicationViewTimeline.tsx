import { Tag, Timeline, Typography } from 'antd';
import type { ApplicationDetail } from '../api/applications';
import { formatTime } from '../format';
import { fmt, m } from '../i18n';

/** What happened to the application, oldest first, with who acted and their comment. */
export function ApplicationViewTimeline({ timeline }: { timeline: ApplicationDetail['timeline'] }) {
  return (
    <Timeline
      items={timeline.map((e) => ({
        key: e.id,
        color: e.comment ? 'orange' : 'blue',
        content: (
          <div>
            <Typography.Text strong>{e.actionLabel}</Typography.Text> <Tag>{e.toStatusLabel}</Tag>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {formatTime(e.at)}{' '}
              {fmt(m.review.detail.timelineActor, {
                org: e.actorOrgName ?? '',
                name: e.actorName ? ` ${e.actorName}` : '',
              })}
            </Typography.Text>
            {e.comment ? (
              <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>
                {fmt(m.review.detail.timelineComment, { comment: e.comment })}
              </Typography.Paragraph>
            ) : null}
          </div>
        ),
      }))}
    />
  );
}
