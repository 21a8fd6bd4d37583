/**
 * Reads a batch's notice text (as typed or extracted from the published PDF: paragraphs separated by
 * blank lines, table rows with tabs, **bold**, <input type="checkbox"/> for printed boxes) into
 * blocks a page can lay out like the official document, and finds the contacts it names.
 */

export type Inline = { text: string; bold?: boolean };

export type NoticeBlock =
  | { kind: 'issuer' | 'docNo' | 'title' | 'note' | 'sign' | 'attachment'; text: string }
  | { kind: 'para'; lines: Inline[][] }
  | { kind: 'list'; items: Inline[][] }
  | { kind: 'table'; columns: number; rows: TableCell[][]; /** A label/value form on a fixed grid. */ form: boolean };

/** A cell of a notice table and the number of grid columns it spans. */
export interface TableCell {
  text: string;
  span: number;
  /** A label of a label/value form (its first column and every other one after it). */
  label: boolean;
}

export interface ContactGroup {
  /** The issuing office of the document the contacts belong to. */
  issuer: string;
  lines: string[];
}

const ISSUER = /^[\u4e00-\u9fa5]{4,30}文件$/;
const SIGN = /^(?:[\u4e00-\u9fa5]{4,30}(?:办公厅|办公室)|\d{4}年\d{1,2}月\d{1,2}日印发)$/;
const DOC_NO = /^[\u4e00-\u9fa5]{2,10}〔\d{4}〕\d+号$/;
const TITLE = /关于.{4,80}的通知$/;
const NOTE = /^[（(]此件.{2,8}[)）]$/;
const ATTACHMENT = /^附件\s*\d+$/;
const ENDS_SENTENCE = /[。；：！？!?;:）)”」》]$/;
const STARTS_ITEM = /^(?:[一二三四五六七八九十]+、|\d+[.、．]|附件|联系人|邮箱|邮寄地址|[（(]此件|- )/;
const CONTACT = /^(联系人|联系电话|邮箱|电子邮箱|邮寄地址|地址)[：:]/;
const CHECKBOX = /<input\s+type="checkbox"\s*\/?>/g;

/** Bold spans written **so**. */
export function inlines(line: string): Inline[] {
  return line
    .replace(CHECKBOX, '☐')
    .split('**')
    .map((text, i) => ({ text, bold: i % 2 === 1 }))
    .filter((x) => x.text !== '');
}

/**
 * Paragraphs split by the PDF extraction in mid-sentence ("…基础信" / "息表》…") are joined again:
 * a long paragraph that does not end a sentence continues into the next one.
 */
function paragraphs(text: string): string[] {
  const parts = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/^\n+|\s+$/g, ''))
    .filter((p) => p.trim() !== '');
  const out: string[] = [];
  for (const p of parts) {
    const prev = out[out.length - 1];
    if (
      prev !== undefined &&
      prev.length >= 20 &&
      p.trim().length >= 10 &&
      !/\d{3,4}-\d{7,8}/.test(prev) &&
      !prev.includes('\t') &&
      !p.includes('\t') &&
      !ENDS_SENTENCE.test(prev) &&
      !CONTACT.test(prev) &&
      !ISSUER.test(prev) &&
      !TITLE.test(prev) &&
      !STARTS_ITEM.test(p.trim())
    ) {
      out[out.length - 1] = prev + p.trim();
    } else out.push(p);
  }
  return out;
}

const LABEL = 2;
const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const lcm = (a: number, b: number) => (a * b) / gcd(a, b);

/**
 * A table from tab-separated rows. A form of label/value pairs (every row an even number of cells,
 * as 附件2's 基础信息表) is set on one grid: rows of one, two or three pairs share the label
 * column, each value stretches over its share of the row, and the empty pairs that the extraction
 * left at the end of a row widen the value before them instead of standing as cells of their own.
 * Any other table keeps one cell per column, short rows padded.
 */
