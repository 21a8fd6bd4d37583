/**
 * Reads the narrative's rich text into the block tree that the PDF and the Word producers both
 * render. The HTML is parsed by htmlparser2 (the parser sanitize-html uses on save) and read with
 * the vocabulary of the one narrative schema (src/domain/narrative/schema.ts): aliases (b, i, div …)
 * mean what the sanitiser turns them into, hidden elements carry no text, and anything else is read
 * for its content only. Tolerant of any input; never throws.
 */
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import {
  NARRATIVE_HIDDEN_TAGS,
  NARRATIVE_MARKS,
  NARRATIVE_TABLE_LIMITS,
  NARRATIVE_TAG_ALIASES,
  isNarrativeFileId,
  narrativeImageDimension,
  stripWordBullet,
  type NarrativeMark,
} from '../../domain/narrative/schema.js';

export interface RunStyle {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strike?: boolean;
}

export interface Run extends RunStyle {
  /** Text with collapsed white space; "\n" is a line break (br). */
  text: string;
}

export interface ParagraphBlock {
  type: 'paragraph';
  runs: Run[];
}
export interface HeadingBlock {
  type: 'heading';
  level: number;
  runs: Run[];
}
export interface ListBlock {
  type: 'list';
  ordered: boolean;
  items: Block[][];
}
export interface TableCell {
  header: boolean;
  colspan: number;
  rowspan: number;
  blocks: Block[];
}
export interface TableBlock {
  type: 'table';
  rows: TableCell[][];
}
export interface QuoteBlock {
  type: 'quote';
  blocks: Block[];
}
export interface ImageBlock {
  type: 'image';
  /** The uploaded image the narrative names (data-file-id), resolved by the caller to its bytes. */
  fileId: string | null;
  /** The src as written: only a data: URL of a version frozen before images were uploads is drawn from it. */
  src: string;
  alt: string;
  width?: number;
  height?: number;
}
export type Block = ParagraphBlock | HeadingBlock | ListBlock | TableBlock | QuoteBlock | ImageBlock;

const MARK_STYLE: Record<NarrativeMark, keyof RunStyle> = {
  bold: 'bold',
  italic: 'italic',
  underline: 'underline',
  strike: 'strike',
};
const HIDDEN = new Set<string>(NARRATIVE_HIDDEN_TAGS);
const HEADING = /^h([1-6])$/;

/** Where inline content goes: a list of blocks and the paragraph or heading still open in it. */
interface Container {
  blocks: Block[];
  para: ParagraphBlock | HeadingBlock | null;
}

const tagOf = (el: Element) => {
  const name = el.name.toLowerCase();
  return NARRATIVE_TAG_ALIASES[name] ?? name;
};

const span = (v: string | undefined, max: number) => {
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : 1;
};

const isElement = (n: ChildNode): n is Element => n.type === 'tag' || n.type === 'script' || n.type === 'style';

const sameRunStyle = (a: RunStyle, b: RunStyle) =>
  !!a.bold === !!b.bold && !!a.italic === !!b.italic && !!a.underline === !!b.underline && !!a.strike === !!b.strike;

/** Drops leading and trailing white space of a paragraph (but keeps line breaks inside it). */
function trimRuns(runs: Run[]): void {
  while (runs.length && !runs[0]!.text.replace(/^ +/, '')) runs.shift();
  if (runs[0]) runs[0].text = runs[0].text.replace(/^ +/, '');
  while (runs.length && !runs.at(-1)!.text.replace(/[ \n]+$/, '')) runs.pop();
  const last = runs.at(-1);
  if (last) last.text = last.text.replace(/[ \n]+$/, '');
}

function closePara(c: Container): void {
  const p = c.para;
  if (!p) return;
  trimRuns(p.runs);
  if (p.runs.length === 0 && p.type === 'paragraph') c.blocks.splice(c.blocks.lastIndexOf(p), 1);
  c.para = null;
}

function addText(c: Container, text: string, style: RunStyle): void {
  if (!c.para) {
    if (!/[^\s]/.test(text) && text !== '\n') return;
    c.para = { type: 'paragraph', runs: [] };
    c.blocks.push(c.para);
  }
  const last = c.para.runs.at(-1);
  if (last && sameRunStyle(last, style)) last.text += text;
  else c.para.runs.push({ text, ...style });
}

/** A container's blocks, read from nodes (closing its open paragraph at the end). */
function readBlocks(nodes: readonly ChildNode[], style: RunStyle = {}): Block[] {
  const c: Container = { blocks: [], para: null };
  for (const n of nodes) walk(n, c, style);
  closePara(c);
  return c.blocks;
}

