import type { FontWeight } from '../fonts.js';

/**
 * A small line-layout engine for pdfkit: styled runs and check boxes are broken into lines the way
 * Chinese text is set (any character may start a line except closing punctuation; Latin words stay
 * whole), measured once, then drawn at exact positions. The official form's cells, the narrative's
 * paragraphs and the letters all go through it, so that page breaks and row heights are computed,
 * not guessed.
 */

export interface TextStyle {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strike?: boolean;
  /** Font size in points; the paragraph's size when omitted. */
  size?: number;
  color?: string;
}

export interface TextRun extends TextStyle {
  text: string;
}

/** A check box of the printed form (□), ticked or not; it stays on the line of the text that follows it. */
export interface BoxRun {
  box: boolean;
}

export type Inline = TextRun | BoxRun;

export const isBox = (i: Inline): i is BoxRun => 'box' in i;

/** The part of PDFKit.PDFDocument the engine uses (keeps it testable and the types narrow). */
export type Doc = PDFKit.PDFDocument;

interface Atom {
  kind: 'text' | 'box' | 'space';
  text: string;
  style: TextStyle;
  width: number;
  checked?: boolean;
}

interface Cluster {
  atoms: Atom[];
  width: number;
  /** Collapsible white space: dropped at the start and end of a line. */
  space: boolean;
  newline: boolean;
  noStart: boolean;
  noEnd: boolean;
}

export interface PlacedAtom extends Atom {
  x: number;
}

export interface Line {
  atoms: PlacedAtom[];
  width: number;
  /** Extra space per character when the line is justified (0 on a paragraph's last line). */
  spacing: number;
}

export interface LayoutOptions {
  width: number;
  size: number;
  /** Indent of the first line, in points (Chinese paragraphs indent two characters). */
  indent?: number;
  justify?: boolean;
  /** Line height as a multiple of the size (default LEADING). */
  leading?: number;
  /**
   * Keep short Chinese words whole (a name in a table cell, a centred title): break between words
   * where one fits. Default: on for text that is not justified; a justified paragraph breaks between
   * any two characters, as Chinese body text is set.
   */
  keepWords?: boolean;
}

export interface Layout {
  lines: Line[];
  lineHeight: number;
  height: number;
  size: number;
}

/** Line height as a multiple of the font size. */
export const LEADING = 1.55;

const NO_START = new Set([...'，。、；：？！）》」』】〕〉”’%‰,.;:!?)]}·…—～']);
const NO_END = new Set([...'（《「『【〔〈“‘([{']);
const WORD_CHAR = /[A-Za-z0-9@._\-:/%+#&=~'’]/;

const widthCache = new Map<string, number>();

/** Width of a string at 1 pt in a weight, cached: a long narrative measures the same characters over and over. */
function unitWidth(doc: Doc, weight: FontWeight, text: string): number {
  const key = `${weight}\u0000${text}`;
  let w = widthCache.get(key);
  if (w === undefined) {
    doc.font(weight).fontSize(1);
    w = doc.widthOfString(text);
    if (widthCache.size > 50_000) widthCache.clear();
    widthCache.set(key, w);
  }
  return w;
}

export const weightOf = (s: TextStyle): FontWeight => (s.bold ? 'bold' : 'regular');

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
/** The longest Chinese word kept whole: a longer one may still break, so that lines stay full. */
const MAX_WORD = 4;
let segmenter: Intl.Segmenter | undefined;
/** Words of this domain that ICU's dictionary parts ("众|创|空间", "封|装"). */
const TERMS = ['众创空间', '众创', '孵化器', '孵化', '封装', '创业', '创投', '研创园'];

/**
 * For each character of `text`, whether a line may break before it as far as words go: false inside
 * a Chinese word of two to MAX_WORD characters (ICU's dictionary segmentation).
 */
function wordBreaks(text: string): boolean[] {
  const breaks = Array<boolean>(text.length).fill(true);
  const keep = (index: number, length: number) => {
    for (let k = 1; k < length; k++) breaks[index + k] = false;
  };
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  for (const { segment, index } of segmenter.segment(text)) {
    if (segment.length < 2 || segment.length > MAX_WORD || ![...segment].every((ch) => CJK.test(ch))) continue;
    keep(index, segment.length);
  }
  for (const term of TERMS)
    for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) keep(at, term.length);
  return breaks;
}

