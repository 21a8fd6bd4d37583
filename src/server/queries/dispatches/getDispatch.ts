import { AppError } from '../../../domain/errors.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { allowedDispatchActions, canSeeDispatch, dispatchSendNote } from '../../policies/dispatches.js';
import { presentDispatch } from '../../presenters/dispatch.js';
import { findDispatch, findDispatchItems, listPaperCopies } from '../../repositories/dispatches.js';
import { dispatchFacts } from '../../commands/dispatches/dispatchFacts.js';

/** One dispatch as the actor sees it, with the actions the actor may take; 404 when out of sight. */
export async function getDispatch(opts: { db: Executor; ctx: RequestContext & { actor: Actor }; id: string }) {
  const { db, ctx, id } = opts;
  const d = await findDispatch(db, id);
  if (!d || !canSeeDispatch(ctx.actor, d)) throw new AppError('not_found');
  const items = await findDispatchItems(db, id);
  const copies = await listPaperCopies(
    db,
    items.map((i) => i.id),
  );
  const facts = await dispatchFacts(db, ctx, d, items);
  const allowedActions = allowedDispatchActions(ctx.actor, d, facts);
  return presentDispatch(d, items, copies, {
    deadline: facts.deadline,
    allowedActions,
    sendNote: dispatchSendNote(ctx.actor, d, allowedActions),
  });
}
