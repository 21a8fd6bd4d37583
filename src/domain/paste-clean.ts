/**
 * Cleans HTML pasted into the 申报书 editor (from Word, WPS, a web page or the editor itself) down to
 * the part of the narrative schema (src/domain/narrative/schema.ts) the editor offers: p, h3/h4,
 * strong, em, u, s, ul/ol/li, table/tr/td/th (colspan, rowspan), br, and img only as one of the
 * application's own uploaded images (by file id). Word's clutter (mso-* styles, classes, spans, fonts,
 * colours, <o:p>, conditional comments, XML islands) goes; Word's list paragraphs become real lists,
 * without the bullet character Word writes in front of each item.
 *
 * A small linear tokenizer rather than DOMParser, so that it runs the same in the browser and in
 * Node's unit tests. The server sanitises again with sanitize-html; this only keeps the structure.
 */
import {
  NARRATIVE_TABLE_LIMITS,
  NARRATIVE_TAG_ALIASES,
  narrativeImageFileId,
  narrativeImageSrc,
  stripWordBullet,
} from './narrative/schema.js';
import { tokenize, VOID, type Attrs } from './paste-tokenize.js';

/** Elements dropped together with everything inside them. */
const DROP_WITH_CONTENT = new Set([
  'script',
  'style',
  'head',
  'title',
  'xml',
  'template',
  'noscript',
  'iframe',
  'object',
  'svg',
  'math',
  'select',
  'textarea',
  'button',
  'o:p',
]);
const BLOCKS = new Set(['p', 'h3', 'h4', 'ul', 'ol', 'table']);
/** Output elements removed when nothing visible ended up inside them. */
const DROP_IF_EMPTY = new Set(['p', 'h3', 'h4', 'li', 'strong', 'em', 'u', 's', 'ul', 'ol']);
const INLINE = ['p', 'h3', 'h4', 'strong', 'em', 'u', 's'];

export interface PasteCleanOptions {
  /** The page's origin ('https://host'): the browser pastes this site's images with absolute URLs. */
  origin?: string;
  /** The application being edited: only its own uploaded images are kept (the server checks again). */
  applicationId?: string;
}

/** The image as the narrative stores it (by file id), or null when it is not one of the application's uploads. */
function imageTag(attrs: Attrs, opts: PasteCleanOptions): string | null {
  if (!opts.applicationId) return null;
  const fileId = narrativeImageFileId(attrs, opts.applicationId, opts.origin);
  if (!fileId) return null;
  const src = narrativeImageSrc(opts.applicationId, fileId);
  return `<img data-file-id="${fileId}" src="${escapeAttr(src)}" alt="${escapeAttr(attrs.alt ?? '')}">`;
}

