/**
 * The database half of `npm run bench -- similarity`: a fresh database (a SQLite file in a temporary
 * directory, or the PostgreSQL database msf_bench_similarity or SIM_PG_DB, dropped afterwards) is migrated and
 * given every text of the corpus as a 查重 document with its fingerprints, as the submissions would
 * have left the index; then it measures the server's own code: the single check of a resubmission
 * (re-index + lookup + alignment + report stored, src/server/similarity/check.ts) and the full
 * cross-check of every document (src/server/similarity/crossCheck.ts, reports stored).
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import {
  documentFingerprints,
  indexDocument,
  prepareDocument,
  type SectionText,
} from '../../src/domain/similarity/index.js';
import { openDatabase, type Database } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { replaceDocument } from '../../src/server/repositories/similarity.js';
import { checkDocument, storeReady } from '../../src/server/similarity/check.js';
import type { CrossCheckFigures } from './similarityCrossCheckChild.js';

const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** SIM_PG_DB: another name when two runs share the server. */
const PG_DB = process.env.SIM_PG_DB ?? 'msf_bench_similarity';
const BOILERPLATE_DOCS = 10;
const SAMPLES = 10;

export interface DbFigures {
  db: 'sqlite' | 'postgres';
  indexSeconds: number;
  checkMedianMs: number;
  /** Of which re-indexing (the document and its fingerprints replaced). */
  checkIndexMs: number;
  checkMaxMs: number;
  /** CPU time of this process per check, median (under load, the figure to compare). */
  checkCpuMedianMs: number;
  crossCheckSeconds: number;
  /** CPU time of this process during the cross-check (PostgreSQL's own is not included). */
  crossCheckCpuSeconds: number;
  peakRssMb: number;
}

async function pgAdmin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const row = (i: number, sections: SectionText[], chars: number) => ({
  kind: 'application',
  application_id: `bench-${i}`,
  snapshot_id: `bench-${i}`,
  unit_id: `unit-${i}`,
  uscc: null,
  unit_name: `单位${i}`,
  space_name: `众创空间${i}`,
  number: `B${i}`,
  city_id: null,
  city_name: '南京',
  province_id: null,
  batch_id: null,
  batch_name: '基准',
  year: 2026,
  sections: JSON.stringify(sections),
  char_count: chars,
  source_file: null,
  indexed_at: new Date().toISOString(),
});

export async function benchSimilarityDb(
  dialect: 'sqlite' | 'postgres',
  texts: readonly string[],
  log: (...a: unknown[]) => void,
): Promise<DbFigures> {
  let tmp: string | null = null;
  let pgUrl: string | null = null;
  let sqliteFile: string | null = null;
  let database: Database;
  if (dialect === 'postgres') {
    await pgAdmin(`drop database if exists ${PG_DB}`);
    await pgAdmin(`create database ${PG_DB}`);
    const u = new URL(PG_ADMIN_URL);
    u.pathname = `/${PG_DB}`;
    pgUrl = u.toString();
    database = openDatabase({ url: pgUrl });
  } else {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'msf-similarity-'));
    sqliteFile = path.join(tmp, 'bench.db');
    database = openDatabase({ sqlitePath: sqliteFile });
  }
  const { db } = database;
  try {
    await migrateToLatest(db);
    // The index as the submissions leave it: one document and its fingerprints per text, loaded
    // in bulk (sorted, indexes built afterwards) — the submissions' own cost is measured below.
    const t0 = performance.now();
    const ids: number[] = [];
    const pairs: number[] = [];
    for (let i = 0; i < texts.length; i += 200) {
      await db.transaction().execute(async (trx) => {
        for (let j = i; j < Math.min(texts.length, i + 200); j++) {
          const sections = [{ key: 'hostOverview', text: texts[j]! }];
          const doc = prepareDocument(sections);
          const inserted = await trx
            .insertInto('similarity_documents')
            .values(row(j, sections, doc.length))
            .returning('id')
            .executeTakeFirstOrThrow();
          const id = Number(inserted.id);
          ids.push(id);
          for (const h of documentFingerprints(doc)) pairs.push(h * 2 ** 20 + id);
        }
      });
    }
    await bulkFingerprints(database, Float64Array.from(pairs).sort());
    // As autovacuum would have by then: the planner's statistics of the index, and (PostgreSQL) its
    // visibility map, without which every index-only probe of a check also reads the table.
    if (dialect === 'postgres') await sql`vacuum (analyze) similarity_fingerprints`.execute(db);
    else await sql`analyze`.execute(db);
    const indexSeconds = (performance.now() - t0) / 1000;
    log(`${dialect}: ${texts.length} documents indexed in ${indexSeconds.toFixed(1)} s`);

    // A single check: a resubmission of a text re-indexed and checked against all the others.
    const times: number[] = [];
    const indexTimes: number[] = [];
    const cpuTimes: number[] = [];
    for (let k = 0; k < SAMPLES; k++) {
      const i = Math.floor((k * texts.length) / SAMPLES);
      const start = performance.now();
      const cpuStart = process.cpuUsage();
      const sections = [{ key: 'hostOverview', text: texts[i]! }];
      const query = indexDocument(prepareDocument(sections));
      const docId = await db
        .transaction()
        .execute((trx) => replaceDocument(trx, row(i, sections, query.doc.length), documentFingerprints(query.doc)));
      const indexed = performance.now();
      const report = await checkDocument(db, {
        docId,
        query,
        queryUnit: { unitId: `unit-${i}`, uscc: null },
        official: new Set(),
        boilerplateMinDocs: BOILERPLATE_DOCS,
      });
      await storeReady(db, `bench-${i}`, `bench-${i}`, report, new Date().toISOString());
      times.push(performance.now() - start);
      indexTimes.push(indexed - start);
      const cpu = process.cpuUsage(cpuStart);
      cpuTimes.push((cpu.user + cpu.system) / 1000);
    }
    times.sort((a, b) => a - b);
    indexTimes.sort((a, b) => a - b);
    const checkIndexMs = Math.round(indexTimes[indexTimes.length >> 1]!);
    const checkMedianMs = Math.round(times[times.length >> 1]!);
    const checkMaxMs = Math.round(times[times.length - 1]!);
    const checkCpuMedianMs = Math.round(cpuTimes.sort((a, b) => a - b)[cpuTimes.length >> 1]!);
    log(
      `${dialect}: single check of a resubmission: median ${checkMedianMs} ms (re-indexing ${checkIndexMs} ms; CPU ${checkCpuMedianMs} ms), slowest ${checkMaxMs} ms`,
    );

    // The full cross-check in a process of its own: its peak RSS and CPU are the server code's.
    const cross = await crossCheckInChild(dialect === 'postgres' ? pgUrl! : sqliteFile!, dialect);
    const crossCheckSeconds = cross.seconds;
    const crossCheckCpuSeconds = cross.cpuSeconds;
    const peakRssMb = cross.peakRssMb;
    log(
      `${dialect}: full cross-check in ${crossCheckSeconds.toFixed(1)} s (CPU ${crossCheckCpuSeconds.toFixed(1)} s), peak RSS ${peakRssMb} MB`,
    );
    return {
      db: dialect,
      indexSeconds,
      checkMedianMs,
      checkIndexMs,
      checkMaxMs,
      checkCpuMedianMs,
      crossCheckSeconds,
      crossCheckCpuSeconds,
      peakRssMb,
    };
  } finally {
    await database.destroy();
    // SIM_KEEP=1 keeps the database (to profile a check against it); its place is logged.
    if (process.env.SIM_KEEP === '1') log(`${dialect}: database kept at ${sqliteFile ?? pgUrl}`);
    else {
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
      if (dialect === 'postgres') await pgAdmin(`drop database if exists ${PG_DB}`);
    }
  }
}

