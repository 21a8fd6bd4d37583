/**
 * Visible-text measures of the narrative's rich text. The server sanitises the HTML with a library;
 * this only needs to read it, so it is a small linear scanner (no regex backtracking on hostile input).
 */

import { NARRATIVE_HIDDEN_TAGS } from '../narrative/schema.js';

/** Elements whose content is never shown as text (the narrative schema's hidden elements). */
const HIDDEN_ELEMENTS: readonly string[] = NARRATIVE_HIDDEN_TAGS;

/** Named entities that render as white space; every other entity is one visible character. */
const BLANK_ENTITIES = new Set(['nbsp', 'ensp', 'emsp', 'thinsp', 'tab', 'newline', 'zwsp', 'zwnj', 'zwj', 'shy']);

/** White space and zero-width characters, which are not counted. */
const INVISIBLE = /[\s\u200b-\u200d\u2060\u00ad\ufeff]/u;

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));/g;

/** Removes tags, comments and hidden elements, keeping the text between them (entities still encoded). */
function stripTags(html: string): string {
  let out = '';
  let i = 0;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      out += html.slice(i);
      break;
    }
    out += html.slice(i, lt);
    const next = html[lt + 1] ?? '';
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    if (!/[a-zA-Z/!?]/.test(next)) {
      // A lone '<' is text, as in an HTML parser.
      out += '<';
      i = lt + 1;
      continue;
    }
    // Scan to the tag's end, skipping quoted attribute values (which may contain '>').
    let j = lt + 1;
    let quote = '';
    let afterEquals = false;
    while (j < n) {
      const c = html[j]!;
      if (quote) {
        if (c === quote) quote = '';
      } else if (c === '>') break;
      else if (afterEquals && (c === '"' || c === "'")) quote = c;
      if (!/\s/.test(c)) afterEquals = c === '=';
      j++;
    }
    const tagName = /^<([a-zA-Z][a-zA-Z0-9-]*)/.exec(html.slice(lt, Math.min(j, lt + 40)))?.[1]?.toLowerCase();
    i = j + 1;
    if (tagName && HIDDEN_ELEMENTS.includes(tagName)) {
      const closing = new RegExp(`</${tagName}`, 'gi');
      closing.lastIndex = i;
      const close = closing.exec(html)?.index;
      if (close === undefined) break;
      const closeEnd = html.indexOf('>', close);
      i = closeEnd < 0 ? n : closeEnd + 1;
    }
  }
  return out;
}

function decodeEntity(match: string, dec?: string, hex?: string, name?: string): string {
  if (name !== undefined) return BLANK_ENTITIES.has(name.toLowerCase()) ? ' ' : 'x';
  const code = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
  if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return 'x';
  return String.fromCodePoint(code) || match;
}

/**
 * Counts the characters a reader sees in an HTML fragment: tags, comments and white space
 * (including &nbsp; and zero-width characters) are not counted; an entity counts as one character;
 * a character outside the BMP (e.g. 𠮷) counts as one. Used for "is this section filled in" and for
 * the per-section character count shown in the form.
 */
export function htmlTextLength(html: string): number {
  const text = stripTags(html).replace(ENTITY, decodeEntity);
  let count = 0;
  for (const ch of text) if (!INVISIBLE.test(ch)) count++;
  return count;
}
