import { PostgresAdapter } from 'kysely';
import { draftContentSchema, issuesToDetails, type DraftContent } from '../../../domain/application.js';
import { AppError } from '../../../domain/errors.js';
import type { UpdateApplicationRequest } from '../../../domain/schemas/applications.js';
import { deadlineInForce, inTime } from '../../../domain/deadline-rules.js';
import { EDITABLE_STATUSES } from '../../../domain/workflow.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db, Executor } from '../../db/database.js';
import { appendAudit, auditLeaf, type AuditEvent } from '../../audit/audit.js';
import { firstStatementPending } from '../../db/transactionStart.js';
import { authorizeEdit } from '../../policies/applications.js';
import {
  findApplicationForEdit,
  saveDraft,
  saveDraftWithLeaf,
  type ApplicationForEdit,
} from '../../repositories/applications.js';
import { listImageFileIds } from '../../repositories/narrativeImages.js';
import { loadVisibleApplication } from './loadApplication.js';
import { sanitizeNarrative } from './sanitizeNarrative.js';

const SECTIONS = ['basicInfo', 'narrative', 'provincialFiling'] as const;
const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * Saves a draft: the sections given replace the stored ones (null clears one), checked with the
 * shared draft schema (incomplete is fine, wrong types are not) and the narrative's HTML sanitised
 * (its images only the application's own uploaded images). Only the sections given are written
 * (the working copy is stored per section) and the answer carries only them, as stored.
 * Only the applicant unit, only while draft or returned, only before the applicant deadline, and only
 * from the current version (else 409 and nothing written).
 */
export async function updateApplication(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  id: string;
  input: UpdateApplicationRequest;
  /** The application as findApplicationForEdit gives it, read with the session (null: none); else read here. */
  preloaded?: ApplicationForEdit | null;
}) {
  const { db, ctx, input } = opts;
  // The application with the deadlines of the applicant deadline's chain, in one query, without its
  // working copy: no stored section is needed to save the ones given.
  const replacing = SECTIONS.filter((s) => input[s] !== undefined);
  const { preloaded } = opts;
  const find = preloaded !== undefined ? async () => preloaded ?? undefined : findApplicationForEdit;
  const app = await loadVisibleApplication(db, ctx.actor, opts.id, find);
  authorizeEdit(ctx.actor, app);
  const due = deadlineInForce('applicant', { applicant: app.applicant_due_at, city: app.city_due_at });
  const deadline = due ? new Date(due) : null;
  if (!inTime(deadline, ctx.now)) throw new AppError('deadline_passed', '申报截止时间已过，不能再修改申报内容');
  if (input.version !== app.version) throw new AppError('version_conflict');

  const given = Object.fromEntries(replacing.map((s) => [s, input[s]]));
  const parsed = draftContentSchema.safeParse(given);
  if (!parsed.success) {
    throw new AppError(
      'validation_failed',
      '申报内容格式不正确，请检查标出的项目',
      issuesToDetails(parsed.error.issues),
    );
  }
  // Narrative images may only be this application's own uploaded images (checked here, not in the browser).
  const scope =
    input.narrative !== undefined ? { applicationId: app.id, imageFileIds: await listImageFileIds(db, app.id) } : null;
  const changes: DraftContent = { ...parsed.data };
  if (scope && changes.narrative) changes.narrative = sanitizeNarrative(changes.narrative, scope);
  // What is stored for each section given (null: the section is deleted).
  const saved = Object.fromEntries(replacing.map((s) => [s, changes[s] ?? null])) as DraftContent;
  const save = {
    id: app.id,
    version: input.version,
    statuses: EDITABLE_STATUSES,
    sections: saved,
    ...(replacing.includes('basicInfo') ? { spaceName: saved.basicInfo?.spaceName?.trim() || null } : {}),
    now: ctx.now,
    userId: ctx.actor.userId,
  };
  const event: AuditEvent = {
    action: 'application.update',
    role: 'applicant',
    target: { type: 'application', id: app.id },
    summary: { sections: Object.keys(changes), version: input.version + 1 },
  };
  if (isPostgres(db)) {
    // One statement, the save and its audit leaf (one round trip): atomic on its own; in a
    // transaction only when one has a first statement to run with it (an Idempotency-Key claim).
    const leaf = auditLeaf(ctx, event);
    const saveOrConflict = async (ex: Executor) => {
      if (!(await saveDraftWithLeaf(ex, save, leaf))) throw new AppError('version_conflict');
    };
    if (firstStatementPending()) await db.transaction().execute(saveOrConflict);
    else await saveOrConflict(db);
  } else {
    await db.transaction().execute(async (trx) => {
      if (!(await saveDraft(trx, save))) throw new AppError('version_conflict');
      await appendAudit(trx, ctx, event);
    });
  }
  return { id: app.id, version: input.version + 1, updatedAt: ctx.now.toISOString(), content: saved };
}
