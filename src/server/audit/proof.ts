import type { KeyObject } from 'node:crypto';
import type { Executor } from '../db/database.js';
import { isLegacyLeaf, leafHash, legacyChainHash, LEAF_COLUMNS, type LeafFields } from './canonical.js';
import { auditPath, merkleLeaf, rootFromPath } from './merkle.js';
import { sealHash, sealSignatureValid, toSealHead, type SealHead } from './seal.js';

/** Everything needed to check one record offline against the public key (npm run audit:prove). */
export interface InclusionProof {
  format: 'msf-audit-proof-v1';
  seq: number;
  /** The record's stored columns, as stored (summary as its JSON text). */
  record: LeafFields & { prev_hash: string; hash: string };
  /** RFC 6962 leaf hash of (seq, record hash), hex. */
  merkleLeaf: string;
  leafIndex: number;
  /** Audit path from the leaf up, hex. */
  path: string[];
  seal: SealHead;
  publicKey: string;
  keyId: string;
}

export type ProofResult = { status: 'sealed'; proof: InclusionProof } | { status: 'pending' } | { status: 'missing' };

/** Builds the proof that record seq is included in its seal; 'pending' while it waits for a seal. */
export async function buildProof(
  db: Executor,
  seq: number,
  key: { publicPem: string; keyId: string },
): Promise<ProofResult> {
  const row = await db.selectFrom('audit_log').selectAll().where('seq', '=', seq).executeTakeFirst();
  if (!row) return { status: 'missing' };
  const sealRow = await db
    .selectFrom('audit_seals')
    .selectAll()
    .where('first_seq', '<=', seq)
    .where('last_seq', '>=', seq)
    .executeTakeFirst();
  if (!sealRow) return { status: 'pending' };
  const seal = toSealHead(sealRow);
  const members = await db
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .where('seq', '>=', seal.first_seq)
    .where('seq', '<=', seal.last_seq)
    .orderBy('seq')
    .execute();
  const leaves = members.map((m) => merkleLeaf(Number(m.seq), m.hash));
  const leafIndex = members.findIndex((m) => Number(m.seq) === seq);
  const record = Object.fromEntries([...LEAF_COLUMNS, 'prev_hash', 'hash'].map((c) => [c, row[c as keyof typeof row]]));
  return {
    status: 'sealed',
    proof: {
      format: 'msf-audit-proof-v1',
      seq,
      record: record as InclusionProof['record'],
      merkleLeaf: leaves[leafIndex]!.toString('hex'),
      leafIndex,
      path: auditPath(leafIndex, leaves).map((b) => b.toString('hex')),
      seal,
      publicKey: key.publicPem,
      keyId: key.keyId,
    },
  };
}

/**
 * Checks a proof offline: the record's hash over its bytes, the Merkle path up to the seal's root,
 * the seal's hash and its Ed25519 signature with the given public key (never the one in the proof).
 * Returns the first problem in Chinese, or null.
 */
export function checkProof(p: InclusionProof, publicKey: KeyObject): string | null {
  const r = p.record;
  if (!isLegacyLeaf(r) && leafHash(r) !== r.hash) return `第 ${p.seq} 条记录的内容与其哈希不符`;
  if (isLegacyLeaf(r) && legacyChainHash(r.prev_hash, { ...r, seq: p.seq }) !== r.hash)
    return `第 ${p.seq} 条记录的内容与其哈希不符`;
  const leaf = merkleLeaf(p.seq, r.hash);
  if (leaf.toString('hex') !== p.merkleLeaf) return '默克尔叶子哈希不符';
  if (p.seq < p.seal.first_seq || p.seq > p.seal.last_seq)
    return `第 ${p.seq} 条记录不在第 ${p.seal.id} 批封存的范围内`;
  const root = rootFromPath(
    leaf,
    p.leafIndex,
    p.seal.leaf_count,
    p.path.map((h) => Buffer.from(h, 'hex')),
  );
  if (!root || root.toString('hex') !== p.seal.root) return `默克尔路径与第 ${p.seal.id} 批封存的根不符`;
  if (sealHash(p.seal) !== p.seal.hash) return `第 ${p.seal.id} 批封存的哈希不符`;
  if (!sealSignatureValid(p.seal, publicKey)) return `第 ${p.seal.id} 批封存的签名无效`;
  return null;
}
