import { AppError } from '../../../domain/errors.js';
import { normalizeVerificationCode } from '../../../domain/verification-code.js';
import type { Executor } from '../../db/database.js';
import { findSnapshotsForCode, latestSnapshots } from '../../repositories/documents.js';

/** What the public verification page may say about a code: which version of which application — never its content. */
export interface VerifiedVersion {
  number: string | null;
  spaceName: string | null;
  batchName: string;
  cityName: string;
  seq: number;
  submittedAt: string;
  latestSeq: number;
  latestSubmittedAt: string;
  isLatest: boolean;
}

export interface VerificationResult {
  code: string;
  matches: VerifiedVersion[];
}

/**
 * Looks a printed code up. Resubmitting unchanged content gives the same fingerprint, so a code may
 * match several versions of one application: the newest of them is the one reported. 422 for text
 * that is not a code; an unknown code gives no matches.
 */
export async function verifyCode(db: Executor, input: string): Promise<VerificationResult> {
  const code = normalizeVerificationCode(input);
  if (!code) {
    throw new AppError('validation_failed', '校验码格式不正确：应为 12 位数字或字母 a–f（如 1a2b-3c4d-5e6f）', [
      { path: 'code', message: '校验码应为 12 位十六进制字符' },
    ]);
  }
  const rows = await findSnapshotsForCode(db, code);
  const newest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const seen = newest.get(r.application_id);
    if (!seen || Number(r.seq) > Number(seen.seq)) newest.set(r.application_id, r);
  }
  const latest = await latestSnapshots(db, [...newest.keys()]);
  const matches = [...newest.values()].map((r): VerifiedVersion => {
    const last = latest.get(r.application_id) ?? { seq: Number(r.seq), created_at: r.created_at };
    return {
      number: r.number,
      spaceName: r.content.basicInfo?.spaceName ?? r.space_name,
      batchName: r.batch_name,
      cityName: r.city_name,
      seq: Number(r.seq),
      submittedAt: r.created_at,
      latestSeq: last.seq,
      latestSubmittedAt: last.created_at,
      isLatest: last.seq <= Number(r.seq),
    };
  });
  return { code, matches };
}
