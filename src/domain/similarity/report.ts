/**
 * The figures of a 查重 report from the passages found against each source: 总文字复制比 (matched
 * characters of the narrative ÷ all its characters, official wording excluded), the same without the
 * unit's own earlier applications, 单篇最大复制比, and the ratio per section.
 */
import { kgramHashes, K, type CodePoints, type SectionText } from './fingerprint.js';
import { originalSlice, type OriginalOffsets } from './normalize.js';
import type { Passage } from './passages.js';

/**
 * Positions of the document covered by a k-gram whose hash is in the set (official wording,
 * boilerplate fingerprints).
 */
export function coverage(doc: { cps: CodePoints }, hashes: ReadonlySet<number>): Uint8Array {
  const mask = new Uint8Array(doc.cps.length);
  if (hashes.size === 0) return mask;
  const { hashes: all, valid } = kgramHashes(doc.cps);
  for (let i = 0; i < all.length; i++) if (valid[i] && hashes.has(all[i]!)) mask.fill(1, i, i + K);
  return mask;
}

/**
 * What a report needs of a document: its normalised code points and sections, and per section the
 * map back to the original text (a PreparedDocument is one; a cross-check keeps them compactly).
 */
export interface ReportDocument {
  cps: CodePoints;
  sectionStarts: Uint32Array;
  sections: readonly SectionText[];
  norms: readonly OriginalOffsets[];
}

/** The normalised length of section i (each section is followed by a separator). */
function sectionLength(doc: Pick<ReportDocument, 'cps' | 'sectionStarts'>, i: number): number {
  const next = i + 1 < doc.sectionStarts.length ? doc.sectionStarts[i + 1]! : doc.cps.length;
  return next - 1 - doc.sectionStarts[i]!;
}

export interface SourceMatch<S> {
  source: S;
  sourceDoc: ReportDocument;
  sameUnit: boolean;
  passages: Passage[];
}

export interface ReportPassage<S> {
  section: string;
  text: string;
  source: S;
  sourceSection: string;
  sourceText: string;
  /** Query positions, for ordering. */
  qa: number;
}

export interface ReportFigures<S> {
  overall: number;
  overallExcludingSameUnit: number;
  maxSingleSource: number;
  sections: { key: string; ratio: number }[];
  sources: { source: S; sameUnit: boolean; ratio: number; matchedChars: number }[];
  passages: ReportPassage<S>[];
  /** Characters that count (official wording excluded). */
  totalChars: number;
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

/** Builds the figures of one document's report from its matches against every source. */
export function buildReportFigures<S>(
  doc: ReportDocument,
  official: Uint8Array,
  ignored: Uint8Array,
  matches: readonly SourceMatch<S>[],
): ReportFigures<S> {
  const counts = (mask: Uint8Array, from: number, to: number) => {
    let n = 0;
    for (let i = from; i < to; i++) if (mask[i] && !ignored[i] && doc.cps[i] !== 0) n++;
    return n;
  };
  let totalChars = 0;
  for (let i = 0; i < doc.cps.length; i++) if (!official[i] && doc.cps[i] !== 0) totalChars++;
  const ratio = (n: number, d: number) => (d > 0 ? round(Math.min(1, n / d)) : 0);

  const all = new Uint8Array(doc.cps.length);
  const others = new Uint8Array(doc.cps.length);
  const sources: ReportFigures<S>['sources'] = [];
  const passages: ReportPassage<S>[] = [];
  for (const m of matches) {
    if (m.passages.length === 0) continue;
    const mine = new Uint8Array(doc.cps.length);
    for (const p of m.passages) {
      mine.fill(1, p.qa, p.qb);
      all.fill(1, p.qa, p.qb);
      if (!m.sameUnit) others.fill(1, p.qa, p.qb);
      const qs = sectionIndex(doc, p.qa);
      const ss = sectionIndex(m.sourceDoc, p.sa);
      const qStart = doc.sectionStarts[qs]!;
      const sStart = m.sourceDoc.sectionStarts[ss]!;
      passages.push({
        section: doc.sections[qs]!.key,
        text: originalSlice(doc.sections[qs]!.text, doc.norms[qs]!, p.qa - qStart, p.qb - qStart),
        source: m.source,
        sourceSection: m.sourceDoc.sections[ss]!.key,
        sourceText: originalSlice(m.sourceDoc.sections[ss]!.text, m.sourceDoc.norms[ss]!, p.sa - sStart, p.sb - sStart),
        qa: p.qa,
      });
    }
    const matchedChars = counts(mine, 0, mine.length);
    if (matchedChars === 0) continue;
    sources.push({ source: m.source, sameUnit: m.sameUnit, ratio: ratio(matchedChars, totalChars), matchedChars });
  }
  sources.sort((a, b) => b.matchedChars - a.matchedChars);
  // The same text found in several sources comes first under the source matching most.
  const rank = new Map(sources.map((s, i) => [s.source, i]));
  passages.sort((a, b) => a.qa - b.qa || (rank.get(a.source) ?? Infinity) - (rank.get(b.source) ?? Infinity));
  const sections = doc.sections.map((s, i) => {
    const from = doc.sectionStarts[i]!;
    const to = from + sectionLength(doc, i);
    let denominator = 0;
    for (let j = from; j < to; j++) if (!official[j]) denominator++;
    return { key: s.key, ratio: ratio(counts(all, from, to), denominator) };
  });
  return {
    overall: ratio(counts(all, 0, all.length), totalChars),
    overallExcludingSameUnit: ratio(counts(others, 0, others.length), totalChars),
    maxSingleSource: sources.reduce((m, s) => Math.max(m, s.ratio), 0),
    sections,
    sources,
    passages,
    totalChars,
  };
}

function sectionIndex(doc: Pick<ReportDocument, 'sectionStarts'>, pos: number): number {
  let i = doc.sectionStarts.length - 1;
  while (i > 0 && doc.sectionStarts[i]! > pos) i--;
  return i;
}
