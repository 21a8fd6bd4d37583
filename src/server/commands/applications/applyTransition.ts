import { randomUUID } from 'node:crypto';
import type { AuditAction } from '../../../domain/audit.js';
import { AppError } from '../../../domain/errors.js';
import type { Role } from '../../../domain/roles.js';
import type { Transition } from '../../../domain/workflow.js';
import type { RequestContext } from '../../context.js';
import type { Trx } from '../../db/database.js';
import type { ApplicationTable } from '../../db/schema.js';
import { appendAudit } from '../../audit/audit.js';
import { notifyTransition } from '../../notifications/transitions.js';

/**
 * Moves one application along one transition inside the caller's transaction: updates the status
 * only if status and version are still the ones read (else 409, nothing written), appends the
 * timeline event, the audit record and the notifications the change calls for (in-app and e-mail
 * outbox). Every status change in the system goes through here.
 */
export async function applyTransition(
  trx: Trx,
  ctx: RequestContext,
  opts: {
    app: Pick<ApplicationTable, 'id' | 'status' | 'version'>;
    transition: Transition;
    role: Role | null;
    comment?: string | null;
    /** Other columns to set together with the status (e.g. submitted_at, current_snapshot_id). */
    set?: Partial<ApplicationTable>;
    summary?: Record<string, unknown>;
    /** Write the notifications of this change (notifications/transitions.ts); default true. */
    notify?: boolean;
  },
): Promise<{ version: number }> {
  const { app, transition: t } = opts;
  const at = ctx.now.toISOString();
  const version = app.version + 1;
  const res = await trx
    .updateTable('applications')
    .set({ ...opts.set, status: t.to, version, updated_at: at })
    .where('id', '=', app.id)
    .where('status', '=', app.status)
    .where('version', '=', app.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError('version_conflict');
  // The row is now locked by the update above, so the next sequence number is ours alone.
  const last = await trx
    .selectFrom('application_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('application_id', '=', app.id)
    .executeTakeFirst();
  await trx
    .insertInto('application_events')
    .values({
      id: randomUUID(),
      seq: Number(last?.seq ?? 0) + 1,
      application_id: app.id,
      action: t.action,
      from_status: app.status,
      to_status: t.to,
      actor_id: ctx.actor?.userId ?? null,
      actor_org_id: ctx.actor?.orgId ?? null,
      actor_role: opts.role,
      comment: opts.comment?.trim() || null,
      at,
    })
    .execute();
  await appendAudit(trx, ctx, {
    action: `application.${t.action}` as AuditAction,
    role: opts.role ?? undefined,
    target: { type: 'application', id: app.id },
    summary: { from: app.status, to: t.to, ...(opts.comment ? { comment: opts.comment } : {}), ...opts.summary },
  });
  if (opts.notify !== false)
    await notifyTransition(trx, ctx.now, {
      applicationId: app.id,
      action: t.action,
      comment: opts.comment?.trim() || null,
    });
  return { version };
}