/** An attribute value as read (entities still encoded), safe inside double quotes. */
const escapeAttr = (raw: string) =>
  raw
    .replace(/&(?![a-z][a-z0-9]*;|#\d+;|#x[0-9a-f]+;)/gi, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');

/** Foreign elements → the editor's elements: the schema's aliases, and headings/quotes folded into what the toolbar offers. */
const TAG_MAP: Record<string, string | undefined> = {
  ...NARRATIVE_TAG_ALIASES,
  p: 'p',
  blockquote: 'p',
  h1: 'h3',
  h2: 'h3',
  h3: 'h3',
  h4: 'h4',
  h5: 'h4',
  h6: 'h4',
  strong: 'strong',
  em: 'em',
  u: 'u',
  s: 's',
  ul: 'ul',
  ol: 'ol',
  li: 'li',
  table: 'table',
  tr: 'tr',
  td: 'td',
  th: 'th',
};

const styleOf = (attrs: Attrs) => (attrs.style ?? '').toLowerCase().replace(/\s+/g, '');
const isListParagraph = (name: string, attrs: Attrs) =>
  name === 'p' && (/mso-list:(?!ignore|none)/.test(styleOf(attrs)) || /msolistparagraph/i.test(attrs.class ?? ''));
const ORDERED_MARKER = /^\(?(?:\d+|[a-z]|[ivxlc]+|[一二三四五六七八九十]+)[.)）、．]/i;

/** What a span's inline style means, as tags (Google Docs and web pages style spans instead of <b>). */
function spanTags(attrs: Attrs): string[] {
  const s = styleOf(attrs);
  const tags: string[] = [];
  if (/font-weight:(?:bold|[6-9]00)/.test(s)) tags.push('strong');
  if (/font-style:italic/.test(s)) tags.push('em');
  if (/text-decoration(?:-line)?:[^;]*underline/.test(s)) tags.push('u');
  if (/text-decoration(?:-line)?:[^;]*line-through/.test(s)) tags.push('s');
  return tags;
}

interface OutFrame {
  tag: string;
  start: number;
  content: boolean;
}

const NBSP = /&nbsp;|&#160;|&#xa0;|\u00a0/gi;
const visible = (text: string) => text.replace(NBSP, ' ').trim() !== '';

/** Cleans pasted HTML; see the module comment for what is kept. */
export function cleanPastedHtml(html: string, opts: PasteCleanOptions = {}): string {
  const out: string[] = [];
  const stack: OutFrame[] = [];
  /** For each open input element, the output tags it opened (closed again with it). */
  const inputs: { name: string; opened: string[]; marker?: boolean }[] = [];
  /** The Word list being built: its kind is known once the first item's marker has been read. */
  let list: { ordered: boolean | null; id: string } | null = null;
  let marker: string | null = null;
  let ifDepth = 0;
  /** A list item was opened and has no text yet: Word's bullet character may come first. */
  let freshItem = false;
  let dropName: string | null = null;
  let dropDepth = 0;

  const top = (): OutFrame | undefined => stack[stack.length - 1];
  const has = (tag: string) => stack.some((f) => f.tag === tag);
  const markContent = () => stack.forEach((f) => (f.content = true));
  const closeTop = () => {
    const f = stack.pop()!;
    if (f.tag === 'auto-list') {
      const tag = list?.ordered ? 'ol' : 'ul';
      if (!f.content) out.length = f.start;
      else {
        out[f.start] = `<${tag}>`;
        out.push(`</${tag}>`);
      }
      list = null;
      return;
    }
    if (!f.content && DROP_IF_EMPTY.has(f.tag)) out.length = f.start;
    else out.push(`</${f.tag}>`);
  };
  const closeTo = (tag: string) => {
    const idx = stack.map((f) => f.tag).lastIndexOf(tag);
    if (idx >= 0) while (stack.length > idx) closeTop();
  };
  const open = (tag: string, attrText = '') => {
    stack.push({ tag, start: out.length, content: false });
    out.push(`<${tag}${attrText}>`);
  };
  /** A list marker was read: it decides the list's kind, or prefixes a numbered heading. */
  const endMarker = () => {
    const text = (marker ?? '').replace(NBSP, ' ').replace(/\s+/g, ' ').trim();
    marker = null;
    if (!text) return;
    if (list && has('li')) {
      if (list.ordered === null) list.ordered = ORDERED_MARKER.test(text);
    } else if (has('h3') || has('h4')) {
      out.push(/[、，．]$/.test(text) ? text : `${text} `);
      markContent();
    }
  };

  for (const t of tokenize(html)) {
    if (dropName) {
      if (t.type === 'open' && t.name === dropName) dropDepth++;
      if (t.type === 'close' && t.name === dropName && --dropDepth === 0) dropName = null;
      continue;
    }
    if (t.type === 'ifStart') {
      if (ifDepth++ === 0) marker = '';
      continue;
    }
    if (t.type === 'ifEnd') {
      if (ifDepth > 0 && --ifDepth === 0) endMarker();
      continue;
    }
    if (ifDepth > 0) {
      // Word's list markers and image fallbacks: read the marker, keep nothing.
      if (t.type === 'text') marker = (marker ?? '') + t.text;
      continue;
    }
    if (t.type === 'text') {
      if (inputs.some((x) => x.marker)) {
        marker = (marker ?? '') + t.text;
        continue;
      }
      let text = t.text.replace(/[\t\n\r ]+/g, ' ');
      if (freshItem && has('li')) {
        // Word's bullet glyph (and the spaces after it) in front of an item: the list draws its own marker.
        text = stripWordBullet(text.replace(NBSP, '\u00a0').replace(/^[\s\u00a0]+/, ''));
        if (!visible(text)) continue;
        freshItem = false;
      }
      if (!visible(text) && (!top() || top()!.tag === 'auto-list' || top()!.tag === 'tr')) continue;
      if (list && !has('li')) closeTo('auto-list');
      out.push(text);
      if (visible(text)) markContent();
      continue;
    }
    if (t.type === 'close') {
      const idx = inputs.map((x) => x.name).lastIndexOf(t.name);
      if (idx < 0) continue;
      while (inputs.length > idx) {
        const x = inputs.pop()!;
        if (x.marker) endMarker();
        for (const tag of [...x.opened].reverse()) closeTo(tag);
      }
      continue;
    }
    const { name, attrs } = t;
    if (DROP_WITH_CONTENT.has(name) || /^(?:w|v|m|o|st1):/.test(name)) {
      if (!VOID.has(name)) {
        dropName = name;
        dropDepth = 1;
      }
      continue;
    }
    if (name === 'br') {
      if (top() && top()!.tag !== 'auto-list') out.push('<br>');
      continue;
    }
    if (name === 'img') {
      const img = imageTag(attrs, opts);
      if (!img) continue;
      if (list && !has('li')) closeTo('auto-list');
      if (!top()) open('p');
      out.push(img);
      freshItem = false;
      markContent();
      continue;
    }
    if (VOID.has(name)) continue;
    const entry: { name: string; opened: string[]; marker?: boolean } = { name, opened: [] };
    inputs.push(entry);
    if (name === 'span' && /mso-list:ignore/.test(styleOf(attrs))) {
      entry.marker = true;
      marker = '';
      continue;
    }
    if (name === 'span' || name === 'font' || (name === 'b' && /font-weight:normal/.test(styleOf(attrs)))) {
      if (name !== 'b') {
        for (const tag of spanTags(attrs)) {
          open(tag);
          entry.opened.push(tag);
        }
      }
      continue;
    }
    if (isListParagraph(name, attrs)) {
      const id = /mso-list:(l\d+)/.exec(styleOf(attrs))?.[1] ?? '';
      if (list && list.id !== id) closeTo('auto-list');
      closeTo('li');
      while (!list && top() && INLINE.includes(top()!.tag)) closeTop();
      if (!list) {
        list = { ordered: null, id };
        open('auto-list');
      }
      open('li');
      freshItem = true;
      entry.opened.push('li');
      continue;
    }
    const tag = TAG_MAP[name];
    if (!tag) continue; // unknown elements are unwrapped: their content stays
    if (BLOCKS.has(tag)) {
      if (list) closeTo('auto-list');
      // A block never sits inside a paragraph, a heading or inline formatting.
      while (top() && INLINE.includes(top()!.tag)) closeTop();
    }
    if (tag === 'li' && top() && !['ul', 'ol'].includes(top()!.tag)) closeTo('li');
    if (tag === 'tr' && !has('table')) continue;
    if ((tag === 'td' || tag === 'th') && top()?.tag !== 'tr') continue;
    let attrText = '';
    if (tag === 'td' || tag === 'th') {
      for (const key of ['colspan', 'rowspan']) {
        const v = Number(attrs[key]);
        const max = NARRATIVE_TABLE_LIMITS[key as keyof typeof NARRATIVE_TABLE_LIMITS];
        if (Number.isInteger(v) && v > 1) attrText += ` ${key}="${Math.min(v, max)}"`;
      }
    }
    open(tag, attrText);
    if (tag === 'li') freshItem = true;
    // Table structure is kept even when its cells are empty.
    if (tag === 'td' || tag === 'th') markContent();
    entry.opened.push(tag);
  }
  while (stack.length) closeTop();
  return out.join('').trim();
}

/** Plain text (no HTML on the clipboard) as paragraphs, one per line. */
export function plainTextToHtml(text: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => `<p>${esc(line)}</p>`)
    .join('');
}
