import { AppError } from '../../../domain/errors.js';
import type { Actor } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { canSeeApplication } from '../../policies/applications.js';
import { presentPaperCopy, presentPaperCopyTotals } from '../../presenters/dispatch.js';
import { findApplicationRef, listPaperCopies } from '../../repositories/dispatches.js';

/** The paper copies registered for an application, for anyone who may see it. */
export async function listApplicationPaperCopies(opts: { db: Executor; actor: Actor; applicationId: string }) {
  const app = await findApplicationRef(opts.db, opts.applicationId);
  if (!app || !canSeeApplication(opts.actor, app)) throw new AppError('not_found');
  const copies = await listPaperCopies(opts.db, [app.id]);
  return { items: copies.map(presentPaperCopy), totals: presentPaperCopyTotals(copies, app.id) };
}
