import { randomUUID } from 'node:crypto';
import { todayInShanghai } from '../../../domain/application/dates.js';
import { AppError } from '../../../domain/errors.js';
import type { CodeStatus, RegisterPaperCopyRequest } from '../../../domain/schemas/dispatches.js';
import {
  formatVerificationCode,
  normalizeVerificationCode,
  PAPER_COPIES_EXPECTED,
  VERIFICATION_CODE_LENGTH,
} from '../../../domain/verification-code.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db, Executor } from '../../db/database.js';
import { appendAudit } from '../../audit/audit.js';
import { assertCanRegisterPaperCopy, canSeeApplication } from '../../policies/applications.js';
import { presentPaperCopy, presentPaperCopyTotals } from '../../presenters/dispatch.js';
import {
  conflictedUnits,
  findApplicationRef,
  findSnapshotsByCode,
  inSentCityDispatch,
  listPaperCopies,
} from '../../repositories/dispatches.js';

type AppRef = NonNullable<Awaited<ReturnType<typeof findApplicationRef>>>;

/**
 * The acceptance clerk registers paper copies (纸质材料，一式两份) of an application that came in a
 * sent city dispatch. The verification code printed on the paper is checked against the snapshots:
 * only copies of the current submission (or registered without a code) count toward the two expected.
 */
export async function registerPaperCopy(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  applicationId: string;
  input: RegisterPaperCopyRequest;
}) {
  const { db, ctx, applicationId, input } = opts;
  const actor = ctx.actor;
  const app = await findApplicationRef(db, applicationId);
  if (!app || !canSeeApplication(actor, app)) throw new AppError('not_found');
  assertCanRegisterPaperCopy(actor, app);
  if (actor.orgId === app.unit_id || (await conflictedUnits(db, actor.userId, [app.unit_id])).length > 0)
    throw new AppError('forbidden', '您与该申报单位存在回避关系，不能登记其纸质材料');
  if (app.status !== 'dispatched_to_province' || !(await inSentCityDispatch(db, app.id)))
    throw new AppError('invalid_transition', '只有随市科技局报送批报送到省、尚待受理的申报可以登记纸质材料');
  if (input.receivedOn > todayInShanghai(ctx.now))
    throw new AppError('validation_failed', '收到日期不能晚于今天', [
      { path: 'receivedOn', message: '收到日期不能晚于今天' },
    ]);
  let code: string | null = null;
  if (input.code) {
    code = normalizeVerificationCode(input.code);
    if (!code) {
      const message = `校验码应为 ${VERIFICATION_CODE_LENGTH} 位十六进制数字（0–9、a–f），如 ${formatVerificationCode('3f9a0c17b2e4')}`;
      throw new AppError('validation_failed', message, [{ path: 'code', message }]);
    }
  }
  const match = code ? await checkCode(db, app, code) : null;
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('paper_copies')
      .values({
        id,
        application_id: app.id,
        snapshot_id: match?.snapshotId ?? null,
        count: input.count,
        received_on: input.receivedOn,
        received_by: input.receivedBy ?? actor.displayName,
        code,
        code_status: match?.status ?? null,
        registered_by: actor.userId,
        registered_at: ctx.now.toISOString(),
      })
      .execute();
    await appendAudit(trx, ctx, {
      action: 'paper_copy.register',
      role: 'acceptance_clerk',
      target: { type: 'application', id: app.id },
      summary: {
        paperCopyId: id,
        count: input.count,
        receivedOn: input.receivedOn,
        code,
        codeStatus: match?.status ?? null,
      },
    });
  });
  const copies = await listPaperCopies(db, [app.id]);
  const totals = presentPaperCopyTotals(copies, app.id);
  const row = copies.find((c) => c.id === id)!;
  const outcome = match ? match.message : '未填写校验码，已按人工核对登记，计入一式两份';
  const progress = totals.complete
    ? `纸质材料已齐全（有效 ${totals.count} 份，应为 ${PAPER_COPIES_EXPECTED} 份）`
    : `有效纸质材料 ${totals.count} 份，还差 ${PAPER_COPIES_EXPECTED - totals.count} 份`;
  return { paperCopy: presentPaperCopy(row), totals, message: `${outcome}。${progress}` };
}

/** Which snapshot the code was printed from, and what that means for this application. */
async function checkCode(
  db: Executor,
  app: AppRef,
  code: string,
): Promise<{ status: CodeStatus; snapshotId: string | null; message: string }> {
  const found = await findSnapshotsByCode(db, code);
  const current = found.find((s) => s.id === app.current_snapshot_id);
  if (current) return { status: 'match', snapshotId: current.id, message: '校验码与当前提交版本一致，计入一式两份' };
  const older = found.filter((s) => s.application_id === app.id).sort((a, b) => b.seq - a.seq)[0];
  if (older)
    return {
      status: 'outdated',
      snapshotId: older.id,
      message: `校验码对应本申报第 ${older.seq} 次提交的旧版本，不是当前提交版本，已登记但不计入一式两份，请通知市科技局更换为最新版本的纸质材料`,
    };
  const other = found.find((s) => s.application_id !== app.id);
  if (other) {
    // Name the other application only when it is in the same province (the clerk may see it).
    const which = other.province_id === app.province_id && other.number ? `（申报编号 ${other.number}）` : '';
    return {
      status: 'other_application',
      snapshotId: null,
      message: `校验码属于另一份申报${which}的材料，不是本申报的纸质材料，已登记但不计入一式两份`,
    };
  }
  return {
    status: 'unknown',
    snapshotId: null,
    message: '校验码与任何已提交版本都不相符，请核对纸质材料上的校验码；已登记但不计入一式两份',
  };
}
