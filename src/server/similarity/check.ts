import { SIMILARITY_DEFAULTS } from '../../domain/schemas/similarity.js';
import {
  documentFingerprints,
  indexDocument,
  narrativeSections,
  prepareDocument,
  type IndexedDocument,
} from '../../domain/similarity/index.js';
import type { Db, Executor } from '../db/database.js';
import {
  fingerprintHits,
  findApplicationForIndex,
  findReport,
  findSettings,
  loadDocuments,
  markSourcesForRefresh,
  replaceDocument,
  saveReport,
} from '../repositories/similarity.js';
import { computeReport, type StoredReport } from './engine.js';
import { officialHashesFor } from './official.js';

/** Candidate sources compared in full at most per check, those sharing the most fingerprints first. */
const MAX_CANDIDATES = 300;

/** The batch's thresholds, or the defaults. */
export async function settingsFor(db: Db, batchId: string) {
  const row = await findSettings(db, batchId);
  return {
    pairThreshold: row?.pair_threshold ?? SIMILARITY_DEFAULTS.pairThreshold,
    boilerplateMinDocs: row?.boilerplate_min_docs ?? SIMILARITY_DEFAULTS.boilerplateMinDocs,
  };
}

type IndexedApplication = NonNullable<Awaited<ReturnType<typeof indexApplication>>>;

/**
 * (Re)indexes an application's current snapshot as a source: its sections as plain text and its
 * fingerprints replace the previous ones. Null for an application that was never submitted.
 */
export async function indexApplication(db: Db, applicationId: string, now: Date) {
  const prepared = await prepareApplication(db, applicationId);
  if (!prepared) return null;
  const { app, sections, query } = prepared;
  const docId = await db.transaction().execute((trx) =>
    replaceDocument(
      trx,
      {
        kind: 'application',
        application_id: app.id,
        snapshot_id: app.current_snapshot_id,
        unit_id: app.unit_id,
        uscc: app.uscc,
        unit_name: app.unit_name,
        space_name: app.space_name ?? '',
        number: app.number,
        city_id: app.city_id,
        city_name: app.city_short_name ?? app.city_name,
        province_id: app.province_id,
        batch_id: app.batch_id,
        batch_name: app.batch_name,
        year: Number(app.batch_year),
        sections: JSON.stringify(sections),
        char_count: query.doc.length,
        source_file: null,
        indexed_at: now.toISOString(),
      },
      documentFingerprints(query.doc),
    ),
  );
  return { app, query, docId };
}

/** An application's current snapshot prepared for comparison (null if never submitted). */
export async function prepareApplication(db: Db, applicationId: string) {
  const app = await findApplicationForIndex(db, applicationId);
  if (!app?.current_snapshot_id) return null;
  const sections = narrativeSections(app.snapshot_content.narrative);
  const query = indexDocument(prepareDocument(sections));
  return { app: { ...app, current_snapshot_id: app.current_snapshot_id }, sections, query };
}

/**
 * One document's report against the index: its fingerprints are looked up in one query (those held
 * by `boilerplateMinDocs` or more other documents are boilerplate), the documents sharing the most of
 * the others are loaded and compared.
 */
export async function checkDocument(
  db: Db,
  opts: {
    docId: number;
    query: IndexedDocument;
    queryUnit: { unitId: string | null; uscc: string | null };
    official: ReadonlySet<number>;
    boilerplateMinDocs: number;
  },
): Promise<StoredReport> {
  const { query, official } = opts;
  const hashes = [...query.positions.keys()].filter((h) => !official.has(h));
  const hits = await fingerprintHits(db, hashes, opts.docId, opts.boilerplateMinDocs);
  const boilerplate = new Set<number>(hits.boilerplate);
  const shared = new Map<number, number>();
  for (const d of hits.docs) shared.set(d, (shared.get(d) ?? 0) + 1);
  const ids = [...shared.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_CANDIDATES)
    .map(([id]) => id);
  const rows = await loadDocuments(db, ids);
  return computeReport({
    query,
    queryUnit: opts.queryUnit,
    candidates: rows,
    official,
    boilerplate,
  });
}

/** Computes and stores the report of an indexed application. */
export async function reportApplication(db: Db, indexed: IndexedApplication, now: Date): Promise<StoredReport> {
  const { app, query, docId } = indexed;
  const at = now.toISOString();
  const settings = await settingsFor(db, app.batch_id);
  const report = await checkDocument(db, {
    docId,
    query,
    queryUnit: { unitId: app.unit_id, uscc: app.uscc },
    official: officialHashesFor(app.notice_text),
    boilerplateMinDocs: settings.boilerplateMinDocs,
  });
  await storeReady(db, app.id, app.current_snapshot_id, report, at);
  return report;
}

/** Stores a computed report as the application's ready report. */
export async function storeReady(
  db: Executor,
  applicationId: string,
  snapshotId: string,
  report: StoredReport,
  at: string,
): Promise<void> {
  await saveReport(db, {
    application_id: applicationId,
    snapshot_id: snapshotId,
    status: 'ready',
    computed_at: at,
    overall: report.overall,
    overall_excluding_same_unit: report.overallExcludingSameUnit,
    max_single_source: report.maxSingleSource,
    report: JSON.stringify(report),
    error: null,
    updated_at: at,
  });
}

/** Stores computed reports as ready, in one transaction (a chunk of a cross-check). */
export async function storeReadyMany(
  db: Db,
  reports: readonly { applicationId: string; snapshotId: string; report: StoredReport }[],
  at: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const r of reports) await storeReady(trx, r.applicationId, r.snapshotId, r.report, at);
  });
}

/** The applications a report lists as sources (imported files have none). */
const sourceApplications = (report: Pick<StoredReport, 'sources'>) =>
  report.sources.flatMap((s) => (s.applicationId ? [s.applicationId] : []));

/** The applications a stored report (JSON) lists as sources; none when absent or unreadable. */
function storedSourceApplications(json: string | null | undefined): string[] {
  if (!json) return [];
  try {
    const v = JSON.parse(json) as Partial<StoredReport>;
    return Array.isArray(v.sources) ? sourceApplications({ sources: v.sources }) : [];
  } catch {
    return [];
  }
}

/**
 * Checks an application's current snapshot (after a submission): indexes it, then reports on it.
 * With `refreshSources` (a submission's check, not a re-check), the applications it shares text
 * with, now or in its previous report, are re-checked as well, so their reports show this one.
 */
export async function checkApplication(
  db: Db,
  applicationId: string,
  now: Date,
  opts: { refreshSources?: boolean } = {},
): Promise<void> {
  const previous = opts.refreshSources ? storedSourceApplications((await findReport(db, applicationId))?.report) : [];
  const indexed = await indexApplication(db, applicationId, now);
  if (!indexed) return;
  const report = await reportApplication(db, indexed, now);
  if (!opts.refreshSources) return;
  const ids = new Set([...previous, ...sourceApplications(report)]);
  ids.delete(applicationId);
  await markSourcesForRefresh(db, [...ids], now.toISOString());
}
