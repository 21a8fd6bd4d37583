import { PostgresAdapter, sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { AnchorSink } from './anchors.js';
import { GENESIS_HASH } from './canonical.js';
import type { AuditSigningKey } from './keys.js';
import { merkleLeaf, merkleRoot } from './merkle.js';
import { signSeal, toSealHead, type SealHead } from './seal.js';

export const DEFAULT_SEAL_INTERVAL_MS = 5000;
/** Taken, per transaction, by the sealer only: two sealers never seal at once. Writers take no lock. */
const SEALER_LOCK = 727275;
/** At most this many records per seal; a larger backlog is sealed over several seals in one run. */
const MAX_SEAL_LEAVES = 50_000;

export interface SealOptions {
  key: AuditSigningKey;
  now: () => Date;
  anchors?: AnchorSink;
  /** PostgreSQL: how long to wait for the transactions that may still commit records below the horizon. */
  horizonWaitMs?: number;
  /** Test hook: runs inside the seal transaction after the seal row is written, before commit. */
  beforeCommit?: (seal: SealHead) => Promise<void>;
}

export type SealResult =
  { sealed: SealHead[]; status: 'sealed' | 'nothing' } | { sealed: SealHead[]; status: 'busy' | 'horizon' };

const isPg = (db: Executor) => db.getExecutor().adapter instanceof PostgresAdapter;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The highest sequence number below which no record can still appear.
 *
 * PostgreSQL: records are written by concurrent transactions, so a committed record may have a higher
 * number than one still in flight. audit_next_seq() gives a transaction its xid before it draws a
 * number. So: (1) read the sequence's last value L (not transactional: every number handed out so far);
 * (2) then take a snapshot and its xmax X — every transaction that drew a number ≤ L had its xid
 * before (1), hence xid < X; (3) wait until the oldest running transaction (xmin of a new snapshot)
 * is ≥ X: then every one of those transactions has committed or rolled back, and a fresh read sees
 * exactly the records ≤ L that will ever exist. idle_in_transaction_session_timeout (database.ts)
 * ends a transaction left idle, so one stuck client cannot hold sealing back for long.
 *
 * SQLite: one writer at a time and the sealer's transaction is that writer, so every record already
 * numbered is committed: no horizon is needed.
 */
async function sealableHorizon(db: Executor, waitMs: number): Promise<number | null> {
  const seq = await sql<{ last: string | number; called: boolean }>`
    select last_value as last, is_called as called from audit_log_seq`.execute(db);
  const row = seq.rows[0]!;
  const last = row.called ? Number(row.last) : 0;
  const snap = await sql<{ xmax: string }>`select pg_snapshot_xmax(pg_current_snapshot())::text as xmax`.execute(db);
  const xmax = snap.rows[0]!.xmax;
  const deadline = Date.now() + waitMs;
  for (;;) {
    const { rows } = await sql<{ done: boolean }>`
      select pg_snapshot_xmin(pg_current_snapshot()) >= ${xmax}::xid8 as done`.execute(db);
    if (rows[0]!.done) return last;
    if (Date.now() >= deadline) return null;
    await sleep(10);
  }
}

/**
 * One sealing step: takes every record not yet sealed (below the horizon), computes the RFC 6962
 * root over them in sequence order, and writes one signed seal linked to the previous one — all in
 * one transaction under the sealer's lock — then appends the new seals to the anchors. Safe to run
 * from several processes at once: a second sealer finds the lock taken and returns 'busy'; the
 * primary key and the unique first_seq refuse a duplicate seal in any case. A sealer killed
 * mid-seal leaves nothing (its transaction rolls back); the next step seals the same records.
 */
export async function sealOnce(db: Executor, opts: SealOptions): Promise<SealResult> {
  const pg = isPg(db);
  await catchUpAnchors(db, opts.anchors);
  const horizon = pg ? await sealableHorizon(db, opts.horizonWaitMs ?? DEFAULT_SEAL_INTERVAL_MS) : null;
  if (pg && horizon === null) return { sealed: [], status: 'horizon' };
  const sealed = await db.transaction().execute(async (trx) => {
    if (pg) {
      const { rows } = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${SEALER_LOCK}) as ok`.execute(trx);
      if (!rows[0]!.ok) return null;
    }
    const out: SealHead[] = [];
    let prev: SealHead | undefined = await trx
      .selectFrom('audit_seals')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst()
      .then((r) => r && toSealHead(r));
    for (;;) {
      const after = prev ? Number(prev.last_seq) : 0;
      // Seal 0: the records of the former hash chain (migration 20261206_1201), all of them, on their own.
      const legacy =
        !prev &&
        (await trx.selectFrom('audit_log').select('seq').where('prev_hash', '<>', '').limit(1).execute()).length > 0;
      let q = trx.selectFrom('audit_log').select(['seq', 'hash', 'prev_hash']).where('seq', '>', after).orderBy('seq');
      if (legacy) q = q.where('prev_hash', '<>', '');
      else q = q.limit(MAX_SEAL_LEAVES);
      if (horizon !== null && !legacy) q = q.where('seq', '<=', horizon);
      const leaves = await q.execute();
      if (leaves.length === 0) break;
      const id = prev ? Number(prev.id) + 1 : legacy ? 0 : 1;
      const seal = signSeal(
        {
          id,
          first_seq: after + 1,
          last_seq: Number(leaves.at(-1)!.seq),
          leaf_count: leaves.length,
          root: merkleRoot(leaves.map((l) => merkleLeaf(Number(l.seq), l.hash))).toString('hex'),
          prev_hash: prev?.hash ?? GENESIS_HASH,
          sealed_at: opts.now().toISOString(),
          key_id: opts.key.keyId,
        },
        opts.key.privateKey,
      );
      await trx.insertInto('audit_seals').values(seal).execute();
      out.push(seal);
      prev = seal;
      if (leaves.length < MAX_SEAL_LEAVES && !legacy) break;
    }
    if (opts.beforeCommit) for (const s of out) await opts.beforeCommit(s);
    return out;
  });
  if (sealed === null) return { sealed: [], status: 'busy' };
  if (opts.anchors && sealed.length) await opts.anchors.append(sealed);
  return { sealed, status: sealed.length ? 'sealed' : 'nothing' };
}

/** Appends the seals a crash left unanchored (committed, but the process died before the anchor write). */
async function catchUpAnchors(db: Executor, anchors?: AnchorSink): Promise<void> {
  if (!anchors) return;
  const last = await anchors.lastId();
  const missing = await db
    .selectFrom('audit_seals')
    .selectAll()
    .$if(last !== null, (q) => q.where('id', '>', last!))
    .orderBy('id')
    .limit(10_000)
    .execute();
  if (missing.length) await anchors.append(missing.map(toSealHead));
}

export interface SealerHandle {
  stop(): Promise<void>;
  /** Runs one step now (tests, shutdown). */
  runNow(): Promise<SealResult>;
}

/**
 * Runs sealOnce every intervalMs in this process (SQLite; or PostgreSQL with one instance — several
 * instances are safe too, the lock lets one seal at a time). A failed step is logged and retried at
 * the next tick. stop() waits for a step in progress and then seals once more.
 */
export function startSealer(opts: {
  db: Executor;
  intervalMs: number;
  seal: SealOptions;
  log: { error(obj: unknown, msg: string): void; warn(obj: unknown, msg: string): void };
}): SealerHandle {
  let running: Promise<SealResult> | null = null;
  let stopped = false;
  const step = (): Promise<SealResult> => {
    if (running) return running;
    running = sealOnce(opts.db, { horizonWaitMs: opts.intervalMs, ...opts.seal })
      .catch((err: unknown) => {
        opts.log.error({ err }, 'audit sealing failed; retrying at the next interval');
        return { sealed: [], status: 'nothing' as const };
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) void step();
  }, opts.intervalMs);
  timer.unref();
  return {
    runNow: step,
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (running) await running;
      await step();
    },
  };
}
