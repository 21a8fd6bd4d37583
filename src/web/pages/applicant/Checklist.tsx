import { Alert, Card, Typography } from 'antd';
import { CheckCircleOutlined } from '@ant-design/icons';
import { fmt, m } from '../../i18n';
import type { ChecklistItem } from './checklist';

const t = m.applicant.checklist;

/** Every missing or invalid item, grouped by step; each one jumps to its field. */
export function Checklist({ items, onJump }: { items: ChecklistItem[]; onJump: (item: ChecklistItem) => void }) {
  const steps = m.applicant.page.steps;
  const groups = steps
    .map((title, step) => ({ title, step, items: items.filter((i) => i.step === step) }))
    .filter((g) => g.items.length > 0);
  return (
    <Card size="small" title={<h2 className="side-title">{t.title}</h2>} className="checklist">
      {items.length === 0 ? (
        <Alert type="success" showIcon icon={<CheckCircleOutlined />} title={t.complete} />
      ) : (
        <>
          <Typography.Paragraph style={{ marginBottom: 8 }}>
            {fmt(t.remaining, { count: items.length })}
          </Typography.Paragraph>
          <div className="checklist-items" tabIndex={-1}>
            {groups.map((g) => (
              <section key={g.step} aria-label={`${g.title}（${g.items.length}）`}>
                <h3 className="checklist-group">
                  {g.title}
                  <span className="checklist-count">{g.items.length}</span>
                </h3>
                <ol>
                  {g.items.map((item) => (
                    <li key={item.path}>
                      <button type="button" className="checklist-item" onClick={() => onJump(item)}>
                        <span className="checklist-label">{item.label}</span>
                        <span className="checklist-message">{item.message}</span>
                      </button>
                    </li>
                  ))}
                </ol>
              </section>
            ))}
          </div>
        </>
      )}
    </Card>
  );
}
