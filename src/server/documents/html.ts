/**
 * Reads the narrative's rich text — HTML already cleaned by sanitizeRichText, so only p, br, h1–h6,
 * strong, em, u, s, ul, ol, li, table/thead/tbody/tr/th/td, blockquote and img occur — into a small
 * block tree that the PDF and Word producers both render. Tolerant of unclosed or stray tags; never
 * throws on any input.
 */

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
  /** data: URL (the only images a stored narrative can carry inline). */
  src: string;
  alt: string;
  width?: number;
  height?: number;
}
export type Block = ParagraphBlock | HeadingBlock | ListBlock | TableBlock | QuoteBlock | ImageBlock;

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ensp: ' ',
  emsp: '\u3000',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  middot: '·',
  times: '×',
  copy: '©',
  reg: '®',
  deg: '°',
  yen: '¥',
};

/** Decodes character references; an unknown named one stays as written. */
export function decodeEntities(s: string): string {
  return s.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));/g, (m, dec, hex, name) => {
    if (name !== undefined) return NAMED[name.toLowerCase()] ?? m;
    const code = dec !== undefined ? Number(dec) : parseInt(hex, 16);
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
    return String.fromCodePoint(code);
  });
}

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attrs);
  return m ? decodeEntities(m[1] ?? m[2] ?? m[3] ?? '') : undefined;
}

const posInt = (v: string | undefined, max: number) => {
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : 1;
};

interface Frame {
  tag: string;
  /** Where child blocks go (containers: root, li, td/th, blockquote). */
  blocks?: Block[];
  /** The open paragraph or heading of a container. */
  para?: ParagraphBlock | HeadingBlock | null;
  list?: ListBlock;
  table?: TableBlock;
  row?: TableCell[];
}

const INLINE_STYLE: Record<string, keyof RunStyle> = {
  strong: 'bold',
  b: 'bold',
  em: 'italic',
  i: 'italic',
  u: 'underline',
  s: 'strike',
};

