import { contentFieldLabel, todayInShanghai, validateForSubmission } from '../../../domain/application.js';
import type { ErrorDetail } from '../../../domain/errors.js';
import { pledgeSchema, pledgeSignerMismatch } from '../../../domain/pledges.js';
import { applicationFileKindLabels, type ApplicationFileKind } from '../../../domain/schemas/applications.js';
import type { ApplicationDetail } from '../../api/applications';
import { fmt, m } from '../../i18n';
import type { Content } from './draftStore';

export interface PledgeValue {
  signerName?: string;
  agreed?: boolean;
  /** The signer is not the 法人代表, and the applicant confirms it (recorded). */
  signerMismatchConfirmed?: boolean;
}

export interface ChecklistItem {
  path: string;
  /** What is concerned, in Chinese. */
  label: string;
  message: string;
  /** The step (0–4) where it is fixed. */
  step: number;
  /** The element to focus. */
  fieldId: string;
}

const STEP_OF: Record<string, number> = { basicInfo: 0, narrative: 1, files: 2, provincialFiling: 3, pledge: 4 };

/** The id of the input a problem path points at (antd forms prefix ids with their name). */
export function fieldIdOf(path: string): string {
  const [section, ...rest] = path.split('.');
  if (section === 'basicInfo') {
    const key = rest[0] === 'mainFields' ? ['mainFields'] : rest;
    return ['basicInfo', ...key].join('_');
  }
  if (section === 'provincialFiling') return ['provincialFiling', rest[0] ?? 'status'].join('_');
  if (section === 'pledge') return ['pledge', rest[0] ?? 'signerName'].join('_');
  if (section === 'files') return `files-${rest[0] ?? ''}`;
  return ['narrative', ...rest].join('-');
}

function labelOf(path: string): string {
  const [section, rest] = [path.split('.')[0], path.split('.').slice(1).join('.')];
  if (section === 'files') return applicationFileKindLabels[rest as ApplicationFileKind] ?? m.applicant.checklist.files;
  if (section === 'pledge')
    return rest === 'signerName'
      ? m.applicant.checklist.signerName
      : rest === 'agreed'
        ? m.applicant.checklist.agreed
        : m.applicant.checklist.pledge;
  return contentFieldLabel(path);
}

/**
 * Everything that still stops the submission: the shared submission rules on the content as typed,
 * the upload kinds the batch requires, the pledge, and whatever the server said at the last attempt
 * (the server is the authority: e.g. the USCC must match the registered unit).
 */
export function checklist(
  content: Content,
  detail: ApplicationDetail,
  pledge: PledgeValue,
  serverProblems: ErrorDetail[],
): ChecklistItem[] {
  // The API answers a section never saved with null; the rules read it as missing, field by field.
  const given = Object.fromEntries(Object.entries(content).filter(([, v]) => v !== null && v !== undefined));
  const problems: ErrorDetail[] = validateForSubmission(given, { today: todayInShanghai() });
  for (const kind of detail.requiredFileKinds) {
    if (!detail.files.some((f) => f.kind === kind))
      problems.push({
        path: `files.${kind}`,
        message: `请上传“${applicationFileKindLabels[kind as ApplicationFileKind] ?? kind}”`,
      });
  }
  const signed = pledgeSchema.safeParse(pledge);
  if (!signed.success)
    for (const i of signed.error.issues)
      problems.push({ path: ['pledge', ...i.path.map(String)].join('.'), message: i.message });
  const legalRep = content.basicInfo?.legalRepresentative?.name;
  const mismatch = pledgeSignerMismatch(pledge.signerName, legalRep, detail.unitLegalRepresentative);
  if (signed.success && mismatch && pledge.signerMismatchConfirmed !== true)
    problems.push({ path: 'pledge.signerMismatchConfirmed', message: mismatch });
  for (const p of serverProblems) {
    // A file or pledge problem the page already knows better stays as computed here.
    if (!problems.some((x) => x.path === p.path) && !p.path.startsWith('files.') && !p.path.startsWith('pledge.'))
      problems.push(p);
  }
  return problems.map((p) => ({
    path: p.path,
    label: labelOf(p.path),
    message: p.message,
    step: STEP_OF[p.path.split('.')[0] ?? ''] ?? 0,
    fieldId: fieldIdOf(p.path),
  }));
}

const pledgeTexts = m.applicant.pledge;

/** Why the submit button is disabled now, or null when it may be pressed. */
export const blockedText = (opts: {
  incomplete: number;
  deadlinePassed: boolean;
  saveState: string;
  allowed: boolean;
}) => {
  if (!opts.allowed) return pledgeTexts.notAllowed;
  if (opts.deadlinePassed) return pledgeTexts.blockedDeadline;
  if (opts.saveState === 'conflict') return pledgeTexts.blockedConflict;
  if (opts.saveState === 'offline') return pledgeTexts.blockedOffline;
  if (['invalid', 'error', 'locked'].includes(opts.saveState)) return pledgeTexts.blockedSaving;
  if (opts.incomplete > 0) return fmt(pledgeTexts.blockedIncomplete, { count: opts.incomplete });
  return null;
};
