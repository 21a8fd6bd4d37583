/**
 * An earlier year's 申报书 imported from a file (`npm run similarity:import`), split into the sections
 * of the outline of attachment 3 (申报书编写提纲) where its headings are recognisable, so that a
 * report names the section a copied passage came from. Keys are the narrative's (`hostOverview` …,
 * `successCases` for all the cases together); text before the first heading is `preamble`, a
 * document without any recognisable heading is one section `fullText`.
 */
import { NARRATIVE_SECTIONS, type NarrativeSection } from '../application/labels.js';
import type { SectionText } from './fingerprint.js';

export const IMPORTED_SECTION_KEYS = ['preamble', 'fullText'] as const;
export type ImportedSectionKey = (typeof IMPORTED_SECTION_KEYS)[number];

/** Labels of the sections only imported documents have (the others are the narrative's). */
export const importedSectionLabels: Record<ImportedSectionKey, string> = {
  preamble: '封面及前言',
  fullText: '全文',
};

/** The batch name shown for an imported source. */
export const IMPORTED_BATCH_NAME = '往年申报（导入）';

/** The words of each heading, as written in the outline and its usual variants. */
const HEADINGS: Record<NarrativeSection, RegExp> = {
  hostOverview: /^(?:建设|运营)主体(?:的)?基本情况/,
  currentStatus: /^(?:专业化)?众创空间(?:的)?(?:发展)?现状/,
  overallResults: /^总体成效/,
  successCases: /^(?:\d+\s*[-~～—至到]\s*\d+\s*个|[三四五]至[三四五]个)?(?:典型)?成功案例/,
  goalsAndTasks: /^发展目标(?:和|与|及)重点任务/,
  organizationAndSupport: /^组织(?:与|和|及)保障/,
};

/** Numbering before a heading: 一、 / 1. / 1、 / （一） / (1) / 第一部分 / 二、2. (nested). */
const NUMBERING =
  /^(?:(?:[一二三四五六七八九十]+\s*[、.．]|\d+\s*[、.．](?!\d)|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|第[一二三四五六七八九十\d]+(?:部分|章|节)\s*[：:、]?)\s*)+/;

/** A line longer than this is body text, not a heading. */
const MAX_HEADING = 30;
/** Characters a heading may have beyond its words (e.g. 「（续）」); more, and it is a sentence. */
const HEADING_SLACK = 4;
/** The outline's group headings, which hold no text of their own: skipped. */
const GROUP_HEADING = /^(?:专业化众创空间介绍|取得成效)$/;

/** The narrative section a line heads ('group' for a group heading), if it is a heading of the outline. */
export function headingOf(line: string): NarrativeSection | 'group' | null {
  const trimmed = line.replace(/\s+/g, ' ').trim();
  if (!trimmed || trimmed.length > MAX_HEADING) return null;
  const words = trimmed
    .replace(NUMBERING, '')
    .replace(/[：:。.\s]+$/, '')
    .trim();
  if (GROUP_HEADING.test(words)) return 'group';
  for (const key of NARRATIVE_SECTIONS) {
    const m = HEADINGS[key].exec(words);
    if (m && words.length - m[0].length <= HEADING_SLACK) return key;
  }
  return null;
}

/**
 * Splits a document's plain text into the outline's sections (see the module comment). A heading met
 * twice (a table of contents, then the body) adds to the same section; sections come in outline
 * order, empty ones left out.
 */
export function splitImportedText(text: string): SectionText[] {
  const parts = new Map<string, string[]>();
  let current = 'preamble';
  let found = false;
  for (const line of text.split(/\r\n|\r|\n/)) {
    const heading = headingOf(line);
    if (heading === 'group') continue;
    if (heading) {
      current = heading;
      found = true;
      continue;
    }
    const list = parts.get(current) ?? [];
    list.push(line);
    parts.set(current, list);
  }
  const body = (key: string) => (parts.get(key) ?? []).join('\n').trim();
  if (!found) {
    const all = text.trim();
    return all ? [{ key: 'fullText', text: all }] : [];
  }
  return ['preamble', ...NARRATIVE_SECTIONS].map((key) => ({ key, text: body(key) })).filter((s) => s.text.length > 0);
}
