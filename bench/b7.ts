/**
 * B7 (issue 12): audited writes on PostgreSQL with 1, 4, 16 and 64 concurrent writers, while the
 * sealer runs at its production interval. `npm run bench -- b7` (or part of `npm run bench`).
 *
 * Each writer loops over one transaction: a version-guarded update of its own row (12 KB of content,
 * as an autosave rewrites a draft) and, for the audited variants, one audit record. Three variants,
 * measured one after the other at each concurrency (1 s warm-up + BENCH_RUN_SECONDS each):
 *   update   the baseline: the update alone, no audit record;
 *   leaves   the application's audit log: appendAudit (src/server/audit/audit.ts), one INSERT, no lock;
 *   chain    the former design, for comparison: the global advisory lock (727274), the last record
 *            read, the record linked to it.
 * Beside them: the sealer (startSealer, AUDIT_SEAL_INTERVAL_MS = 5000) seals in the same process;
 * every 100 ms the age of the oldest unsealed record is sampled — it must stay ≤ 2 intervals.
 * Results: bench/results/<time>-b7.json and a table on stdout.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { appendAudit, auditRecord } from '../src/server/audit/audit.js';
import { FileAnchorSink } from '../src/server/audit/anchors.js';
import { LEAF_COLUMNS, leafHash } from '../src/server/audit/canonical.js';
import { loadSigningKey } from '../src/server/audit/keys.js';
import { startSealer } from '../src/server/audit/sealer.js';
import { verifyAuditChain } from '../src/server/audit/verify.js';
import type { RequestContext } from '../src/server/context.js';
import { openDatabase, type Db } from '../src/server/db/database.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { round } from './lib/stats.js';

const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'msf_bench_b7';
const RUN_MS = Number(process.env.BENCH_RUN_SECONDS ?? 5) * 1000;
const WARMUP_MS = 1000;
const WRITERS = [1, 4, 16, 64];
const SEAL_INTERVAL_MS = 5000;
const VARIANTS = ['update', 'leaves', 'chain'] as const;
type Variant = (typeof VARIANTS)[number];
const CONTENT = 'x'.repeat(12 * 1024);

const log = (...args: unknown[]) => console.log(`[bench b7 ${new Date().toISOString().slice(11, 19)}]`, ...args);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function admin(statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

const ctxOf = (i: number): RequestContext => ({
  actor: null,
  ip: '127.0.0.1',
  requestId: `b7-${i}`,
  now: new Date(),
});

/** One transaction of a variant for writer i; resolves when committed. */
async function write(db: Db, variant: Variant, i: number, version: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const r = await sql`update b7_rows set content = ${CONTENT + version}, version = version + 1
      where id = ${i} and version = ${version}`.execute(trx);
    if (Number(r.numAffectedRows ?? 0) !== 1) throw new Error('b7: version conflict');
    if (variant === 'update') return;
    const ctx = { ...ctxOf(i), now: new Date() };
    const event = {
      action: 'application.update' as const,
      actorName: `writer${i}`,
      target: { type: 'application', id: String(i) },
      summary: { version: version + 1 },
    };
    if (variant === 'leaves') return appendAudit(trx, ctx, event);
    // The former chain: one global lock, the last record read, the new one linked to it (in a copy
    // of the table, so that the sealer does not take these records for leaves).
    await sql`select pg_advisory_xact_lock(727274)`.execute(trx);
    const last = await sql<{ hash: string }>`select hash from b7_chain order by seq desc limit 1`.execute(trx);
    const record = auditRecord(ctx, event);
    const prev = last.rows[0]?.hash ?? '0'.repeat(64);
    const hash = createHash('sha256')
      .update(prev + leafHash(record))
      .digest('hex');
    const cols = [...LEAF_COLUMNS, 'prev_hash', 'hash'];
    const values = { ...record, prev_hash: prev, hash } as Record<string, unknown>;
    await sql`insert into b7_chain (${sql.join(cols.map((c) => sql.ref(c)))})
      values (${sql.join(cols.map((c) => values[c]))})`.execute(trx);
  });
}

interface Run {
  variant: Variant;
  writers: number;
  transactions: number;
  perSecond: number;
}

async function measure(db: Db, variant: Variant, writers: number, versions: number[]): Promise<Run> {
  let counting = false;
  let count = 0;
  let stop = false;
  const loops = Array.from({ length: writers }, async (_, w) => {
    while (!stop) {
      await write(db, variant, w + 1, versions[w + 1]!);
      versions[w + 1]!++;
      if (counting) count++;
    }
  });
  await sleep(WARMUP_MS);
  counting = true;
  const t0 = performance.now();
  await sleep(RUN_MS);
  counting = false;
  const ms = performance.now() - t0;
  stop = true;
  await Promise.all(loops);
  return { variant, writers, transactions: count, perSecond: round((count / ms) * 1000, 0) };
}

