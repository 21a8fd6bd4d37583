import { actionsFor, findTransition, type ApplicationStatus, type Guard } from '../../../domain/workflow.js';
import type { Actor } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { reachesByAssignment, type ActionFacts, type ApplicationRef } from '../../policies/applications.js';
import { inSentDispatch, paperCopiesCount } from '../../repositories/applications.js';
import { hasConflict } from '../../repositories/conflicts.js';
import { inTime } from '../../../domain/deadline-rules.js';
import { effectiveDeadline } from '../../repositories/deadlines.js';
import { PAPER_COPIES_EXPECTED } from '../../../domain/verification-code.js';
import { mustAcknowledgeIntegrity, REVIEW_ACTIONS_NEEDING_ACKNOWLEDGEMENT } from '../../policies/review.js';
import { isAssignedExpert } from '../../repositories/expertAssignments.js';
import { hasCurrentAcknowledgement } from '../../repositories/reviewConfigs.js';
import { DEFAULT_INTEGRITY_VERSION } from '../review/loadReviewConfig.js';
import { readChecklist } from '../review/reviewChecklist.js';

/**
 * The facts the policy needs for the actor and the application: the declared conflict, and the
 * guards of the transitions the actor's roles could take from the current status (only those are
 * looked up). content_complete is checked by the submit command itself.
 */
export async function gatherActionFacts(
  db: Executor,
  actor: Actor,
  app: ApplicationRef & { batch_id: string },
  now: Date,
): Promise<ActionFacts> {
  const status = app.status as ApplicationStatus;
  const guards = new Set<Guard>();
  const actions = actionsFor(status, actor.roles);
  for (const action of actions) {
    for (const g of findTransition(status, action)?.guards ?? []) guards.add(g);
  }
  const facts: ActionFacts = {
    conflicted: actor.orgId === app.unit_id ? false : await hasConflict(db, actor.userId, app.unit_id),
    guards: {},
  };
  if (guards.has('before_applicant_deadline')) {
    const deadline = await effectiveDeadline(db, app.batch_id, 'applicant', {
      cityId: app.city_id,
      provinceId: app.province_id,
    });
    facts.guards.before_applicant_deadline = inTime(deadline, now);
  }
  if (guards.has('not_in_sent_dispatch')) facts.guards.not_in_sent_dispatch = !(await inSentDispatch(db, app.id));
  // The city review waits for the reviewer's acknowledgement of the batch's integrity rules.
  if (
    mustAcknowledgeIntegrity(actor) &&
    actions.some((a) => (REVIEW_ACTIONS_NEEDING_ACKNOWLEDGEMENT as readonly string[]).includes(a))
  )
    facts.integrityAcknowledged = await hasCurrentAcknowledgement(db, {
      userId: actor.userId,
      batchId: app.batch_id,
      provinceId: app.province_id,
      defaultVersion: DEFAULT_INTEGRITY_VERSION,
    });
  if (reachesByAssignment(actor)) facts.assignedExpert = await isAssignedExpert(db, actor.userId, app.id);
  if (guards.has('paper_copies_registered'))
    facts.guards.paper_copies_registered = (await paperCopiesCount(db, app.id)) >= PAPER_COPIES_EXPECTED;
  // After a resubmission the ticks of 上一轮 are confirmed again at the level deciding now.
  if (guards.has('checklist_reconfirmed')) {
    const level = actions.includes('accept') ? 'acceptance' : 'city';
    facts.guards.checklist_reconfirmed = (await readChecklist(db, app, level)).pendingReconfirmation.length === 0;
  }
  return facts;
}
