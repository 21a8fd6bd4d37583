import { z } from 'zod';
import { todayFn, type SchemaClock } from './basic-info.js';
import { choice, isBlank, missingOr, need, optionalText, withRules } from './fields.js';
import { PROVINCIAL_FILING_STATUSES, provincialFilingFields as labels, type ProvincialFilingStatus } from './labels.js';

/** Jiangsu began provincial maker space filing in 2015. */
export const EARLIEST_PROVINCIAL_FILING_YEAR = 2015;
export const DOCUMENT_NO_MAX = 50;

const status = choice(PROVINCIAL_FILING_STATUSES, labels.label);
const yearSchema = withRules(z.number({ error: `${labels.year.label}应为数字` }), [
  need((v) => Number.isInteger(v) && v >= 0 && v <= 9999, `${labels.year.label}应为整数年份`),
]).nullish();
const documentNo = optionalText(labels.documentNo.label, DOCUMENT_NO_MAX);

export const provincialFilingDraftSchema = z.object(
  { status: status.draft, year: yearSchema, documentNo },
  { error: `${labels.label}格式不正确` },
);

/**
 * Provincial filing status as submitted: when 已纳入 (filed), the year (2015 – this year) and the
 * document number are required; when 拟申请 (planned) they are dropped.
 */
export function makeProvincialFilingSchema(opts: SchemaClock = {}) {
  const today = todayFn(opts);
  return z
    .object(
      { status: status.submit, year: yearSchema, documentNo },
      { error: missingOr(`请填写${labels.label}`, `${labels.label}格式不正确`) },
    )
    .superRefine(
      (v, ctx) => {
        if (!v || v.status !== 'filed') return;
        const thisYear = Number(today().slice(0, 4));
        if (v.year === undefined || v.year === null) {
          ctx.addIssue({ code: 'custom', message: `请填写${labels.year.label}`, path: ['year'], input: v.year });
        } else if (Number.isInteger(v.year) && (v.year < EARLIEST_PROVINCIAL_FILING_YEAR || v.year > thisYear)) {
          ctx.addIssue({
            code: 'custom',
            message: `${labels.year.label}应在 ${EARLIEST_PROVINCIAL_FILING_YEAR} 至 ${thisYear} 年之间`,
            path: ['year'],
            input: v.year,
          });
        }
        if (isBlank(v.documentNo)) {
          ctx.addIssue({
            code: 'custom',
            message: `请填写${labels.documentNo.label}`,
            path: ['documentNo'],
            input: v.documentNo,
          });
        }
      },
      { when: () => true },
    )
    .transform((v): { status: ProvincialFilingStatus; year?: number; documentNo?: string } =>
      v.status === 'filed' ? { status: v.status, year: v.year!, documentNo: v.documentNo! } : { status: v.status },
    );
}

/** Provincial filing status as submitted, with this year read from the system clock at parse time. */
export const provincialFilingSchema = makeProvincialFilingSchema();

export type ProvincialFiling = z.output<typeof provincialFilingSchema>;
export type ProvincialFilingDraft = z.output<typeof provincialFilingDraftSchema>;