function tableBlock(raw: string[][]): NoticeBlock {
  const paired = raw.every((r) => r.length % 2 === 0);
  if (!paired) {
    const columns = Math.max(...raw.map((r) => r.length));
    const rows = raw.map((r) =>
      [...r, ...Array<string>(columns - r.length).fill('')].map((text) => ({ text, span: 1, label: false })),
    );
    return { kind: 'table', columns, rows, form: false };
  }
  const pairRows = raw.map((r) => {
    const pairs: [string, string][] = [];
    for (let i = 0; i < r.length; i += 2) pairs.push([r[i]!, r[i + 1]!]);
    while (pairs.length > 1 && pairs.at(-1)!.every((c) => c.trim() === '')) pairs.pop();
    return pairs;
  });
  const shares = pairRows.reduce((n, r) => lcm(n, r.length), 1);
  const most = Math.max(...pairRows.map((r) => r.length));
  // A label spans LABEL grid columns on every row; the grid is fine enough that in the row with the
  // most pairs a value is at least as wide as its label.
  const total = shares * Math.ceil((2 * LABEL * most) / shares);
  const rows = pairRows.map((pairs) =>
    pairs.flatMap(([l, v]) => [
      { text: l, span: LABEL, label: true },
      { text: v, span: total / pairs.length - LABEL, label: false },
    ]),
  );
  return { kind: 'table', columns: total, rows, form: true };
}

export function parseNotice(text: string): NoticeBlock[] {
  const blocks: NoticeBlock[] = [];
  let afterAttachment = false;
  for (const p of paragraphs(text)) {
    // The PDF extraction leaves spaces where a title was broken over lines.
    const trimmed = p.trim().replace(/([\u4e00-\u9fa5]) (?=[\u4e00-\u9fa5])/g, '$1');
    const lines = p.split('\n').filter((l) => l.trim() !== '');
    if (afterAttachment && lines.length === 1) {
      blocks.push({ kind: 'title', text: trimmed });
      afterAttachment = false;
      continue;
    }
    afterAttachment = false;
    if (lines.some((l) => l.includes('\t'))) {
      blocks.push(tableBlock(lines.map((l) => l.replace(CHECKBOX, '☐').split('\t'))));
    } else if (lines.every((l) => l.trim().startsWith('- '))) {
      blocks.push({ kind: 'list', items: lines.map((l) => inlines(l.trim().slice(2))) });
    } else if (ATTACHMENT.test(trimmed)) {
      blocks.push({ kind: 'attachment', text: trimmed });
      afterAttachment = true;
    } else if (ISSUER.test(trimmed)) blocks.push({ kind: 'issuer', text: trimmed });
    else if (DOC_NO.test(trimmed)) blocks.push({ kind: 'docNo', text: trimmed });
    else if (SIGN.test(trimmed)) blocks.push({ kind: 'sign', text: trimmed });
    else if (lines.length === 1 && TITLE.test(trimmed) && trimmed.length <= 80 && !trimmed.startsWith('附件'))
      blocks.push({ kind: 'title', text: trimmed });
    else if (NOTE.test(trimmed)) blocks.push({ kind: 'note', text: trimmed });
    else blocks.push({ kind: 'para', lines: lines.map((l) => inlines(l.trim())) });
  }
  return blocks;
}

/**
 * The contacts the notice names, grouped by the document they appear in: a line such as
 * "联系人：…" and the lines right after it that continue it (another office, 邮箱, 邮寄地址).
 */
export function noticeContacts(text: string): ContactGroup[] {
  const groups: ContactGroup[] = [];
  let issuer = '';
  let current: ContactGroup | null = null;
  for (const p of paragraphs(text)) {
    const line = p.trim().replace(/\s+/g, ' ');
    if (ISSUER.test(line) && line.endsWith('文件')) issuer = line.replace(/文件$/, '');
    if (CONTACT.test(line)) {
      if (!current) {
        current = { issuer, lines: [] };
        groups.push(current);
      }
      current.lines.push(line);
    } else if (current && current.lines.length > 0 && /\d{3,4}-\d{7,8}/.test(line) && line.length <= 60) {
      // Another office and telephone continuing the contact list.
      current.lines.push(line);
    } else current = null;
  }
  return groups;
}
