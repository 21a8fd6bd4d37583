import { Empty, Typography } from 'antd';
import { NARRATIVE_TITLE, narrativeOutline, type NarrativeSection } from '../../domain/application.js';
import { fmt, m } from '../i18n';

type Narrative = Record<string, unknown>;
interface SuccessCase {
  title?: string;
  subject?: string;
  body?: string;
}

/** HTML sanitised by the server when it was saved (outline formatting only). */
function Rich({ html }: { html: unknown }) {
  if (typeof html !== 'string' || html.trim() === '')
    return <Typography.Text type="secondary">{m.review.detail.noContent}</Typography.Text>;
  return <div className="narrative-html" dangerouslySetInnerHTML={{ __html: html }} />;
}

function Cases({ cases }: { cases: unknown }) {
  const list = Array.isArray(cases) ? (cases as SuccessCase[]) : [];
  if (list.length === 0) return <Typography.Text type="secondary">{m.review.detail.noContent}</Typography.Text>;
  return (
    <>
      {list.map((c, i) => (
        <section key={i} className="narrative-case">
          <Typography.Title level={4} style={{ fontSize: 15 }}>
            {fmt(m.review.detail.casesTitle, { n: i + 1, title: c.title ?? '' })}
          </Typography.Title>
          {c.subject ? (
            <Typography.Paragraph type="secondary">
              {fmt(m.review.detail.caseSubject, { subject: c.subject })}
            </Typography.Paragraph>
          ) : null}
          <Rich html={c.body} />
        </section>
      ))}
    </>
  );
}

function Section({ narrative, k }: { narrative: Narrative; k: NarrativeSection }) {
  return k === 'successCases' ? <Cases cases={narrative[k]} /> : <Rich html={narrative[k]} />;
}

/** Attachment 3 (申报书) in the headings of its outline. */
export function ApplicationViewNarrative({ narrative }: { narrative: Narrative | null }) {
  if (!narrative) return <Empty description={m.review.detail.noContent} />;
  return (
    <article className="narrative-view">
      <Typography.Title level={2} style={{ fontSize: 16, textAlign: 'center' }}>
        {NARRATIVE_TITLE}
      </Typography.Title>
      {narrativeOutline.map((h) => (
        <section key={h.label}>
          <Typography.Title level={3} style={{ fontSize: 15 }}>
            {h.label}
          </Typography.Title>
          {'children' in h ? (
            h.children.map((c) => (
              <section key={c.label} style={{ marginInlineStart: 8 }}>
                <Typography.Title level={4} style={{ fontSize: 14 }}>
                  {c.label}
                </Typography.Title>
                <Section narrative={narrative} k={c.key} />
              </section>
            ))
          ) : (
            <Section narrative={narrative} k={h.key} />
          )}
        </section>
      ))}
    </article>
  );
}
