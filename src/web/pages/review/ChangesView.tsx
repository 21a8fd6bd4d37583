import { Alert, Card, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { diffWords, type ChangeObject } from 'diff';
import { useMemo } from 'react';
import { errorText } from '../../api/client';
import { useChanges, type Changes } from '../../api/review';
import { formatTime } from '../../format';
import { fmt, m } from '../../i18n';
import './changes.css';

const t = m.opinions.changes;

/** Chinese has no spaces between words: the browser's word segmenter keeps the highlights on whole words. */
const segmenter =
  typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('zh-CN', { granularity: 'word' }) : undefined;

/** One side of a text change: the parts only this side has are highlighted (removed left, added right). */
function Side({ parts, side }: { parts: ChangeObject<string>[]; side: 'before' | 'after' }) {
  const shown = parts.filter((p) => (side === 'before' ? !p.added : !p.removed));
  if (shown.every((p) => p.value === '')) return <span className="changes-empty">{t.empty}</span>;
  return (
    <>
      {shown.map((p, i) =>
        p.added ? (
          <ins key={i} className="changes-added">
            {p.value}
          </ins>
        ) : p.removed ? (
          <del key={i} className="changes-removed">
            {p.value}
          </del>
        ) : (
          <span key={i}>{p.value}</span>
        ),
      )}
    </>
  );
}

/** A changed text side by side: the version returned on the left, the resubmission on the right. */
function TextDiff({ label, before, after }: { label: string; before: string; after: string }) {
  const parts = useMemo(() => diffWords(before, after, { intlSegmenter: segmenter }), [before, after]);
  return (
    <div className="changes-row" role="group" aria-label={label}>
      <div className="changes-label">{label}</div>
      <div className="changes-pair">
        <div className="changes-cell" aria-label={`${label} · ${t.before}`}>
          <Side parts={parts} side="before" />
        </div>
        <div className="changes-cell" aria-label={`${label} · ${t.after}`}>
          <Side parts={parts} side="after" />
        </div>
      </div>
    </div>
  );
}

function Header() {
  return (
    <div className="changes-pair changes-head" aria-hidden>
      <div>{t.before}</div>
      <div>{t.after}</div>
    </div>
  );
}

function FileList({ files }: { files: { fileName: string }[] }) {
  if (files.length === 0) return <span className="changes-empty">{t.empty}</span>;
  return <>{files.map((f) => f.fileName).join('、')}</>;
}

function Body({ c }: { c: Changes }) {
  const total = c.fields.length + c.sections.length + c.files.length;
  return (
    <Flex vertical gap={12}>
      {c.returned ? (
        <Alert
          type="info"
          showIcon
          title={fmt(t.returned, {
            time: formatTime(c.returned.at),
            by: c.returned.by ?? '',
            comment: c.returned.comment ?? '',
          })}
          description={
            c.resubmitted && c.current
              ? fmt(t.versions, { before: c.returned.snapshotSeq ?? '—', after: c.current.snapshotSeq })
              : undefined
          }
        />
      ) : null}
      {!c.resubmitted ? <Typography.Text type="secondary">{t.notYet}</Typography.Text> : null}
      {c.resubmitted && total === 0 ? <Empty description={t.none} /> : null}
      {c.fields.length > 0 ? (
        <Card size="small" title={<h3 className="changes-title">{fmt(t.fields, { count: c.fields.length })}</h3>}>
          <Header />
          {c.fields.map((f) => (
            <TextDiff key={f.path} label={f.label} before={f.before} after={f.after} />
          ))}
        </Card>
      ) : null}
      {c.sections.length > 0 ? (
        <Card size="small" title={<h3 className="changes-title">{fmt(t.sections, { count: c.sections.length })}</h3>}>
          <Header />
          {c.sections.map((s) => (
            <TextDiff key={s.key} label={s.label} before={s.before} after={s.after} />
          ))}
        </Card>
      ) : null}
      {c.files.length > 0 ? (
        <Card size="small" title={<h3 className="changes-title">{fmt(t.files, { count: c.files.length })}</h3>}>
          <Header />
          {c.files.map((f) => (
            <div className="changes-row" key={f.kind} role="group" aria-label={f.kindLabel}>
              <div className="changes-label">
                {f.kindLabel} <Tag color={f.change === 'removed' ? 'red' : 'green'}>{t[f.change]}</Tag>
              </div>
              <div className="changes-pair">
                <div className="changes-cell">
                  <FileList files={f.before} />
                </div>
                <div className="changes-cell">
                  <FileList files={f.after} />
                </div>
              </div>
            </div>
          ))}
        </Card>
      ) : null}
    </Flex>
  );
}

/** 修改对比: what a resubmission changed against the version returned (fields, 申报书 sections, files). */
export function ChangesView({ applicationId }: { applicationId: string }) {
  const changes = useChanges(applicationId);
  if (changes.isError) return <Alert type="error" showIcon title={errorText(changes.error)} />;
  if (!changes.data) return <Skeleton active />;
  return (
    <div data-testid="changes-view">
      <Body c={changes.data} />
    </div>
  );
}
