/**
 * The 申报书 as plain text per section, for 查重: the five sections and each success case (its title,
 * subject and body). Markup is dropped; block ends become line breaks; entities are decoded.
 */
import { NARRATIVE_SECTIONS } from '../application/labels.js';
import type { SectionText } from './fingerprint.js';

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Visible text of a sanitised HTML fragment (the narrative's rich text). */
export function htmlToPlainText(html: string): string {
  return html
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<\/(p|div|li|h[1-6]|tr|blockquote)\s*>|<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(
      /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,8}));/g,
      (m, dec?: string, hex?: string, name?: string) => {
        if (name !== undefined) return NAMED[name.toLowerCase()] ?? m;
        const code = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
        return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : ' ';
      },
    );
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/**
 * The sections of a narrative (as stored: the content's `narrative` object), in outline order; keys
 * are the section names and `successCases.N` (0-based) for each case. Empty sections are left out.
 */
export function narrativeSections(narrative: unknown): SectionText[] {
  if (!narrative || typeof narrative !== 'object') return [];
  const n = narrative as Record<string, unknown>;
  const out: SectionText[] = [];
  for (const key of NARRATIVE_SECTIONS) {
    if (key === 'successCases') {
      const cases = Array.isArray(n.successCases) ? (n.successCases as unknown[]) : [];
      cases.forEach((c, i) => {
        if (!c || typeof c !== 'object') return;
        const { title, subject, body } = c as Record<string, unknown>;
        const text = [str(title), str(subject), htmlToPlainText(str(body))].filter(Boolean).join('\n');
        if (text.trim()) out.push({ key: `successCases.${i}`, text });
      });
    } else {
      const text = htmlToPlainText(str(n[key]));
      if (text.trim()) out.push({ key, text });
    }
  }
  return out;
}