/** Clusters that may not be parted: opening punctuation and what follows, closing punctuation and what precedes. */
function glue(list: Cluster[]): Cluster[] {
  const out: Cluster[] = [];
  const join = (a: Cluster, b: Cluster): Cluster => ({
    atoms: [...a.atoms, ...b.atoms],
    width: a.width + b.width,
    space: false,
    newline: false,
    noStart: a.noStart,
    noEnd: b.noEnd,
  });
  const solid = (c: Cluster | undefined): c is Cluster => !!c && !c.space && !c.newline;
  for (const c of list) {
    const prev = out.at(-1);
    const beforeSpace = out.at(-2);
    if (solid(c) && solid(prev) && (c.noStart || prev.noEnd)) out[out.length - 1] = join(prev, c);
    else if (solid(c) && prev?.space && solid(beforeSpace) && (c.noStart || beforeSpace.noEnd)) {
      // "( word" or "word )": the space between stays inside the unit.
      out.pop();
      out[out.length - 1] = join(join(beforeSpace, { ...prev, space: false }), c);
    } else out.push(c);
  }
  return out;
}

/** Splits runs into clusters: one CJK character, one Latin word, one space, or a box glued to what follows. */
function clusters(doc: Doc, inlines: readonly Inline[], size: number, keepWords: boolean): Cluster[] {
  const out: Cluster[] = [];
  let pendingBox: Atom | null = null;
  const push = (atom: Atom, flags: Partial<Cluster> = {}) => {
    const atoms = pendingBox ? [pendingBox, atom] : [atom];
    const width = atoms.reduce((s, a) => s + a.width, 0);
    pendingBox = null;
    out.push({
      atoms,
      width,
      space: false,
      newline: false,
      noStart: NO_START.has(atom.text[0] ?? ''),
      noEnd: NO_END.has(atom.text.at(-1) ?? ''),
      ...flags,
    });
  };
  for (const inline of inlines) {
    if (isBox(inline)) {
      if (pendingBox) push({ kind: 'space', text: '', style: {}, width: 0 });
      // The box glyph is one em wide; a little air separates it from its label.
      pendingBox = { kind: 'box', text: '□', style: { size }, width: size * 1.15, checked: inline.box };
      continue;
    }
    const style: TextStyle = { ...inline, size: inline.size ?? size };
    const s = style.size!;
    const weight = weightOf(style);
    const text = inline.text.replace(/\r\n?/g, '\n');
    const breaks = keepWords ? wordBreaks(text) : null;
    let i = 0;
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === '\n') {
        if (pendingBox) push({ kind: 'space', text: '', style, width: 0 });
        out.push({ atoms: [], width: 0, space: false, newline: true, noStart: false, noEnd: false });
        i++;
        continue;
      }
      if (/[ \t\u00a0\u3000]/.test(ch)) {
        let j = i;
        while (j < text.length && /[ \t\u00a0\u3000]/.test(text[j]!)) j++;
        const full = text.slice(i, j).includes('\u3000');
        const w = full ? s : unitWidth(doc, weight, ' ') * s;
        if (pendingBox) push({ kind: 'space', text: ' ', style, width: w });
        else
          out.push({
            atoms: [{ kind: 'space', text: ' ', style, width: w }],
            width: w,
            space: true,
            newline: false,
            noStart: false,
            noEnd: false,
          });
        i = j;
        continue;
      }
      let j = i + 1;
      if (WORD_CHAR.test(ch)) while (j < text.length && WORD_CHAR.test(text[j]!)) j++;
      else if (ch.charCodeAt(0) >= 0xd800 && ch.charCodeAt(0) < 0xdc00) j = i + 2; // surrogate pair
      const unit = text.slice(i, j);
      const width = unitWidth(doc, weight, unit) * s;
      const prev = out.at(-1);
      if (breaks && !breaks[i] && prev && !prev.space && !prev.newline && !pendingBox) {
        // Inside a short word: the character joins the cluster of the one before it.
        prev.atoms.push({ kind: 'text', text: unit, style, width });
        prev.width += width;
      } else push({ kind: 'text', text: unit, style, width });
      i = j;
    }
  }
  if (pendingBox) push({ kind: 'space', text: '', style: {}, width: 0 });
  return out;
}

