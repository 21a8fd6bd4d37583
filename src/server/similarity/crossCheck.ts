import {
  CompactOffsets,
  FingerprintCorpus,
  prepareDocument,
  type ReportDocument,
} from '../../domain/similarity/index.js';
import type { Db } from '../db/database.js';
import {
  assembleReport,
  parseSections,
  reportMasks,
  type SourceFacts,
  type SourcePassages,
  type StoredReport,
} from './engine.js';

/** Documents read per query while loading the corpus. */
const PAGE = 100;
/** Targets reported per chunk: their reports are saved together. */
const CHUNK = 50;

/** A document's facts for its report, without its text. */
type SourceRow = SourceFacts;

/** A computed report with the document it is about. */
export interface CrossCheckReport {
  row: SourceRow;
  report: StoredReport;
}

/**
 * A full cross-check: every document of the index is read once (in pages), normalised and winnowed
 * into a FingerprintCorpus, which keeps only code points and shared fingerprints in typed arrays;
 * besides, each document's section texts are kept with a compact map from normalised positions back
 * to them (CompactOffsets), so that passages are shown in the original wording without reading or
 * normalising any text again. Then the targets are taken in chunks: each target is looked up in the
 * corpus and aligned with the sources it shares fingerprints with, its report assembled, and the
 * chunk's reports are handed to `save` together (one transaction for the caller); saving a chunk
 * overlaps with aligning the next one (on PostgreSQL the server works on the other core meanwhile).
 * The fingerprint table is not read: it serves single checks; a cross-check recomputes the
 * fingerprints, which is cheaper than reading them back, and so also sees documents whatever their
 * indexing history.
 */
export async function crossCheck(
  db: Db,
  opts: {
    /** Documents to report on (ids of similarity_documents). */
    targets: readonly number[];
    official: ReadonlySet<number>;
    boilerplateMinDocs: number;
    save: (reports: CrossCheckReport[]) => Promise<void>;
    progress?: (done: number, total: number) => Promise<void>;
  },
): Promise<void> {
  const corpus = new FingerprintCorpus();
  const rows: SourceRow[] = [];
  /** Per corpus number: the section texts and their maps back from normalised positions. */
  const originals: Pick<ReportDocument, 'sections' | 'norms'>[] = [];
  const numberOf = new Map<number, number>();
  // The next page is asked for before this one is winnowed: PostgreSQL reads (and decompresses) it
  // on the other core meanwhile. (SQLite answers synchronously: no overlap, no harm.)
  let next = readPage(db, -1);
  for (;;) {
    const page = await next;
    if (page.length === PAGE) next = readPage(db, Number(page[page.length - 1]!.id));
    for (const { sections, ...row } of page) {
      const prepared = prepareDocument(parseSections(sections));
      const d = corpus.add(prepared);
      rows.push(row);
      originals.push({ sections: prepared.sections, norms: prepared.norms.map((n) => CompactOffsets.of(n)) });
      numberOf.set(Number(row.id), d);
    }
    if (page.length < PAGE) break;
  }
  corpus.build();
  const documentOf = (d: number): ReportDocument => ({ ...corpus.text(d), ...originals[d]! });

  // A chunk's reports, from the corpus alone.
  const chunk = (from: number): CrossCheckReport[] =>
    opts.targets.slice(from, from + CHUNK).flatMap((id) => {
      const q = numberOf.get(id);
      if (q === undefined) return [];
      const m = corpus.matches(q, opts.official, opts.boilerplateMinDocs);
      const { officialMask, ignored } = reportMasks(corpus.text(q), opts.official, m.boilerplate);
      const matched: SourcePassages[] = [];
      for (const [s, seeds] of m.seeds) {
        const passages = corpus.passages(q, s, seeds, ignored);
        if (passages.length > 0) matched.push({ row: rows[s]!, sourceDoc: documentOf(s), passages });
      }
      const row = rows[q]!;
      const unit = { unitId: row.unit_id, uscc: row.uscc };
      return [{ row, report: assembleReport(documentOf(q), unit, officialMask, ignored, matched) }];
    });

  const total = opts.targets.length;
  let saved: Promise<void> = Promise.resolve();
  for (let c = 0; c < total; c += CHUNK) {
    // The previous chunk's reports are saved while this one is aligned.
    const reports = chunk(c);
    await saved;
    const done = Math.min(total, c + CHUNK);
    saved = handled(
      (async () => {
        if (reports.length > 0) await opts.save(reports);
        await opts.progress?.(done, total);
      })(),
    );
  }
  await saved;
}

/**
 * The promise, marked as handled: it is awaited later (after a chunk is aligned), and a rejection
 * meanwhile must not count as unhandled; awaiting it still throws.
 */
function handled<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

/** A page of documents, those after `after` in id order. */
const readPage = (db: Db, after: number) =>
  db.selectFrom('similarity_documents').selectAll().where('id', '>', after).orderBy('id').limit(PAGE).execute();
