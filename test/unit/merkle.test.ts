import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { auditPath, merkleLeaf, merkleRoot, rootFromPath } from '../../src/server/audit/merkle.js';
import { storable } from '../../src/server/audit/canonical.js';

const h = (...parts: Buffer[]) => parts.reduce((c, p) => c.update(p), createHash('sha256')).digest();

/** RFC 6962 §2.1, written recursively as the RFC states it. */
function mth(d: Buffer[]): Buffer {
  if (d.length === 0) return h();
  if (d.length === 1) return d[0]!;
  let k = 1;
  while (k * 2 < d.length) k *= 2;
  return h(Buffer.from([1]), mth(d.slice(0, k)), mth(d.slice(k)));
}

it('computes the RFC 6962 root and checks every audit path for trees of 1–33 leaves', () => {
  for (let n = 1; n <= 33; n++) {
    const leaves = Array.from({ length: n }, (_, i) => merkleLeaf(i + 1, String(i).repeat(8)));
    const root = merkleRoot(leaves);
    expect(root.equals(mth(leaves))).toBe(true);
    for (let m = 0; m < n; m++) {
      const path = auditPath(m, leaves);
      expect(rootFromPath(leaves[m]!, m, n, path)?.equals(root)).toBe(true);
      // A wrong index or a leaf of another record does not reach the root.
      if (n > 1) expect(rootFromPath(leaves[(m + 1) % n]!, m, n, path)?.equals(root) ?? false).toBe(false);
    }
  }
});

it('makes strings storable: lone surrogates and NUL become U+FFFD, pairs stay', () => {
  expect(storable('a\ud800b')).toBe('a\ufffdb');
  expect(storable('\udc00')).toBe('\ufffd');
  expect(storable('x\u0000')).toBe('x\ufffd');
  expect(storable('😀')).toBe('😀');
});
