import { Card, Flex, Form, Typography } from 'antd';
import {
  NARRATIVE_LIMITS,
  NARRATIVE_TITLE,
  narrativeOutline,
  narrativeSectionLabels,
  type NarrativeSection,
  type OutlineHeading,
} from '../../../../domain/application.js';
import { loadEditor, RichTextEditor, type ImageSource } from '../../../components/RichTextEditor';
import { m } from '../../../i18n';
import { SuccessCases, type CaseValue } from './SuccessCases';

export type NarrativeValue = Partial<Record<Exclude<NarrativeSection, 'successCases'>, string>> & {
  successCases?: CaseValue[];
};

interface Props {
  value: NarrativeValue;
  onChange: (v: NarrativeValue) => void;
  errors: Record<string, string>;
  imageSources: ImageSource[];
  /** The application the 申报书 belongs to (pictures are its uploads). */
  applicationId: string;
}

// Tiptap is fetched as soon as this step's code has arrived, not once its first editor renders: until
// then each editor shows its text (the preview), and a jump from the checklist waits for the editor.
void loadEditor();

export const narrativeFieldId = (key: string) => `narrative-${key.replace(/\./g, '-')}`;

/** 申报书 (attachment 3) in the outline's order: one editor per heading, the cases as repeatable blocks. */
export function NarrativeStep({ value, onChange, errors, imageSources, applicationId }: Props) {
  const set = (key: string, v: unknown) => onChange({ ...value, [key]: v });

  const renderHeading = (h: OutlineHeading, level: number) => {
    const headingId = h.key ? `${narrativeFieldId(h.key)}-heading` : undefined;
    const Heading = level === 0 ? 'h3' : 'h4';
    return (
      <section key={h.label} className={level === 0 ? 'narrative-part' : 'narrative-sub'}>
        <Heading id={headingId} className={`narrative-h${level}`}>
          {h.label}
        </Heading>
        {h.key === 'successCases' ? (
          <SuccessCases
            value={value.successCases ?? []}
            onChange={(cases) => set('successCases', cases)}
            errors={errors}
            imageSources={imageSources}
            applicationId={applicationId}
          />
        ) : h.key ? (
          <RichTextEditor
            id={narrativeFieldId(h.key)}
            applicationId={applicationId}
            label={narrativeSectionLabels[h.key]}
            labelledBy={headingId}
            value={value[h.key as Exclude<NarrativeSection, 'successCases'>] ?? ''}
            onChange={(html) => set(h.key!, html)}
            maxLength={NARRATIVE_LIMITS.html}
            imageSources={imageSources}
            error={errors[`narrative.${h.key}`]}
          />
        ) : null}
        {h.children?.map((c) => renderHeading(c, level + 1))}
      </section>
    );
  };

  return (
    <Card title={<h2 className="step-title">{NARRATIVE_TITLE}</h2>}>
      <Typography.Paragraph type="secondary">{m.applicant.narrative.hint}</Typography.Paragraph>
      <Form layout="vertical" component={false}>
        <Flex vertical gap={8}>
          {narrativeOutline.map((h) => renderHeading(h, 0))}
        </Flex>
      </Form>
    </Card>
  );
}
