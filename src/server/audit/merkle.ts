import { createHash } from 'node:crypto';

/**
 * RFC 6962 (Certificate Transparency) Merkle trees over SHA-256: a leaf is H(0x00 || data), an
 * inner node H(0x01 || left || right), and a tree of n leaves splits at the largest power of two
 * below n. The audit log's leaf data is the record's sequence number and its stored hash.
 */
const sha256 = (...parts: Buffer[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

/** The RFC 6962 leaf hash of one audit record. */
export function merkleLeaf(seq: number, recordHash: string): Buffer {
  return sha256(LEAF, Buffer.from(`${seq}:${recordHash}`, 'utf8'));
}

const nodeHash = (l: Buffer, r: Buffer) => sha256(NODE, l, r);

/** Largest power of two strictly smaller than n (n ≥ 2). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[n]) over leaf hashes (already H(0x00 || data)). The empty tree is SHA-256 of nothing. */
export function merkleRoot(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return sha256();
  // Bottom-up, level by level: a node without a sibling moves up unchanged, which gives the same
  // root as RFC 6962's recursive split.
  let level: Buffer[] = [...leaves];
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2)
      next.push(i + 1 < level.length ? nodeHash(level[i]!, level[i + 1]!) : level[i]!);
    level = next;
  }
  return level[0]!;
}

/** PATH(m, D[n]) of RFC 6962 §2.1.1: the audit path of leaf m, from the leaf up. */
export function auditPath(m: number, leaves: readonly Buffer[]): Buffer[] {
  const n = leaves.length;
  if (n <= 1) return [];
  const k = split(n);
  if (m < k) return [...auditPath(m, leaves.slice(0, k)), merkleRoot(leaves.slice(k))];
  return [...auditPath(m - k, leaves.slice(k)), merkleRoot(leaves.slice(0, k))];
}

/** Recomputes the root from a leaf, its index, the tree size and its audit path (RFC 9162 §2.1.3.2). */
export function rootFromPath(leaf: Buffer, index: number, size: number, path: readonly Buffer[]): Buffer | null {
  if (index < 0 || index >= size) return null;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
}
