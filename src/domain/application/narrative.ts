import { z } from 'zod';
import { isBlank, missingAsEmpty, missingOr, need, withRules, optionalText, pair, requiredText } from './fields.js';
import { htmlTextLength } from './html.js';
import { narrativeSectionLabels, successCaseFields, type NarrativeSection } from './labels.js';

export const NARRATIVE_LIMITS = {
  /** Characters of HTML (markup included) per section and per case body. */
  html: 50_000,
  caseTitle: 100,
  caseSubject: 100,
  minCases: 3,
  maxCases: 5,
} as const;

export const SUCCESS_CASES_COUNT_MESSAGE = '成功案例应为 3–5 个';

type RichSection = Exclude<NarrativeSection, 'successCases'>;

/** Rich text (sanitised HTML): on submission it must show at least one visible character. */
function richText(name: string) {
  // `name` is how messages refer to the text: a section heading in quotes, or 案例内容.
  const tooLong = `${name}内容过长，不能超过 ${NARRATIVE_LIMITS.html.toLocaleString('en-US')} 个字符（含格式）`;
  const notTooLong = need((v: string) => v.length <= NARRATIVE_LIMITS.html, tooLong);
  return pair(
    withRules(z.string({ error: `${name}应为文本` }).trim(), [notTooLong]).nullish(),
    withRules(z.string({ error: missingOr(`请填写${name}`, `${name}应为文本`) }).trim(), [
      notTooLong,
      need((v) => htmlTextLength(v) > 0, `请填写${name}`),
    ]),
  );
}

const section = (key: RichSection) => richText(`“${narrativeSectionLabels[key]}”`);
const caseLabel = (key: (typeof successCaseFields)[number]['key']) =>
  successCaseFields.find((f) => f.key === key)!.label;

const caseTitle = pair(
  optionalText(caseLabel('title'), NARRATIVE_LIMITS.caseTitle),
  requiredText(caseLabel('title'), NARRATIVE_LIMITS.caseTitle),
);
const caseSubject = pair(
  optionalText(caseLabel('subject'), NARRATIVE_LIMITS.caseSubject),
  requiredText(caseLabel('subject'), NARRATIVE_LIMITS.caseSubject),
);
const caseBody = richText(caseLabel('body'));

export const successCaseDraftSchema = z.object(
  { title: caseTitle.draft, subject: caseSubject.draft, body: caseBody.draft },
  { error: '成功案例格式不正确' },
);

/** One success case (二、2); a missing case reports each of its fields. */
export const successCaseSchema = z.object(
  { title: caseTitle.submit, subject: caseSubject.submit, body: caseBody.submit },
  { error: missingOr('请填写成功案例', '成功案例格式不正确') },
);

const hostOverview = section('hostOverview');
const currentStatus = section('currentStatus');
const overallResults = section('overallResults');
const goalsAndTasks = section('goalsAndTasks');
const organizationAndSupport = section('organizationAndSupport');

/** Draft of the 申报书: every section optional, at most 5 cases (the form offers no more). */
export const narrativeDraftSchema = z.object(
  {
    hostOverview: hostOverview.draft,
    currentStatus: currentStatus.draft,
    overallResults: overallResults.draft,
    successCases: z
      .array(successCaseDraftSchema.nullish(), { error: '成功案例格式不正确' })
      .max(NARRATIVE_LIMITS.maxCases, `成功案例最多 ${NARRATIVE_LIMITS.maxCases} 个`)
      .nullish(),
    goalsAndTasks: goalsAndTasks.draft,
    organizationAndSupport: organizationAndSupport.draft,
  },
  { error: '申报书格式不正确' },
);

/** The 申报书 (attachment 3) as submitted: every section with visible text, 3–5 complete cases. */
export const narrativeSchema = z.object(
  {
    hostOverview: hostOverview.submit,
    currentStatus: currentStatus.submit,
    overallResults: overallResults.submit,
    successCases: z
      .array(missingAsEmpty(successCaseSchema), {
        error: missingOr(SUCCESS_CASES_COUNT_MESSAGE, '成功案例格式不正确'),
      })
      .min(NARRATIVE_LIMITS.minCases, SUCCESS_CASES_COUNT_MESSAGE)
      .max(NARRATIVE_LIMITS.maxCases, SUCCESS_CASES_COUNT_MESSAGE),
    goalsAndTasks: goalsAndTasks.submit,
    organizationAndSupport: organizationAndSupport.submit,
  },
  { error: missingOr('请填写申报书', '申报书格式不正确') },
);

export type Narrative = z.output<typeof narrativeSchema>;
export type SuccessCase = z.output<typeof successCaseSchema>;
export type NarrativeDraft = z.output<typeof narrativeDraftSchema>;

/** Whether a narrative section counts as written (for progress indicators in the form). */
export const isSectionFilled = (html: unknown): boolean =>
  typeof html === 'string' && !isBlank(html) && htmlTextLength(html) > 0;
