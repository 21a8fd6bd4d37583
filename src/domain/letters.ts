import type { DispatchLevel } from './workflow.js';

/**
 * The 推荐函 as one rule set, shared by the dispatch builder (which prefills it) and the server
 * (which prints it, and composes it when none is given). The stored letter is the body only: the
 * salutation, the sender, the date and the seal are printed once by the documents, never typed.
 */

/** A paragraph of an official letter starts with two full-width spaces. */
export const LETTER_INDENT = '\u3000\u3000';

export interface LetterNotice {
  batchName: string;
  /** The title of the notice, without 《》; '' when the batch does not record it. */
  noticeTitle: string;
  /** Its 文号, e.g. 苏科高发〔2020〕174号; '' when not recorded. */
  noticeNo: string;
}

export interface LetterItem {
  spaceName: string | null;
  unitName: string;
}

/** 《关于组织开展…的通知》（苏科高发〔2020〕174号）, from the batch's data; the batch's name when it has no notice title. */
export function noticeCitation(n: LetterNotice): string {
  const title = n.noticeTitle.trim().replace(/^《|》$/g, '');
  if (!title) return `${n.batchName}推荐工作的通知`;
  return `《${title}》${n.noticeNo.trim() ? `（${n.noticeNo.trim()}）` : ''}`;
}

/** "1. 某某专业化众创空间（运营主体：某某公司）" */
export const letterItemLine = (i: LetterItem, n: number) =>
  `${n + 1}. ${i.spaceName ?? '（未命名）'}（运营主体：${i.unitName}）`;

/** The body of the 推荐函, prefilled: the notice it answers, the ranked list, the closing. */
export function letterBody(input: LetterNotice & { level: DispatchLevel; items: readonly LetterItem[] }): string {
  const cite = noticeCitation(input);
  const count = input.items.length;
  const opening =
    input.level === 'city'
      ? `根据${cite}要求，我局组织开展了本市申报工作，对申报材料的真实性进行了审查。经审核，现推荐以下 ${count} 家专业化众创空间（按推荐顺序排列）：`
      : `根据${cite}要求，我厅组织开展了本省推荐工作，经各设区市科技局审核推荐、形式审查和专家评审，现推荐以下 ${count} 家专业化众创空间（按推荐顺序排列）：`;
  const closing =
    input.level === 'city'
      ? '以上推荐材料（纸质一式两份及电子档）随函报送，请予审核。'
      : '以上推荐名单和备案材料随函报送，请予审核备案。';
  return [opening, ...input.items.map(letterItemLine), closing, '特此函告。']
    .map((p) => `${LETTER_INDENT}${p}`)
    .join('\n');
}

/**
 * The province's list in the order of the expert ranking (highest first), the applications nobody
 * ranked after them in their given order: the default order of the province's dispatch.
 */
export function orderByRanking<T extends { id: string }>(items: readonly T[], rankedIds: readonly string[]): T[] {
  const position = new Map(rankedIds.map((id, i) => [id, i]));
  const at = (x: T) => position.get(x.id) ?? Number.MAX_SAFE_INTEGER;
  return items
    .map((x, i) => ({ x, i }))
    .sort((a, b) => at(a.x) - at(b.x) || a.i - b.i)
    .map(({ x }) => x);
}

const DATE_LINE = /^(\d{4}|_+)\s*年\s*(\d{1,2}|_+)\s*月\s*(\d{1,2}|_+)\s*日$/;
const SEAL_LINE = /^[（(]\s*公\s*章\s*[)）]$/;

/**
 * The paragraphs of a stored letter without the frame the documents print themselves: a leading
 * salutation to the addressee, and trailing sender, date and seal lines (letters written before the
 * builder stopped including them would otherwise print them twice).
 */
export function letterParagraphs(letter: string, parties: { to: string; from: string }): string[] {
  const lines = letter
    .split(/\r?\n/)
    .map((l) => l.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ''))
    .filter(Boolean);
  const salutation = (l: string) => l.replace(/[：:]$/, '') === parties.to && /[：:]$/.test(l);
  while (lines.length > 0 && salutation(lines[0]!)) lines.shift();
  const frame = (l: string) => l === parties.from || DATE_LINE.test(l) || SEAL_LINE.test(l);
  while (lines.length > 0 && frame(lines[lines.length - 1]!)) lines.pop();
  return lines;
}