/** Parses sanitized rich text into blocks. */
export function parseHtml(html: string): Block[] {
  const root: Block[] = [];
  const stack: Frame[] = [{ tag: '#root', blocks: root, para: null }];
  const styles: Record<keyof RunStyle, number> = { bold: 0, italic: 0, underline: 0, strike: 0 };

  const container = () => [...stack].reverse().find((f) => f.blocks)!;
  const nearest = (pred: (f: Frame) => boolean) => [...stack].reverse().find(pred);
  const addText = (text: string) => {
    const top = stack.at(-1)!;
    // White space between list items or table cells is not content.
    if (!top.blocks && !top.para && !/[^\s]/.test(text)) return;
    const c = container();
    if (!c.para) {
      if (!/[^\s]/.test(text) && text !== '\n') return;
      c.para = { type: 'paragraph', runs: [] };
      c.blocks!.push(c.para);
    }
    const style: RunStyle = {};
    for (const k of Object.keys(styles) as (keyof RunStyle)[]) if (styles[k] > 0) style[k] = true;
    const last = c.para.runs.at(-1);
    if (last && sameRunStyle(last, style)) last.text += text;
    else c.para.runs.push({ text, ...style });
  };
  const finishPara = (f: Frame) => {
    if (!f.blocks || !f.para) return;
    trimRuns(f.para.runs);
    if (f.para.runs.length === 0 && f.para.type === 'paragraph') f.blocks.splice(f.blocks.indexOf(f.para), 1);
    f.para = null;
  };
  const closePara = () => finishPara(container());
  /** Closes the innermost open element among `tags` and everything opened inside it. */
  const popTo = (tags: string[]) => {
    let idx = -1;
    for (let k = stack.length - 1; k > 0; k--) {
      if (tags.includes(stack[k]!.tag)) {
        idx = k;
        break;
      }
    }
    if (idx < 0) return;
    while (stack.length > idx) finishPara(stack.pop()!);
  };

  const re = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|([^<]+)|</g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html))) {
    const [, slash, rawTag, attrs = '', text] = m;
    if (text !== undefined || m[0] === '<') {
      addText(decodeEntities(text ?? '<').replace(/[\t\n\r\f ]+/g, ' '));
      continue;
    }
    if (!rawTag) continue;
    const tag = rawTag.toLowerCase();
    if (INLINE_STYLE[tag]) {
      styles[INLINE_STYLE[tag]] = Math.max(0, styles[INLINE_STYLE[tag]] + (slash ? -1 : 1));
      continue;
    }
    if (tag === 'br') {
      addText('\n');
      continue;
    }
    if (slash) {
      if (/^h[1-6]$/.test(tag) || tag === 'p') closePara();
      else if (['li', 'td', 'th', 'tr', 'ul', 'ol', 'table', 'blockquote'].includes(tag)) {
        popTo(tag === 'td' || tag === 'th' ? ['td', 'th'] : [tag]);
      }
      continue;
    }
    switch (tag) {
      case 'p':
      case 'h1':
      case 'h2':
      case 'h3':
      case 'h4':
      case 'h5':
      case 'h6': {
        closePara();
        const c = container();
        const block: ParagraphBlock | HeadingBlock =
          tag === 'p' ? { type: 'paragraph', runs: [] } : { type: 'heading', level: Number(tag[1]), runs: [] };
        c.blocks!.push(block);
        c.para = block;
        break;
      }
      case 'ul':
      case 'ol': {
        closePara();
        const list: ListBlock = { type: 'list', ordered: tag === 'ol', items: [] };
        container().blocks!.push(list);
        stack.push({ tag, list });
        break;
      }
      case 'li': {
        if (stack.at(-1)?.tag === 'li') popTo(['li']);
        const listFrame = nearest((f) => !!f.list);
        if (!listFrame) break;
        const item: Block[] = [];
        listFrame.list!.items.push(item);
        stack.push({ tag, blocks: item, para: null });
        break;
      }
      case 'blockquote': {
        closePara();
        const q: QuoteBlock = { type: 'quote', blocks: [] };
        container().blocks!.push(q);
        stack.push({ tag, blocks: q.blocks, para: null });
        break;
      }
      case 'table': {
        closePara();
        const table: TableBlock = { type: 'table', rows: [] };
        container().blocks!.push(table);
        stack.push({ tag, table });
        break;
      }
      case 'tr': {
        if (stack.at(-1)?.tag === 'td' || stack.at(-1)?.tag === 'th') popTo(['td', 'th']);
        if (stack.at(-1)?.tag === 'tr') popTo(['tr']);
        const tableFrame = nearest((f) => !!f.table);
        if (!tableFrame) break;
        const row: TableCell[] = [];
        tableFrame.table!.rows.push(row);
        stack.push({ tag, row });
        break;
      }
      case 'td':
      case 'th': {
        if (stack.at(-1)?.tag === 'td' || stack.at(-1)?.tag === 'th') popTo(['td', 'th']);
        let rowFrame = nearest((f) => !!f.row || !!f.table);
        if (rowFrame?.table) {
          // A cell outside any row: open one.
          const row: TableCell[] = [];
          rowFrame.table.rows.push(row);
          rowFrame = { tag: 'tr', row };
          stack.push(rowFrame);
        }
        if (!rowFrame) break;
        const cell: TableCell = {
          header: tag === 'th',
          colspan: posInt(attr(attrs, 'colspan'), 20),
          rowspan: posInt(attr(attrs, 'rowspan'), 100),
          blocks: [],
        };
        rowFrame.row!.push(cell);
        stack.push({ tag, blocks: cell.blocks, para: null });
        break;
      }
      case 'img': {
        const src = attr(attrs, 'src') ?? '';
        const alt = attr(attrs, 'alt') ?? '';
        const width = Number(attr(attrs, 'width')) || undefined;
        const height = Number(attr(attrs, 'height')) || undefined;
        closePara();
        container().blocks!.push({ type: 'image', src, alt, width, height });
        break;
      }
      default:
        break; // thead, tbody and anything unexpected: structure only
    }
  }
  while (stack.length > 1) popTo([stack.at(-1)!.tag]);
  closePara();
  return root;
}

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
