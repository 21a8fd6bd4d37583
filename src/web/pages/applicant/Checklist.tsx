import { Alert, Card, Tag, Typography } from 'antd';
import { CheckCircleOutlined } from '@ant-design/icons';
import { fmt, m } from '../../i18n';
import type { ChecklistItem } from './checklist';

const t = m.applicant.checklist;
const SHOWN = 40;

/** Every missing or invalid item; each one jumps to its field. */
export function Checklist({ items, onJump }: { items: ChecklistItem[]; onJump: (item: ChecklistItem) => void }) {
  const steps = m.applicant.page.steps;
  return (
    <Card size="small" title={<h2 className="side-title">{t.title}</h2>} className="checklist">
      {items.length === 0 ? (
        <Alert type="success" showIcon icon={<CheckCircleOutlined />} title={t.complete} />
      ) : (
        <>
          <Typography.Paragraph style={{ marginBottom: 8 }}>
            {fmt(t.remaining, { count: items.length })}
          </Typography.Paragraph>
          <ol className="checklist-items" aria-label={t.title}>
            {items.slice(0, SHOWN).map((item) => (
              <li key={item.path}>
                <button type="button" className="checklist-item" onClick={() => onJump(item)}>
                  <Tag className="checklist-step">{steps[item.step]}</Tag>
                  <span className="checklist-label">{item.label}</span>
                  <span className="checklist-message">{item.message}</span>
                </button>
              </li>
            ))}
          </ol>
          {items.length > SHOWN ? (
            <Typography.Text type="secondary">{fmt(t.more, { count: items.length - SHOWN })}</Typography.Text>
          ) : null}
        </>
      )}
    </Card>
  );
}
