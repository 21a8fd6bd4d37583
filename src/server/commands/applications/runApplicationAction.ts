import type { ApplicationActionRequest } from '../../../domain/schemas/applications.js';
import type { ApplicationAction } from '../../../domain/workflow.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { authorizeAction } from '../../policies/applications.js';
import { gatherActionFacts } from './actionFacts.js';
import { applyTransition } from './applyTransition.js';
import { cancelForDishonesty } from './cancelForDishonesty.js';
import { loadVisibleApplication } from './loadApplication.js';
import { submitApplication } from './submitApplication.js';

/**
 * Takes one workflow action on an application (POST /applications/{id}/actions/{action}): loads it
 * within the actor's reach (else 404), gathers the facts, lets the policy decide (role, integrity,
 * state, guards, comment), then makes the change in one transaction. Submitting and cancelling for
 * dishonesty do more than move the status and have their own commands.
 */
export async function runApplicationAction(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  id: string;
  action: ApplicationAction;
  input: ApplicationActionRequest;
}) {
  const { db, ctx, action, input } = opts;
  const app = await loadVisibleApplication(db, ctx.actor, opts.id);
  const facts = await gatherActionFacts(db, ctx.actor, app, ctx.now);
  const { transition, role } = authorizeAction(ctx.actor, app, action, input.comment, facts);
  if (action === 'submit') {
    await submitApplication({ db, ctx, app, transition, role, pledge: input.pledge });
  } else if (action === 'cancel_for_dishonesty') {
    await cancelForDishonesty({ db, ctx, app, transition, role, comment: input.comment ?? '' });
  } else {
    await db
      .transaction()
      .execute((trx) => applyTransition(trx, ctx, { app, transition, role, comment: input.comment ?? null }));
  }
  return { id: app.id };
}