function walk(node: ChildNode, c: Container, style: RunStyle): void {
  if (node.type === 'text') {
    addText(c, node.data.replace(/[\t\n\r\f ]+/g, ' '), style);
    return;
  }
  if (!isElement(node)) return; // comments, directives, CDATA
  const tag = tagOf(node);
  if (HIDDEN.has(tag)) return;
  const mark = NARRATIVE_MARKS[tag as keyof typeof NARRATIVE_MARKS] as NarrativeMark | undefined;
  if (mark) {
    const inner = { ...style, [MARK_STYLE[mark]]: true };
    for (const child of node.children) walk(child, c, inner);
    return;
  }
  if (tag === 'br') return addText(c, '\n', style);
  const heading = HEADING.exec(tag);
  if (tag === 'p' || heading) {
    closePara(c);
    const block: ParagraphBlock | HeadingBlock = heading
      ? { type: 'heading', level: Number(heading[1]), runs: [] }
      : { type: 'paragraph', runs: [] };
    c.blocks.push(block);
    c.para = block;
    for (const child of node.children) walk(child, c, style);
    // A block inside the paragraph (a table in a <p>) has closed it already.
    if (c.para === block) closePara(c);
    return;
  }
  switch (tag) {
    case 'ul':
    case 'ol':
      closePara(c);
      c.blocks.push(readList(node, tag === 'ol', style));
      return;
    case 'table':
      closePara(c);
      c.blocks.push({ type: 'table', rows: readRows(node, style) });
      return;
    case 'blockquote':
      closePara(c);
      c.blocks.push({ type: 'quote', blocks: readBlocks(node.children, style) });
      return;
    case 'img':
      closePara(c);
      c.blocks.push(readImage(node));
      return;
    default:
      // li, td, tr outside their parents, thead/tbody, span, a and anything unknown: content only.
      for (const child of node.children) walk(child, c, style);
  }
}

function readList(el: Element, ordered: boolean, style: RunStyle): ListBlock {
  const list: ListBlock = { type: 'list', ordered, items: [] };
  let loose: ChildNode[] = [];
  const flushLoose = () => {
    // Content directly inside the list (not in an li) is an item of its own.
    const blocks = readBlocks(loose, style);
    if (blocks.length) list.items.push(blocks);
    loose = [];
  };
  for (const child of el.children) {
    if (isElement(child) && tagOf(child) === 'li') {
      flushLoose();
      const item = readBlocks(child.children, style);
      const first = item[0];
      // Word's bullet glyph typed in front of the item would be drawn next to the list's own marker.
      if (!ordered && first?.type === 'paragraph' && first.runs[0]) {
        first.runs[0].text = stripWordBullet(first.runs[0].text);
        trimRuns(first.runs);
        if (!first.runs.length) item.shift();
      }
      list.items.push(item);
    } else loose.push(child);
  }
  flushLoose();
  return list;
}

function readRows(table: Element, style: RunStyle): TableCell[][] {
  const rows: TableCell[][] = [];
  let open: TableCell[] | null = null;
  const cell = (el: Element): TableCell => ({
    header: tagOf(el) === 'th',
    colspan: span(el.attribs.colspan, NARRATIVE_TABLE_LIMITS.colspan),
    rowspan: span(el.attribs.rowspan, NARRATIVE_TABLE_LIMITS.rowspan),
    blocks: readBlocks(el.children, style),
  });
  const visit = (nodes: readonly ChildNode[]) => {
    for (const n of nodes) {
      if (!isElement(n)) continue;
      const tag = tagOf(n);
      if (tag === 'tr') {
        const row: TableCell[] = [];
        rows.push(row);
        for (const c of n.children) if (isElement(c) && ['td', 'th'].includes(tagOf(c))) row.push(cell(c));
        open = null;
      } else if (tag === 'td' || tag === 'th') {
        // A cell outside any row: open one.
        if (!open) rows.push((open = []));
        open.push(cell(n));
      } else if (tag !== 'table') visit(n.children); // thead, tbody, tfoot
    }
  };
  visit(table.children);
  return rows;
}

function readImage(el: Element): ImageBlock {
  const given = (el.attribs['data-file-id'] ?? '').trim();
  return {
    type: 'image',
    fileId: isNarrativeFileId(given) ? given.toLowerCase() : null,
    src: el.attribs.src ?? '',
    alt: el.attribs.alt ?? '',
    width: narrativeImageDimension(el.attribs.width) ?? undefined,
    height: narrativeImageDimension(el.attribs.height) ?? undefined,
  };
}

/** Parses narrative rich text into blocks. */
export function parseHtml(html: string): Block[] {
  return readBlocks(parseDocument(html, { decodeEntities: true, lowerCaseTags: true }).children);
}

/** The ids of the uploaded images blocks name (to load them before rendering). */
export function blockImageIds(blocks: readonly Block[]): string[] {
  const ids = new Set<string>();
  const visit = (bs: readonly Block[]) => {
    for (const b of bs) {
      if (b.type === 'image' && b.fileId) ids.add(b.fileId);
      else if (b.type === 'list') b.items.forEach(visit);
      else if (b.type === 'table') b.rows.forEach((r) => r.forEach((c) => visit(c.blocks)));
      else if (b.type === 'quote') visit(b.blocks);
    }
  };
  visit(blocks);
  return [...ids];
}

/** The plain text of blocks (for tests and for the Excel summary). */
export function blocksText(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.type === 'paragraph' || b.type === 'heading') out.push(b.runs.map((r) => r.text).join(''));
    else if (b.type === 'list') for (const item of b.items) out.push(blocksText(item));
    else if (b.type === 'table') for (const row of b.rows) out.push(row.map((c) => blocksText(c.blocks)).join('\t'));
    else if (b.type === 'quote') out.push(blocksText(b.blocks));
    else if (b.alt) out.push(b.alt);
  }
  return out.join('\n');
}
