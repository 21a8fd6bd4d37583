import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import type { AuditSealTable } from '../db/schema-later.js';

/** One seal: a signed tree head over a contiguous range of sequence numbers (a row of audit_seals). */
export type SealHead = AuditSealTable;

export type UnsignedSeal = Omit<SealHead, 'signature' | 'hash'>;

/** The bytes the signature covers: every field of the seal, in a fixed order, tagged with a version. */
export function sealMessage(s: UnsignedSeal): Buffer {
  return Buffer.from(
    JSON.stringify([
      'msf-audit-seal-v1',
      Number(s.id),
      Number(s.first_seq),
      Number(s.last_seq),
      Number(s.leaf_count),
      s.root,
      s.prev_hash,
      s.sealed_at,
      s.key_id,
    ]),
    'utf8',
  );
}

/** What the next seal links to: SHA-256 over the signed message and its signature. */
export function sealHash(s: UnsignedSeal & { signature: string }): string {
  return createHash('sha256').update(sealMessage(s)).update('\n').update(s.signature).digest('hex');
}

export function signSeal(s: UnsignedSeal, privateKey: KeyObject): SealHead {
  const signature = sign(null, sealMessage(s), privateKey).toString('base64');
  return { ...s, signature, hash: sealHash({ ...s, signature }) };
}

export function sealSignatureValid(s: SealHead, publicKey: KeyObject): boolean {
  try {
    return verify(null, sealMessage(s), publicKey, Buffer.from(s.signature, 'base64'));
  } catch {
    return false;
  }
}

/** A row of audit_seals (bigints may come back as strings) as numbers. */
export function toSealHead(r: Record<keyof SealHead, unknown>): SealHead {
  return {
    id: Number(r.id),
    first_seq: Number(r.first_seq),
    last_seq: Number(r.last_seq),
    leaf_count: Number(r.leaf_count),
    root: String(r.root),
    prev_hash: String(r.prev_hash),
    sealed_at: String(r.sealed_at),
    key_id: String(r.key_id),
    signature: String(r.signature),
    hash: String(r.hash),
  };
}
