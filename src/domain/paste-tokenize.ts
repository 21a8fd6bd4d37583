/** A small linear HTML tokenizer for the paste cleaner: text, tags with attributes, Word's conditionals. */

export type Attrs = Record<string, string>;
export type Token =
  | { type: 'text'; text: string }
  | { type: 'open'; name: string; attrs: Attrs }
  | { type: 'close'; name: string }
  | { type: 'ifStart' }
  | { type: 'ifEnd' };

/** Void elements: they never have content or a closing tag. */
export const VOID = new Set(['br', 'img', 'hr', 'meta', 'link', 'input', 'col', 'wbr', 'area', 'base', 'source']);

function parseAttrs(src: string): Attrs {
  const attrs: Attrs = {};
  const re = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    attrs[m[1]!.toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? '';
  }
  return attrs;
}

/** Splits HTML into text, tags and Word's downlevel-revealed conditionals (<![if …]> … <![endif]>). */
export function tokenize(html: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      tokens.push({ type: 'text', text: html.slice(i) });
      break;
    }
    if (lt > i) tokens.push({ type: 'text', text: html.slice(i, lt) });
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    if (html.startsWith('<![', lt)) {
      const end = html.indexOf('>', lt);
      const inner = html.slice(lt + 3, end < 0 ? n : end).toLowerCase();
      if (inner.startsWith('if')) tokens.push({ type: 'ifStart' });
      else if (inner.startsWith('endif')) tokens.push({ type: 'ifEnd' });
      i = end < 0 ? n : end + 1;
      continue;
    }
    const next = html[lt + 1] ?? '';
    if (next === '!' || next === '?') {
      const end = html.indexOf('>', lt);
      i = end < 0 ? n : end + 1;
      continue;
    }
    const closing = next === '/';
    const nameMatch = /^[a-zA-Z][a-zA-Z0-9:-]*/.exec(html.slice(lt + (closing ? 2 : 1), lt + 64));
    if (!nameMatch) {
      tokens.push({ type: 'text', text: '&lt;' });
      i = lt + 1;
      continue;
    }
    // The tag ends at the first '>' outside quotes.
    let j = lt + 1;
    let quote = '';
    while (j < n) {
      const c = html[j]!;
      if (quote) {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '>') break;
      j++;
    }
    const name = nameMatch[0].toLowerCase();
    const body = html.slice(lt + 1 + (closing ? 1 : 0) + nameMatch[0].length, j);
    tokens.push(closing ? { type: 'close', name } : { type: 'open', name, attrs: parseAttrs(body) });
    if (!closing && body.trimEnd().endsWith('/') && !VOID.has(name)) tokens.push({ type: 'close', name });
    i = j + 1;
  }
  return tokens;
}
