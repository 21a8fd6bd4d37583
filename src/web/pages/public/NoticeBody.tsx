import { Fragment, useMemo } from 'react';
import { m } from '../../i18n';
import { parseNotice, type Inline } from './noticeText';

function Text({ parts }: { parts: Inline[] }) {
  return (
    <>{parts.map((p, i) => (p.bold ? <strong key={i}>{p.text}</strong> : <Fragment key={i}>{p.text}</Fragment>))}</>
  );
}

/** The notice text laid out like the printed document: issuer, number, title, body, attachments. */
export function NoticeBody({ text }: { text: string }) {
  const blocks = useMemo(() => parseNotice(text), [text]);
  return (
    <article className="notice-doc">
      {blocks.map((b, i) => {
        switch (b.kind) {
          case 'issuer':
            return (
              <div key={i} className="notice-issuer">
                {b.text}
              </div>
            );
          case 'docNo':
            return (
              <div key={i} className="notice-docno">
                {b.text}
              </div>
            );
          case 'title':
            return (
              <h2 key={i} className="notice-title">
                {b.text}
              </h2>
            );
          case 'attachment':
            return (
              <div key={i} className="notice-attachment">
                {b.text}
              </div>
            );
          case 'note':
          case 'sign':
            return (
              <p key={i} className={`notice-${b.kind}`}>
                {b.text}
              </p>
            );
          case 'list':
            return (
              <ul key={i}>
                {b.items.map((item, j) => (
                  <li key={j}>
                    <Text parts={item} />
                  </li>
                ))}
              </ul>
            );
          case 'table':
            return (
              <div
                key={i}
                className="notice-table-wrap"
                tabIndex={0}
                role="region"
                aria-label={m.publicSite.notice.table}
              >
                <table className={`notice-table${b.form ? ' notice-form' : ''}`}>
                  {b.form ? (
                    <colgroup>
                      {Array.from({ length: b.columns }, (_, c) => (
                        <col key={c} style={{ width: `${100 / b.columns}%` }} />
                      ))}
                    </colgroup>
                  ) : null}
                  <tbody>
                    {b.rows.map((row, r) => (
                      <tr key={r}>
                        {row.map((cell, c) => (
                          <td
                            key={c}
                            colSpan={cell.span > 1 ? cell.span : undefined}
                            className={cell.label ? 'notice-label' : undefined}
                          >
                            {cell.text}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            );
          default:
            return (
              <p key={i} className={b.lines.length > 1 ? 'notice-flat' : undefined}>
                {b.lines.map((line, j) => (
                  <Fragment key={j}>
                    {j > 0 ? <br /> : null}
                    <Text parts={line} />
                  </Fragment>
                ))}
              </p>
            );
        }
      })}
    </article>
  );
}