/** Runs bench/lib/similarityCrossCheckChild.ts on the database and returns its figures. */
function crossCheckInChild(where: string, dialect: 'sqlite' | 'postgres'): Promise<CrossCheckFigures> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./similarityCrossCheckChild.ts', import.meta.url)), [dialect, where]);
    let figures: CrossCheckFigures | null = null;
    child.on('message', (m) => (figures = m as CrossCheckFigures));
    child.on('error', reject);
    child.on('exit', (code) =>
      figures ? resolve(figures) : reject(new Error(`cross-check process exited with ${code}`)),
    );
  });
}

/** Loads (hash · 2^20 + doc) pairs, sorted, into the fingerprint table; its indexes built after. */
async function bulkFingerprints(database: Database, pairs: Float64Array): Promise<void> {
  const { db } = database;
  const CHUNK = 200_000;
  if (database.dialect === 'postgres') {
    await sql`alter table similarity_fingerprints drop constraint similarity_fingerprints_pk`.execute(db);
    await sql`drop index similarity_fingerprints_doc_idx`.execute(db);
    for (let i = 0; i < pairs.length; i += CHUNK) {
      const part = pairs.subarray(i, i + CHUNK);
      const hashes = Array.from(part, (x) => Math.floor(x / 2 ** 20));
      const docs = Array.from(part, (x) => x - Math.floor(x / 2 ** 20) * 2 ** 20);
      await sql`insert into similarity_fingerprints (hash, doc_id)
        select * from unnest(${hashes}::int4[], ${docs}::int8[])`.execute(db);
    }
    await sql`alter table similarity_fingerprints add constraint similarity_fingerprints_pk primary key (hash, doc_id)`.execute(
      db,
    );
    await sql`create index similarity_fingerprints_doc_idx on similarity_fingerprints (doc_id)`.execute(db);
  } else {
    await sql`drop index similarity_fingerprints_doc_idx`.execute(db);
    for (let i = 0; i < pairs.length; i += CHUNK) {
      const part = JSON.stringify(Array.from(pairs.subarray(i, i + CHUNK)));
      await sql`insert into similarity_fingerprints (hash, doc_id)
        select value >> 20, value & 1048575 from json_each(${part})`.execute(db);
    }
    await sql`create index similarity_fingerprints_doc_idx on similarity_fingerprints (doc_id)`.execute(db);
  }
}

/** The process's peak resident set (VmHWM), in MB. */
export function peakRss(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : Math.round(process.memoryUsage().rss / 1e6);
}
