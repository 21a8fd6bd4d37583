import { Card, Tag, Timeline, Typography } from 'antd';
import type { ApplicationDetail } from '../../api/applications';
import { formatTime } from '../../format';
import { fmt, m } from '../../i18n';
import { statusColor } from './statusColor';

const t = m.applicant.status;

/** Every step of the application with its time, the organisation that acted and its comment. */
export function TimelineCard({ detail, compact }: { detail: ApplicationDetail; compact?: boolean }) {
  const entries = [...detail.timeline].reverse();
  return (
    <Card size="small" title={<h2 className="side-title">{t.timeline}</h2>}>
      <Timeline
        items={entries.map((e) => ({
          key: e.id,
          color: statusColor(e.toStatus) === 'red' ? 'red' : statusColor(e.toStatus) === 'orange' ? 'orange' : 'blue',
          content: (
            <div className="timeline-entry">
              <div>
                <Typography.Text strong>{e.actionLabel}</Typography.Text>{' '}
                <Tag color={statusColor(e.toStatus)} style={{ marginInlineStart: 4 }}>
                  {e.toStatusLabel}
                </Tag>
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {formatTime(e.at)}
                {e.actorOrgName ? ` · ${e.actorOrgName}` : ''}
              </Typography.Text>
              {e.comment ? (
                <Typography.Paragraph
                  className="timeline-comment"
                  style={{ margin: '4px 0 0' }}
                  ellipsis={compact ? { rows: 4, expandable: true } : false}
                >
                  {fmt(t.comment, { comment: e.comment })}
                </Typography.Paragraph>
              ) : null}
            </div>
          ),
        }))}
      />
    </Card>
  );
}
