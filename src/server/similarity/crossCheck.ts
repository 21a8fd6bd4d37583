import { FingerprintCorpus, prepareDocument, type PreparedDocument } from '../../domain/similarity/index.js';
import type { Db } from '../db/database.js';
import type { SimilarityDocumentRow } from '../repositories/similarity.js';
import { assembleReport, parseSections, reportMasks, type SourcePassages, type StoredReport } from './engine.js';

/** Documents read per query while loading the corpus. */
const PAGE = 500;
/** Prepared sources (with the map back to their text) kept for the passages' text, most recent. */
const CACHE = 256;

/**
 * A full cross-check in memory: every document of the index is read once (in pages), normalised and
 * winnowed into a FingerprintCorpus; then each target is looked up in the corpus and aligned with
 * the sources it shares fingerprints with, and its report handed to `save`. The fingerprint table is
 * not read: it serves single checks; a cross-check recomputes the fingerprints, which is cheaper
 * than reading them back, and so also sees documents whatever their indexing history.
 */
export async function crossCheck(
  db: Db,
  opts: {
    /** Documents to report on (ids of similarity_documents). */
    targets: readonly number[];
    official: ReadonlySet<number>;
    boilerplateMinDocs: number;
    save: (row: SimilarityDocumentRow, report: StoredReport) => Promise<void>;
    progress?: (done: number, total: number) => Promise<void>;
  },
): Promise<void> {
  const corpus = new FingerprintCorpus();
  // The rows (with their text, for the passages' text) and the corpus's code points stay in memory.
  const rows: SimilarityDocumentRow[] = [];
  const numberOf = new Map<number, number>();
  let after = -1;
  for (;;) {
    const page = await db
      .selectFrom('similarity_documents')
      .selectAll()
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    for (const row of page) {
      const d = corpus.add(prepareDocument(parseSections(row.sections)));
      rows.push(row);
      numberOf.set(Number(row.id), d);
    }
    if (page.length < PAGE) break;
    after = Number(page[page.length - 1]!.id);
  }
  corpus.build();

  const cache = new Map<number, PreparedDocument>();
  const prepared = (d: number) => {
    let doc = cache.get(d);
    if (!doc) {
      doc = prepareDocument(parseSections(rows[d]!.sections));
      if (cache.size >= CACHE) cache.delete(cache.keys().next().value!);
      cache.set(d, doc);
    }
    return doc;
  };

  const total = opts.targets.length;
  let done = 0;
  for (const id of opts.targets) {
    const q = numberOf.get(id);
    if (q !== undefined) {
      const m = corpus.matches(q, opts.official, opts.boilerplateMinDocs);
      const queryDoc = prepareDocument(parseSections(rows[q]!.sections));
      const { officialMask, ignored } = reportMasks(queryDoc, opts.official, m.boilerplate);
      const found: { s: number; passages: SourcePassages['passages'] }[] = [];
      for (const [s, seeds] of m.seeds) {
        const passages = corpus.passages(q, s, seeds, ignored);
        if (passages.length > 0) found.push({ s, passages });
      }
      const report = assembleReport(
        queryDoc,
        { unitId: rows[q]!.unit_id, uscc: rows[q]!.uscc },
        officialMask,
        ignored,
        found.map((f) => ({ row: rows[f.s]!, sourceDoc: prepared(f.s), passages: f.passages })),
      );
      await opts.save(rows[q]!, report);
    }
    done++;
    await opts.progress?.(done, total);
  }
}
