import { todayInShanghai } from '../../../domain/application/dates.js';
import { AppError } from '../../../domain/errors.js';
import type { ScanPaperCopyRequest } from '../../../domain/schemas/bulk.js';
import {
  formatVerificationCode,
  normalizeVerificationCode,
  VERIFICATION_CODE_LENGTH,
} from '../../../domain/verification-code.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { assertCanScanPaperCopy } from '../../policies/applications.js';
import { findApplicationRef, findSnapshotsByCode } from '../../repositories/dispatches.js';
import { registerPaperCopy } from './registerPaperCopy.js';

/**
 * The acceptance clerk scans the 校验码 printed on a paper copy (one copy per scan): the code names
 * the application (any of its submitted versions), and one copy is registered against it through
 * registerPaperCopy, with all of its checks. A code of no application in the clerk's province is
 * refused without saying whose it is.
 */
export async function scanPaperCopy(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  input: ScanPaperCopyRequest;
}) {
  const { db, ctx, input } = opts;
  assertCanScanPaperCopy(ctx.actor);
  const code = normalizeVerificationCode(input.code);
  if (!code) {
    const message = `校验码应为 ${VERIFICATION_CODE_LENGTH} 位十六进制数字（0–9、a–f），如 ${formatVerificationCode('3f9a0c17b2e4')}`;
    throw new AppError('validation_failed', message, [{ path: 'code', message }]);
  }
  const found = (await findSnapshotsByCode(db, code)).filter((s) => s.province_id === ctx.actor.provinceId);
  const applicationIds = [...new Set(found.map((s) => s.application_id))];
  const refs = (await Promise.all(applicationIds.map((id) => findApplicationRef(db, id)))).filter((r) => !!r);
  // Two applications sharing a 12-digit prefix is all but impossible; prefer the one printed from its current version.
  const app = refs.find((r) => found.some((s) => s.id === r.current_snapshot_id)) ?? refs[0];
  if (!app) throw new AppError('not_found', '未找到与该校验码对应的本省申报，请核对纸质材料上的校验码');
  const registered = await registerPaperCopy({
    db,
    ctx,
    applicationId: app.id,
    input: {
      count: 1,
      receivedOn: input.receivedOn ?? todayInShanghai(ctx.now),
      receivedBy: input.receivedBy,
      code,
    },
  });
  return { ...registered, application: { id: app.id, number: app.number, spaceName: app.space_name } };
}
