import {
  buildReportFigures,
  coverage,
  passagesFromSeeds,
  prepareDocument,
  seedsAgainst,
  winnow,
  type CodePoints,
  type IndexedDocument,
  type Passage,
  type ReportDocument,
  type SectionText,
  type SourceMatch,
} from '../../domain/similarity/index.js';
import type { SimilarityDocumentRow } from '../repositories/similarity.js';

/** What a stored report says about one source; the viewer's jurisdiction is applied when it is read. */
export interface StoredSource {
  docId: number;
  applicationId: string | null;
  number: string | null;
  spaceName: string;
  unitName: string;
  unitId: string | null;
  cityName: string;
  cityId: string | null;
  provinceId: string | null;
  batchName: string | null;
  year: number | null;
  sameUnit: boolean;
  ratio: number;
  matchedChars: number;
}

export interface StoredReport {
  overall: number;
  overallExcludingSameUnit: number;
  maxSingleSource: number;
  totalChars: number;
  sections: { key: string; ratio: number }[];
  sources: StoredSource[];
  passages: {
    section: string;
    text: string;
    source: { docId: number; applicationId: string | null; section: string; text: string };
  }[];
}

/** Passages shown per report at most (the figures count them all). */
const MAX_PASSAGES = 500;

export const parseSections = (json: string): SectionText[] => {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v)
      ? v.filter(
          (s): s is SectionText =>
            !!s && typeof s === 'object' && typeof s.key === 'string' && typeof s.text === 'string',
        )
      : [];
  } catch {
    return [];
  }
};

/**
 * The query's masks: `officialMask` covers the official wording (excluded from numerator and
 * denominator), `ignored` also the boilerplate (counted as not copied); `excluded` are the hashes
 * that seed nothing.
 */
export function reportMasks(doc: { cps: CodePoints }, official: ReadonlySet<number>, boilerplate: ReadonlySet<number>) {
  const officialMask = coverage(doc, official);
  const ignored = boilerplate.size > 0 ? coverage(doc, boilerplate) : new Uint8Array(doc.cps.length);
  for (let i = 0; i < ignored.length; i++) if (officialMask[i]) ignored[i] = 1;
  return { officialMask, ignored };
}

/**
 * One document's report against the candidate sources: `official` are the official wording's k-gram
 * hashes (excluded from numerator and denominator), `boilerplate` the fingerprints found in too many
 * documents (they seed nothing and count as not copied).
 */
export function computeReport(opts: {
  query: IndexedDocument;
  queryUnit: QueryUnit;
  candidates: readonly SimilarityDocumentRow[];
  official: ReadonlySet<number>;
  boilerplate: ReadonlySet<number>;
}): StoredReport {
  const { query } = opts;
  const { officialMask, ignored } = reportMasks(query.doc, opts.official, opts.boilerplate);
  const excluded = new Set([...opts.official, ...opts.boilerplate]);
  const matches: SourcePassages[] = [];
  for (const row of opts.candidates) {
    // The source is winnowed, not indexed: its fingerprints are looked up in the query's map.
    const sourceDoc = prepareDocument(parseSections(row.sections));
    const seeds = seedsAgainst(query, winnow(sourceDoc.cps), excluded);
    const passages = seeds.length > 0 ? passagesFromSeeds(query.doc, sourceDoc, seeds, ignored) : [];
    if (passages.length > 0) matches.push({ row, sourceDoc, passages });
  }
  return assembleReport(query.doc, opts.queryUnit, officialMask, ignored, matches);
}

export interface QueryUnit {
  unitId: string | null;
  uscc: string | null;
}

/** What a report shows about a source: its document's facts (its text is not needed). */
export type SourceFacts = Omit<SimilarityDocumentRow, 'sections'>;

export interface SourcePassages {
  row: SourceFacts;
  sourceDoc: ReportDocument;
  passages: Passage[];
}

/** The stored report from the passages found against each source. */
export function assembleReport(
  doc: ReportDocument,
  queryUnit: QueryUnit,
  officialMask: Uint8Array,
  ignored: Uint8Array,
  found: readonly SourcePassages[],
): StoredReport {
  const matches: SourceMatch<SourceFacts>[] = found.map((m) => ({
    source: m.row,
    sourceDoc: m.sourceDoc,
    passages: m.passages,
    sameUnit:
      (!!queryUnit.unitId && m.row.unit_id === queryUnit.unitId) || (!!queryUnit.uscc && m.row.uscc === queryUnit.uscc),
  }));
  const f = buildReportFigures(doc, officialMask, ignored, matches);
  const sourceOf = (row: SourceFacts) => ({ docId: Number(row.id), applicationId: row.application_id });
  return {
    overall: f.overall,
    overallExcludingSameUnit: f.overallExcludingSameUnit,
    maxSingleSource: f.maxSingleSource,
    totalChars: f.totalChars,
    sections: f.sections,
    sources: f.sources.map((s) => ({
      ...sourceOf(s.source),
      number: s.source.number,
      spaceName: s.source.space_name,
      unitName: s.source.unit_name,
      unitId: s.source.unit_id,
      cityName: s.source.city_name,
      cityId: s.source.city_id,
      provinceId: s.source.province_id,
      batchName: s.source.batch_name || null,
      year: s.source.year || null,
      sameUnit: s.sameUnit,
      ratio: s.ratio,
      matchedChars: s.matchedChars,
    })),
    passages: f.passages.slice(0, MAX_PASSAGES).map((p) => ({
      section: p.section,
      text: p.text,
      source: { ...sourceOf(p.source), section: p.sourceSection, text: p.sourceText },
    })),
  };
}
