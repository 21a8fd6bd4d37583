import type { Executor } from '../db/database.js';
import { auditHash, GENESIS_HASH } from './audit.js';

export type ChainResult = { ok: true; count: number } | { ok: false; count: number; brokenAt: number; reason: string };

/** Walks the whole chain in order and reports the first record that does not fit. */
export async function verifyAuditChain(db: Executor, batchSize = 5000): Promise<ChainResult> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) return { ok: true, count };
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq)
        return { ok: false, count, brokenAt: expectedSeq, reason: `record ${expectedSeq} is missing` };
      if (row.prev_hash !== prevHash)
        return { ok: false, count, brokenAt: seq, reason: `record ${seq} does not link to record ${seq - 1}` };
      const { hash, prev_hash: _prev, ...fields } = row;
      if (auditHash(prevHash, { ...fields, seq }) !== hash)
        return { ok: false, count, brokenAt: seq, reason: `record ${seq} was altered (hash mismatch)` };
      prevHash = hash;
      expectedSeq++;
      count++;
    }
  }
}
