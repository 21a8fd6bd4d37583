import { App, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { NARRATIVE_LIMITS, successCaseFields } from '../../../../domain/application.js';
import { RichTextEditor, type ImageSource } from '../../../components/RichTextEditor';
import { fmt, m } from '../../../i18n';

export interface CaseValue {
  title?: string;
  subject?: string;
  body?: string;
}

interface Props {
  value: CaseValue[];
  onChange: (v: CaseValue[]) => void;
  errors: Record<string, string>;
  imageSources: ImageSource[];
  /** The application the cases belong to (pictures are its uploads). */
  applicationId: string;
}

const t = m.applicant.narrative;
const label = (key: 'title' | 'subject' | 'body') => successCaseFields.find((f) => f.key === key)!;
const caseId = (i: number, field?: string) => `narrative-successCases-${i}${field ? `-${field}` : ''}`;

/** 二、2. 3–5 success cases: each a title, a subject and a text; added, removed and reordered. */
export function SuccessCases({ value, onChange, errors, imageSources, applicationId }: Props) {
  const { modal } = App.useApp();
  // Three empty blocks invite the minimum the notice asks for.
  const cases: CaseValue[] = value.length > 0 ? value : [{}, {}, {}];
  const set = (i: number, patch: CaseValue) => onChange(cases.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const move = (i: number, d: -1 | 1) => {
    const next = [...cases];
    [next[i], next[i + d]] = [next[i + d]!, next[i]!];
    onChange(next);
    window.setTimeout(() => document.getElementById(caseId(i + d, 'title'))?.focus(), 0);
  };
  const remove = (i: number) =>
    modal.confirm({
      title: fmt(t.removeConfirm, { n: i + 1 }),
      okButtonProps: { danger: true },
      onOk: () => onChange(cases.filter((_, j) => j !== i)),
    });
  const countError = errors['narrative.successCases'];

  return (
    <Flex vertical gap={12} id="narrative-successCases" tabIndex={-1}>
      <Typography.Text type={countError ? 'danger' : 'secondary'}>
        {countError ?? fmt(t.casesHint, { count: cases.length })}
      </Typography.Text>
      {cases.map((c, i) => {
        const err = (f: string) => errors[`narrative.successCases.${i}.${f}`];
        const n = i + 1;
        return (
          <Card
            key={i}
            size="small"
            className="case-card"
            title={
              <h5 className="case-title" id={`${caseId(i)}-heading`}>
                {fmt(t.caseTitle, { n })}
              </h5>
            }
            extra={
              <Flex gap={4}>
                <Button
                  size="small"
                  icon={<ArrowUpOutlined />}
                  aria-label={`${t.moveUp}：${fmt(t.caseTitle, { n })}`}
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                />
                <Button
                  size="small"
                  icon={<ArrowDownOutlined />}
                  aria-label={`${t.moveDown}：${fmt(t.caseTitle, { n })}`}
                  disabled={i === cases.length - 1}
                  onClick={() => move(i, 1)}
                />
                <Button
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={`${t.removeCase}：${fmt(t.caseTitle, { n })}`}
                  disabled={cases.length <= NARRATIVE_LIMITS.minCases}
                  onClick={() => remove(i)}
                />
              </Flex>
            }
          >
            <Form.Item
              label={label('title').label}
              htmlFor={caseId(i, 'title')}
              required
              validateStatus={err('title') ? 'error' : undefined}
              help={err('title')}
            >
              <Input
                id={caseId(i, 'title')}
                value={c.title ?? ''}
                maxLength={NARRATIVE_LIMITS.caseTitle}
                onChange={(e) => set(i, { title: e.target.value })}
              />
            </Form.Item>
            <Form.Item
              label={label('subject').label}
              htmlFor={caseId(i, 'subject')}
              required
              validateStatus={err('subject') ? 'error' : undefined}
              help={err('subject')}
              extra={(label('subject') as { hint?: string }).hint}
            >
              <Input
                id={caseId(i, 'subject')}
                value={c.subject ?? ''}
                maxLength={NARRATIVE_LIMITS.caseSubject}
                onChange={(e) => set(i, { subject: e.target.value })}
              />
            </Form.Item>
            <div className="case-body-label">
              <span className="required-mark" aria-hidden="true">
                *
              </span>
              <span id={`${caseId(i, 'body')}-label`}>{label('body').label}</span>
            </div>
            <RichTextEditor
              id={caseId(i, 'body')}
              applicationId={applicationId}
              label={`${fmt(t.caseTitle, { n })} ${label('body').label}`}
              labelledBy={`${caseId(i)}-heading ${caseId(i, 'body')}-label`}
              value={c.body ?? ''}
              onChange={(html) => set(i, { body: html })}
              maxLength={NARRATIVE_LIMITS.html}
              imageSources={imageSources}
              error={err('body')}
              minHeight={120}
            />
          </Card>
        );
      })}
      {cases.length < NARRATIVE_LIMITS.maxCases ? (
        <Button icon={<PlusOutlined />} onClick={() => onChange([...cases, {}])} style={{ alignSelf: 'flex-start' }}>
          {t.addCase}
        </Button>
      ) : null}
    </Flex>
  );
}