export interface B7Result {
  at: string;
  machine: { cores: number; loadAverage: number[]; node: string };
  runSeconds: number;
  sealIntervalMs: number;
  runs: Run[];
  /** Oldest unsealed record's age while the leaves ran, ms (max over the samples) per writer count. */
  backlogMaxMs: Record<number, number>;
  seals: number;
  records: number;
  verified: boolean;
}

export async function benchB7(): Promise<B7Result> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'msf-bench-b7-'));
  await admin(`drop database if exists ${DB_NAME} with (force)`);
  await admin(`create database ${DB_NAME}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${DB_NAME}`;
  const database = openDatabase({ url: url.toString(), poolSize: Math.max(...WRITERS) + 6 });
  const db = database.db;
  const key = loadSigningKey(path.join(tmp, 'keys', 'audit.pem'));
  const anchors = new FileAnchorSink(path.join(tmp, 'anchors'));
  try {
    log('migrating');
    await migrateToLatest(db);
    await sql`create table b7_rows (id int primary key, version int not null, content text not null)`.execute(db);
    await sql`create table b7_chain (like audit_log including defaults including indexes)`.execute(db);
    const max = Math.max(...WRITERS);
    for (let i = 1; i <= max; i++) await sql`insert into b7_rows values (${i}, 0, ${CONTENT})`.execute(db);
    const versions = Array.from({ length: max + 1 }, () => 0);
    const sealer = startSealer({
      db,
      intervalMs: SEAL_INTERVAL_MS,
      seal: { key, anchors, now: () => new Date() },
      log: { error: (o, m) => log(m, o), warn: (o, m) => log(m, o) },
    });
    const runs: Run[] = [];
    const backlogMaxMs: Record<number, number> = {};
    for (const writers of WRITERS) {
      for (const variant of VARIANTS) {
        let sampling = variant === 'leaves';
        let worst = 0;
        const sampler = (async () => {
          while (sampling) {
            const r = await sql<{ oldest: string | null }>`
              select min(at) as oldest from audit_log
              where seq > (select coalesce(max(last_seq), 0) from audit_seals)`.execute(db);
            const oldest = r.rows[0]?.oldest;
            if (oldest) worst = Math.max(worst, Date.now() - Date.parse(oldest));
            await sleep(100);
          }
        })();
        const run = await measure(db, variant, writers, versions);
        sampling = false;
        await sampler;
        if (variant === 'leaves') backlogMaxMs[writers] = worst;
        runs.push(run);
        log(
          `${variant} × ${writers}: ${run.perSecond}/s${variant === 'leaves' ? `, oldest unsealed ${worst} ms` : ''}`,
        );
      }
    }
    await sealer.stop();
    const verified = await verifyAuditChain(db, { publicKey: key.publicKey, anchors });
    if (!verified.ok) log(`verification failed: ${verified.reason}`);
    const seals = await db
      .selectFrom('audit_seals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    const records = await db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return {
      at: new Date().toISOString(),
      machine: { cores: os.cpus().length, loadAverage: os.loadavg().map((v) => round(v, 2)), node: process.version },
      runSeconds: RUN_MS / 1000,
      sealIntervalMs: SEAL_INTERVAL_MS,
      runs,
      backlogMaxMs,
      seals: Number(seals?.n ?? 0),
      records: Number(records?.n ?? 0),
      verified: verified.ok,
    };
  } finally {
    await database.destroy();
    if (process.env.BENCH_KEEP !== '1') {
      await admin(`drop database if exists ${DB_NAME} with (force)`);
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
}

/** The table printed at the end (and copied into bench/README.md). */
export function b7Table(r: B7Result): string {
  const rate = (v: Variant, w: number) => r.runs.find((x) => x.variant === v && x.writers === w)!.perSecond;
  const lines = [
    '| writers | update (baseline) /s | audited leaves /s (÷ baseline; ÷ 1 writer) | former chain /s (÷ baseline) | oldest unsealed, ms |',
    '| ------- | -------------------- | ------------------------------------------ | ---------------------------- | ------------------- |',
  ];
  for (const w of WRITERS) {
    const base = rate('update', w);
    const leaves = rate('leaves', w);
    const chain = rate('chain', w);
    lines.push(
      `| ${w} | ${base} | ${leaves} (${round(leaves / base, 2)}; ${round(leaves / rate('leaves', 1), 2)}) | ${chain} (${round(chain / base, 2)}) | ${r.backlogMaxMs[w]} |`,
    );
  }
  return lines.join('\n');
}

export async function runB7(resultsDir: string): Promise<B7Result> {
  log(`audited writes with ${WRITERS.join(', ')} writers on PostgreSQL; sealing every ${SEAL_INTERVAL_MS} ms`);
  const r = await benchB7();
  const file = path.join(resultsDir, `${r.at.replace(/[:.]/g, '-').slice(0, 19)}-b7.json`);
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(r, null, 2) + '\n');
  console.log(`\n${b7Table(r)}\n\nseals ${r.seals}, records ${r.records}; results: ${file}`);
  return r;
}
