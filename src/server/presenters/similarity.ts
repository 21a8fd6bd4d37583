import type { SimilarityReport, SimilaritySource } from '../../domain/schemas/similarity.js';
import type { StoredReport, StoredSource } from '../similarity/engine.js';

/** A report not computed yet for the current snapshot. */
export const pendingReport = (): SimilarityReport => ({
  status: 'pending',
  computedAt: null,
  overall: null,
  overallExcludingSameUnit: null,
  maxSingleSource: null,
  sections: [],
  sources: [],
  passages: [],
});

/** The report of a check that failed on every try. */
export const failedReport = (error: string): SimilarityReport => ({ ...pendingReport(), status: 'failed', error });

/** A source as the viewer may see it: outside their jurisdiction, its number, name and city only. */
export function presentSource(s: StoredSource, canOpen: boolean): SimilaritySource {
  const full = canOpen || s.applicationId === null;
  return {
    applicationId: s.applicationId,
    number: s.number,
    spaceName: s.spaceName,
    unitName: full ? s.unitName : null,
    cityName: s.cityName,
    batchName: full ? s.batchName : null,
    year: full ? s.year : null,
    sameUnit: s.sameUnit,
    ratio: s.ratio,
    matchedChars: s.matchedChars,
    canOpen,
  };
}

export function presentSimilarityReport(
  stored: StoredReport,
  computedAt: string | null,
  canOpen: (s: StoredSource) => boolean,
): SimilarityReport {
  const indexOf = new Map(stored.sources.map((s, i) => [s.docId, i]));
  return {
    status: 'ready',
    computedAt,
    overall: stored.overall,
    overallExcludingSameUnit: stored.overallExcludingSameUnit,
    maxSingleSource: stored.maxSingleSource,
    sections: stored.sections,
    sources: stored.sources.map((s) => presentSource(s, canOpen(s))),
    // Every passage's source is listed (it matched characters); `flatMap` keeps the type honest.
    passages: stored.passages.flatMap((p) => {
      const index = indexOf.get(p.source.docId);
      if (index === undefined) return [];
      const { applicationId, section, text } = p.source;
      return [{ section: p.section, text: p.text, source: { applicationId, section, text, index } }];
    }),
  };
}
