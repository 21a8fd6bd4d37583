import type { FastifyRequest } from 'fastify';
import type { Actor } from '../context.js';
import { criteriaFor, loadVisibleAssignment } from '../commands/experts/assignments.js';
import type { Executor } from '../db/database.js';
import { requireActor } from '../plugins/auth.js';
import { presentAssignment } from '../presenters/experts.js';
import type { AssignmentRow } from '../repositories/expertAssignments.js';

/** Assignments as the actor sees them, each with the criteria it is (or was) scored on. */
export async function presentAll(db: Executor, rows: AssignmentRow[], actor: Actor, now: Date) {
  const criteria = await criteriaFor(db, rows);
  return rows.map((r) => presentAssignment(r, criteria.get(r.id)!, actor, now));
}

/** The `{ assignment }` response of one assignment the requester may see (else 404). */
export async function assignmentResponseOf(db: Executor, req: FastifyRequest, id: string) {
  const actor = requireActor(req);
  const [a] = await presentAll(db, [await loadVisibleAssignment(db, actor, id)], actor, req.ctx().now);
  return { assignment: a! };
}
