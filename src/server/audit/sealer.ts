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
  /** PostgreSQL: how long to wait for this database's transactions that may still commit records below the horizon. */
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
 * number than one still in flight. The horizon is per database — only the transactions that write
 * this audit_log count, so a long transaction in another database of the same server (another
 * tenant, a bulk load, a test) does not hold sealing back:
 *   (1) read the sequence's last value L (not transactional: every number handed out so far);
 *   (2) then list the transactions that hold a lock on this audit_log (this database's table, as the
 *       search path names it) and have a transaction id: the set P of their xids;
 *   (3) wait until no xid of P is in progress in a fresh snapshot (pg_snapshot_xip), i.e. until each
 *       of them is visible to new snapshots (committed) or rolled back.
 * Why that suffices: a transaction T that drew a number n ≤ L did so in an INSERT into audit_log, so
 * it took its lock on the table before (1) — the lock is taken before the row's default runs — and
 * audit_next_seq() gave it its xid before drawing n, so its xid lock was also held before (1). Both
 * are held until T ends. At (2) either T still runs, and then both locks are listed and its xid is in
 * P; or a lock is gone, and then T has ended: PostgreSQL takes a transaction out of the running set
 * (ProcArrayEndTransaction, after which every new snapshot sees it committed) before it releases its
 * locks. So after (3) every transaction that drew a number ≤ L has committed or rolled back, and a
 * fresh read — the seal transaction's — sees exactly the records ≤ L that will ever exist; a leaf is
 * never sealed before its transaction is visible. (Sealing "leaves whose xid is below the horizon"
 * would not do: xids and sequence numbers are drawn in different orders, so such leaves need not
 * form the contiguous range of numbers that a seal covers.) A long transaction in this database that
 * has not written a record does not count either; one that has and stays open is ended by
 * idle_in_transaction_session_timeout (database.ts) when idle, so one stuck client cannot hold sealing
 * back for long. Locks are joined on the virtual transaction, so a prepared (two-phase) transaction
 * counts too.
 *
 * SQLite: one writer at a time and the sealer's transaction is that writer, so every record already
 * numbered is committed: no horizon is needed.
 */
async function sealableHorizon(db: Executor, waitMs: number): Promise<number | null> {
  const seq = await sql<{ last: string | number; called: boolean }>`
    select last_value as last, is_called as called from audit_log_seq`.execute(db);
  const row = seq.rows[0]!;
  const last = row.called ? Number(row.last) : 0;
  const writers = await sql<{ xid: string }>`
    select distinct x.transactionid::text as xid
      from pg_locks r
      join pg_locks x on x.virtualtransaction = r.virtualtransaction
        and x.locktype = 'transactionid' and x.mode = 'ExclusiveLock' and x.granted
     where r.locktype = 'relation' and r.granted and r.relation = 'audit_log'::regclass
       and r.database = (select oid from pg_database where datname = current_database())`.execute(db);
  const xids = writers.rows.map((r) => r.xid);
  if (xids.length === 0) return last;
  const deadline = Date.now() + waitMs;
  for (;;) {
    const { rows } = await sql<{ running: boolean }>`
      select exists (select 1 from pg_snapshot_xip(pg_current_snapshot()) s
        where s::xid = any(${xids}::xid[])) as running`.execute(db);
    if (!rows[0]!.running) return last;
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
