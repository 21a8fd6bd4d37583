import type { FingerprintCorpus, Passage } from '../../domain/similarity/index.js';
import { reportMasks } from './engine.js';

/** A target aligned against the corpus: its masks and the passages found per source (corpus numbers). */
export interface AlignedTarget {
  q: number;
  officialMask: Uint8Array;
  ignored: Uint8Array;
  matched: { s: number; passages: Passage[] }[];
}

/**
 * Targets (corpus numbers) looked up in the corpus and aligned with the sources they share
 * fingerprints with: CPU only, the same in process and in a worker thread (alignWorker.ts).
 */
export function alignTargets(
  corpus: FingerprintCorpus,
  qs: readonly number[],
  official: ReadonlySet<number>,
  boilerplateMinDocs: number,
): AlignedTarget[] {
  return qs.map((q) => {
    const m = corpus.matches(q, official, boilerplateMinDocs);
    const { officialMask, ignored } = reportMasks(corpus.text(q), official, m.boilerplate);
    const matched: AlignedTarget['matched'] = [];
    for (const [s, seeds] of m.seeds) {
      const passages = corpus.passages(q, s, seeds, ignored);
      if (passages.length > 0) matched.push({ s, passages });
    }
    return { q, officialMask, ignored, matched };
  });
}
