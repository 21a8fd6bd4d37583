import { FingerprintCorpus, prepareDocument, type PreparedDocument } from '../../domain/similarity/index.js';
import type { Db } from '../db/database.js';
import {
  assembleReport,
  parseSections,
  reportMasks,
  type SourceFacts,
  type SourcePassages,
  type StoredReport,
} from './engine.js';

/** Documents read per query while loading the corpus (their text is held only for the page). */
const PAGE = 100;
/** Targets reported per chunk: their texts are read in one query, their reports saved together. */
const CHUNK = 50;

/** A document's facts for its report, without its text (which is read again only when shown). */
type SourceRow = SourceFacts;

/** A computed report with the document it is about. */
export interface CrossCheckReport {
  row: SourceRow;
  report: StoredReport;
}

/**
 * A full cross-check: every document of the index is read once (in pages), normalised and winnowed
 * into a FingerprintCorpus, which keeps only code points and fingerprints in typed arrays (the
 * documents' text is not kept: a page's strings are dropped once winnowed). Then the targets are
 * taken in chunks: each target is looked up in the corpus and aligned with the sources it shares
 * fingerprints with (CPU only); the texts of the chunk's targets and of the sources they copy are
 * read in one query (to map passages back to the original wording), and the chunk's reports are
 * handed to `save` together (one transaction for the caller). Reading and saving a chunk overlap
 * with aligning the next one (on PostgreSQL the server works on the other core meanwhile). The fingerprint table is not read: it
 * serves single checks; a cross-check recomputes the fingerprints, which is cheaper than reading them
 * back, and so also sees documents whatever their indexing history.
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
  const numberOf = new Map<number, number>();
  // The next page is asked for before this one is winnowed: PostgreSQL reads (and decompresses) it
  // on the other core meanwhile. (SQLite answers synchronously: no overlap, no harm.)
  let next = readPage(db, -1);
  for (;;) {
    const page = await next;
    if (page.length === PAGE) next = readPage(db, Number(page[page.length - 1]!.id));
    for (const { sections, ...row } of page) {
      const d = corpus.add(prepareDocument(parseSections(sections)));
      rows.push(row);
      numberOf.set(Number(row.id), d);
    }
    if (page.length < PAGE) break;
  }
  corpus.build();

  // The alignment needs only the corpus; the texts are read for the sources with passages alone.
  const align = (from: number) =>
    opts.targets.slice(from, from + CHUNK).flatMap((id) => {
      const q = numberOf.get(id);
      if (q === undefined) return [];
      const m = corpus.matches(q, opts.official, opts.boilerplateMinDocs);
      const { officialMask, ignored } = reportMasks(corpus.text(q), opts.official, m.boilerplate);
      const matched: { s: number; passages: SourcePassages['passages'] }[] = [];
      for (const [s, seeds] of m.seeds) {
        const passages = corpus.passages(q, s, seeds, ignored);
        if (passages.length > 0) matched.push({ s, passages });
      }
      return [{ q, officialMask, ignored, matched }];
    });

  const total = opts.targets.length;
  let found = align(0);
  let saved: Promise<void> = Promise.resolve();
  for (let c = 0; c < total; c += CHUNK) {
    const wanted = new Set<number>();
    for (const f of found) {
      wanted.add(f.q);
      for (const x of f.matched) wanted.add(x.s);
    }
    // A chunk's texts are read and the previous chunk's reports saved while the next chunk is aligned.
    const reading = handled(readPrepared(db, rows, [...wanted]));
    const following = c + CHUNK < total ? align(c + CHUNK) : [];
    const texts = await reading;
    const reports: CrossCheckReport[] = found.map(({ q, officialMask, ignored, matched }) => ({
      row: rows[q]!,
      report: assembleReport(
        texts.get(q)!,
        { unitId: rows[q]!.unit_id, uscc: rows[q]!.uscc },
        officialMask,
        ignored,
        matched.map((x) => ({ row: rows[x.s]!, sourceDoc: texts.get(x.s)!, passages: x.passages })),
      ),
    }));
    await saved;
    const done = Math.min(total, c + CHUNK);
    saved = handled(
      (async () => {
        if (reports.length > 0) await opts.save(reports);
        await opts.progress?.(done, total);
      })(),
    );
    found = following;
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

/** The documents (by corpus number) prepared again from their stored text, read in one query per 500. */
async function readPrepared(
  db: Db,
  rows: readonly SourceRow[],
  numbers: readonly number[],
): Promise<Map<number, PreparedDocument>> {
  const byId = new Map(numbers.map((d) => [Number(rows[d]!.id), d]));
  const out = new Map<number, PreparedDocument>();
  const ids = [...byId.keys()];
  for (let i = 0; i < ids.length; i += PAGE)
    for (const r of await db
      .selectFrom('similarity_documents')
      .select(['id', 'sections'])
      .where('id', 'in', ids.slice(i, i + PAGE))
      .execute())
      out.set(byId.get(Number(r.id))!, prepareDocument(parseSections(r.sections)));
  return out;
}
