import type { DispatchLevel } from '../../../domain/workflow.js';
import { LETTER_INDENT, letterBody, letterItemLine, type LetterItem } from '../../../domain/letters.js';

export type { LetterItem };

export interface LetterInput {
  level: DispatchLevel;
  batchName: string;
  noticeTitle: string;
  noticeNo: string;
  items: LetterItem[];
}

/**
 * The 推荐函's body prefilled from the shared template (src/domain/letters.ts): the notice of the
 * batch, the ranked list, the closing. Salutation, sender, date and seal are printed by the PDF and
 * Word documents, once.
 */
export function letterFromTemplate(input: LetterInput): string {
  return letterBody(input);
}

/**
 * Rewrites only the ranked list inside a letter when the order changes, leaving the user's own
 * edits elsewhere untouched; returns null when the list can no longer be found.
 */
export function replaceRankedList(letter: string, before: LetterItem[], after: LetterItem[]): string | null {
  const line = (i: LetterItem, n: number) => `${LETTER_INDENT}${letterItemLine(i, n)}`;
  const old = before.map(line).join('\n');
  if (!old || !letter.includes(old)) return null;
  return letter.replace(old, after.map(line).join('\n'));
}