/** Breaks a word wider than the line into pieces that fit (a long URL or e-mail address). */
function splitWide(doc: Doc, c: Cluster, width: number): Cluster[] {
  const atom = c.atoms.at(-1)!;
  if (c.width > width && c.atoms.length > 1 && c.atoms.every((a) => a.kind === 'text'))
    // A word kept whole that does not fit even on a line of its own breaks between its characters.
    return c.atoms.map((a) => ({
      atoms: [a],
      width: a.width,
      space: false,
      newline: false,
      noStart: NO_START.has(a.text[0] ?? ''),
      noEnd: NO_END.has(a.text.at(-1) ?? ''),
    }));
  if (c.width <= width || atom.kind !== 'text' || atom.text.length < 2) return [c];
  const s = atom.style.size!;
  const weight = weightOf(atom.style);
  const parts: Cluster[] = [];
  let cur = '';
  const lead = c.atoms.length > 1 ? c.width - atom.width : 0;
  // An e-mail address whose name and domain each fit breaks before its "@" and nowhere else.
  const at = atom.text.indexOf('@');
  if (at > 0) {
    const [name, domain] = [atom.text.slice(0, at), atom.text.slice(at)];
    if (unitWidth(doc, weight, name) * s <= width - lead && unitWidth(doc, weight, domain) * s <= width) {
      const parts = [piece(name), piece(domain)];
      if (c.atoms.length > 1) {
        parts[0]!.atoms.unshift(...c.atoms.slice(0, -1));
        parts[0]!.width += lead;
      }
      return parts;
    }
  }
  for (const ch of atom.text) {
    const next = cur + ch;
    const avail = parts.length === 0 ? width - lead : width;
    if (cur && unitWidth(doc, weight, next) * s > avail) {
      // Prefer to break after a separator (an address splits after "@", "." or "-").
      const k = Math.max(cur.lastIndexOf('@'), cur.lastIndexOf('.'), cur.lastIndexOf('-'), cur.lastIndexOf('/'));
      const cut = k > 0 && k < cur.length - 1 ? k + 1 : cur.length;
      parts.push(piece(cur.slice(0, cut)));
      cur = cur.slice(cut) + ch;
    } else cur = next;
  }
  parts.push(piece(cur));
  if (c.atoms.length > 1) {
    const first = parts[0]!;
    first.atoms.unshift(...c.atoms.slice(0, -1));
    first.width += lead;
  }
  return parts;

  function piece(text: string): Cluster {
    const w = unitWidth(doc, weight, text) * s;
    return {
      atoms: [{ ...atom, text, width: w }],
      width: w,
      space: false,
      newline: false,
      noStart: NO_START.has(text[0] ?? ''),
      noEnd: false,
    };
  }
}

/** Lays inline content out in lines of the given width. */
export function layoutText(doc: Doc, inlines: readonly Inline[], opts: LayoutOptions): Layout {
  const { width, size } = opts;
  const lineHeight = size * (opts.leading ?? LEADING);
  const keepWords = opts.keepWords ?? !opts.justify;
  // Words wider than the line are split first; then punctuation is glued to its neighbour, so that
  // no line starts with closing or ends with opening punctuation (it may overhang a narrow line instead).
  const all = glue(clusters(doc, inlines, size, keepWords).flatMap((c) => splitWide(doc, c, width)));
  const lines: Line[] = [];
  let cur: Cluster[] = [];
  let curWidth = opts.indent ?? 0;
  let lineStart = opts.indent ?? 0;

  const finish = (wrapped: boolean) => {
    while (cur.length && cur.at(-1)!.space) curWidth -= cur.pop()!.width;
    let x = lineStart;
    const atoms: PlacedAtom[] = [];
    for (const c of cur)
      for (const a of c.atoms) {
        atoms.push({ ...a, x });
        x += a.width;
      }
    const chars = atoms.reduce((n, a) => n + (a.kind === 'space' ? 1 : [...a.text].length), 0);
    const slack = width - curWidth;
    const spacing = opts.justify && wrapped && chars > 1 && slack > 0 && slack < size * 4 ? slack / (chars - 1) : 0;
    if (spacing) {
      // Spread the slack over every character, as a justified Chinese paragraph does.
      let shift = 0;
      for (const a of atoms) {
        a.x += shift;
        shift += (a.kind === 'space' ? 1 : [...a.text].length) * spacing;
      }
    }
    lines.push({ atoms, width: curWidth, spacing });
    cur = [];
    curWidth = 0;
    lineStart = 0;
  };

  for (const c of all) {
    if (c.newline) {
      finish(false);
      continue;
    }
    if (c.space && cur.length === 0) continue;
    if (curWidth + c.width > width + 0.01 && cur.length > 0 && !c.space) {
      const carry: Cluster[] = [];
      // Closing punctuation never starts a line: the character before it moves down with it.
      if (c.noStart && cur.length > 1) carry.unshift(cur.pop()!);
      // Opening punctuation never ends a line.
      while (cur.length > 1 && cur.at(-1)!.noEnd) carry.unshift(cur.pop()!);
      curWidth = cur.reduce((s, x) => s + x.width, lineStart);
      finish(true);
      for (const k of carry) {
        cur.push(k);
        curWidth += k.width;
      }
    }
    cur.push(c);
    curWidth += c.width;
  }
  if (cur.length || lines.length === 0) finish(false);
  return { lines, lineHeight, height: lines.length * lineHeight, size };
}
