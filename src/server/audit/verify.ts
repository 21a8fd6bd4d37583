import type { KeyObject } from 'node:crypto';
import type { Executor } from '../db/database.js';
import type { AnchorSink } from './anchors.js';
import { GENESIS_HASH, isLegacyLeaf, leafHash, legacyChainHash, type LeafFields } from './canonical.js';
import { merkleLeaf, merkleRoot } from './merkle.js';
import { sealHash, sealSignatureValid, toSealHead, type SealHead } from './seal.js';

export interface VerifyOptions {
  /** Checks every seal's Ed25519 signature (without it, only hashes, roots and links are checked). */
  publicKey?: KeyObject;
  /** Compares the database's seals with the copies kept outside it. */
  anchors?: AnchorSink;
  /** With now and intervalMs: every record older than twice the interval must be sealed. */
  now?: Date;
  intervalMs?: number;
  batchSize?: number;
}

export interface ChainResult {
  ok: boolean;
  /** Records whose hash was checked. */
  count: number;
  /** Records inside verified seals. */
  sealed: number;
  seals: number;
  latestSeal: number | null;
  /** Anchored seal heads compared with the database (null: no anchors given). */
  anchored: number | null;
  /** The first record that does not fit (when a record can be named). */
  brokenAt?: number;
  /** The seal that does not fit (when it is a seal). */
  sealId?: number;
  /** What is wrong, in Chinese. */
  reason?: string;
}

type Row = LeafFields & { seq: number; prev_hash: string; hash: string };

async function* leaves(db: Executor, batchSize: number): AsyncGenerator<Row> {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) return;
    for (const r of rows) yield { ...r, seq: Number(r.seq) };
    after = Number(rows.at(-1)!.seq);
  }
}

async function* seals(db: Executor, batchSize: number): AsyncGenerator<SealHead> {
  let after = -1;
  for (;;) {
    const rows = await db
      .selectFrom('audit_seals')
      .selectAll()
      .where('id', '>', after)
      .orderBy('id')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) return;
    for (const r of rows) yield toSealHead(r);
    after = Number(rows.at(-1)!.id);
  }
}

/**
 * Verifies the audit log (issue 12): every record's hash over its stored bytes (records of the former
 * chain: their chain link), every seal's range, leaf count, Merkle root, link to the previous seal
 * and signature, that no record older than twice the sealing interval is left unsealed, and the
 * database's seals against the anchors. Reports the first problem. Streams records and seals in
 * batches; holds one seal's leaf hashes at a time.
 */
export async function verifyAuditChain(db: Executor, opts: VerifyOptions = {}): Promise<ChainResult> {
  const batch = opts.batchSize ?? 5000;
  const res: ChainResult = { ok: true, count: 0, sealed: 0, seals: 0, latestSeal: null, anchored: null };
  const fail = (reason: string, at: { seq?: number; seal?: number } = {}): ChainResult => ({
    ...res,
    ok: false,
    reason,
    ...(at.seq !== undefined ? { brokenAt: at.seq } : {}),
    ...(at.seal !== undefined ? { sealId: at.seal } : {}),
  });
  let legacyPrev = GENESIS_HASH;
  const checkLeaf = (r: Row): string | null => {
    if (isLegacyLeaf(r)) {
      if (r.prev_hash !== legacyPrev) return `第 ${r.seq} 条记录与前一条记录的链接不符`;
      if (legacyChainHash(r.prev_hash, r) !== r.hash) return `第 ${r.seq} 条记录被改动（哈希不符）`;
      legacyPrev = r.hash;
    } else if (leafHash(r) !== r.hash) return `第 ${r.seq} 条记录被改动（哈希不符）`;
    return null;
  };

  const it = leaves(db, batch);
  let cur = await it.next();
  let prev: SealHead | null = null;
  const dbSeals = new Map<number, string>();
  for await (const s of seals(db, batch)) {
    const expectedId = prev ? prev.id + 1 : s.id === 0 ? 0 : 1;
    if (s.id !== expectedId) return fail(`第 ${expectedId} 批封存缺失`, { seal: expectedId });
    if (s.first_seq !== (prev ? prev.last_seq + 1 : 1) || s.last_seq < s.first_seq)
      return fail(`第 ${s.id} 批封存的记录范围与前一批不衔接`, { seal: s.id });
    if (s.prev_hash !== (prev ? prev.hash : GENESIS_HASH))
      return fail(`第 ${s.id} 批封存与前一批的链接不符`, { seal: s.id });
    if (sealHash(s) !== s.hash) return fail(`第 ${s.id} 批封存被改动（封存哈希不符）`, { seal: s.id });
    if (opts.publicKey && !sealSignatureValid(s, opts.publicKey))
      return fail(`第 ${s.id} 批封存的签名无效（封存或其记录被改写）`, { seal: s.id });
    const hashes: Buffer[] = [];
    while (!cur.done && cur.value.seq <= s.last_seq) {
      const r = cur.value;
      const problem = checkLeaf(r);
      if (problem) return fail(problem, { seq: r.seq, seal: s.id });
      hashes.push(merkleLeaf(r.seq, r.hash));
      res.count++;
      cur = await it.next();
    }
    if (hashes.length !== s.leaf_count)
      return fail(
        `第 ${s.id} 批封存（第 ${s.first_seq}–${s.last_seq} 条）应有 ${s.leaf_count} 条记录，现有 ${hashes.length} 条：记录被删除或插入`,
        { seal: s.id, seq: s.first_seq },
      );
    if (merkleRoot(hashes).toString('hex') !== s.root)
      return fail(`第 ${s.id} 批封存的默克尔根不符：其中的记录被改动或替换`, { seal: s.id, seq: s.first_seq });
    res.sealed += hashes.length;
    res.seals++;
    res.latestSeal = s.id;
    dbSeals.set(s.id, s.hash);
    prev = s;
  }
  // Records after the last seal: their own hash, and not older than twice the interval.
  const cutoff = opts.now && opts.intervalMs ? new Date(opts.now.getTime() - 2 * opts.intervalMs).toISOString() : null;
  while (!cur.done) {
    const r = cur.value;
    const problem = checkLeaf(r);
    if (problem) return fail(problem, { seq: r.seq });
    if (cutoff && r.at < cutoff) return fail(`第 ${r.seq} 条记录超过两个封存周期仍未封存`, { seq: r.seq });
    res.count++;
    cur = await it.next();
  }
  if (opts.anchors) {
    const anchored = await opts.anchors.readAll();
    res.anchored = anchored.length;
    for (const a of anchored) {
      const hash = dbSeals.get(Number(a.id));
      if (hash === undefined)
        return fail(`锚定副本中的第 ${a.id} 批封存在数据库中不存在：封存或记录被删除或回滚`, { seal: Number(a.id) });
      if (hash !== a.hash) return fail(`第 ${a.id} 批封存与锚定副本不一致`, { seal: Number(a.id) });
    }
  }
  return res;
}
