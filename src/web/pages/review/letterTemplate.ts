import dayjs from 'dayjs';
import type { DispatchLevel } from '../../../domain/workflow.js';
import { TIME_ZONE } from '../../format';
import { fmt, m } from '../../i18n';

const t = m.review.letterTemplate;
/** A paragraph of an official letter starts with two full-width spaces. */
const INDENT = '\u3000\u3000';

export interface LetterItem {
  spaceName: string | null;
  unitName: string;
}

export interface LetterInput {
  level: DispatchLevel;
  /** The addressee: the province department (city level) or the Ministry (province level). */
  to: string;
  from: string;
  batchName: string;
  items: LetterItem[];
  /** ISO instant; the letter is dated in Beijing time. */
  now?: string;
}

/** The 推荐函 prefilled from the template: addressee, batch, the ranked list, sender and date. */
export function letterFromTemplate({ level, to, from, batchName, items, now }: LetterInput): string {
  const date = dayjs(now).tz(TIME_ZONE).format('YYYY年M月D日');
  const body = fmt(level === 'city' ? t.cityBody : t.provinceBody, { batch: batchName, count: items.length });
  const list = items.map((i, n) =>
    fmt(t.item, { rank: n + 1, space: i.spaceName ?? m.review.queue.unnamed, unit: i.unitName }),
  );
  return [
    fmt(level === 'city' ? t.cityTo : t.provinceTo, { to }),
    `${INDENT}${body}`,
    ...list.map((l) => `${INDENT}${l}`),
    `${INDENT}${level === 'city' ? t.closing : t.closingProvince}`,
    `${INDENT}${t.sign}`,
    '',
    from,
    date,
  ].join('\n');
}

/**
 * Rewrites only the ranked list inside a letter when the order changes, leaving the user's own
 * edits elsewhere untouched; returns null when the list can no longer be found.
 */
export function replaceRankedList(letter: string, before: LetterItem[], after: LetterItem[]): string | null {
  const line = (i: LetterItem, n: number) =>
    `${INDENT}${fmt(t.item, { rank: n + 1, space: i.spaceName ?? m.review.queue.unnamed, unit: i.unitName })}`;
  const old = before.map(line).join('\n');
  if (!old || !letter.includes(old)) return null;
  return letter.replace(old, after.map(line).join('\n'));
}
