import { AppError } from '../../../domain/errors.js';
import type { Actor } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { canSeeApplication, reachesByAssignment } from '../../policies/applications.js';
import { findApplication, type ApplicationRow } from '../../repositories/applications.js';
import { isAssignedExpert } from '../../repositories/expertAssignments.js';

/**
 * Loads an application the actor may see; 404 when it does not exist or lies outside the actor's
 * reach (an expert reaches the applications assigned to it).
 */
export async function loadVisibleApplication<R extends Omit<ApplicationRow, 'content'> = ApplicationRow>(
  db: Executor,
  actor: Actor,
  id: string,
  find: (db: Executor, id: string) => Promise<R | undefined> = findApplication as (
    db: Executor,
    id: string,
  ) => Promise<R | undefined>,
): Promise<R> {
  const app = await find(db, id);
  if (!app) throw new AppError('not_found');
  if (canSeeApplication(actor, app)) return app;
  const assignedExpert = reachesByAssignment(actor) && (await isAssignedExpert(db, actor.userId, app.id));
  if (!canSeeApplication(actor, app, { assignedExpert })) throw new AppError('not_found');
  return app;
}
