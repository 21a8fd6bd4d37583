import { AppError } from '../../domain/errors.js';
import { mayExtendDeadline, reachesDeadlineScope, setsDeadlineKind } from '../../domain/deadline-rules.js';
import {
  DEADLINE_KINDS,
  deadlineKindLabels,
  formatBeijing,
  type BatchAction,
  type DeadlineAction,
  type DeadlineKind,
} from '../../domain/schemas/batches.js';
import type { Actor } from '../context.js';
import { assertRole } from './common.js';

/**
 * Batches are opened, edited and closed by the province officer (a business power, so not the system
 * administrator's: 三员分立, issue 11 item 5).
 */
export function assertCanManageBatches(actor: Actor): void {
  assertRole(actor, 'province_officer');
}

/** Throws 403 unless the actor may set a deadline of this kind for this scope. */
export function assertCanSetDeadline(actor: Actor, kind: DeadlineKind, scopeOrgId: string | null): void {
  if (!setsDeadlineKind(actor, kind)) throw new AppError('forbidden', `无权设置${deadlineKindLabels[kind]}`);
  if (!reachesDeadlineScope(actor, kind, scopeOrgId)) {
    throw new AppError(
      'forbidden',
      kind === 'applicant' ? '只能设置本市的申报单位截止时间' : '只能设置本省的市科技局报送截止时间',
    );
  }
}

/** Whoever set a deadline may extend it: the same organisation, in a role that sets deadlines of that kind. */
export function assertCanExtendDeadline(
  actor: Actor,
  deadline: { kind: string; scope_org_id: string | null; set_by_org_id: string },
): void {
  if (!mayExtendDeadline(actor, { kind: deadline.kind as DeadlineKind, setByOrgId: deadline.set_by_org_id }))
    throw new AppError('forbidden', '只有设置该截止时间的单位可以延期');
}

/** Whether the actor may create batches (the list's actions). */
export const batchListActions = (actor: Actor | null): 'create'[] =>
  actor?.roles.includes('province_officer') ? ['create'] : [];

/** The steps and scopes whose deadline the actor sets: its own city's, province's, or the national one. */
export function deadlineScopesOf(actor: Actor | null): { kind: DeadlineKind; scopeOrgId: string | null }[] {
  if (!actor) return [];
  const scopeOf = (kind: DeadlineKind) =>
    kind === 'province' ? null : kind === 'city' ? actor.provinceId : actor.cityId;
  return DEADLINE_KINDS.filter((kind) => {
    const scope = scopeOf(kind);
    return (kind === 'province' || scope !== null) && reachesDeadlineScope(actor, kind, scope);
  }).map((kind) => ({ kind, scopeOrgId: scopeOf(kind) }));
}

/** What the actor may do with a batch: edit it (the province officer), set a deadline while it is open. */
export function batchActions(actor: Actor | null, batch: { status: string }): BatchAction[] {
  const out: BatchAction[] = [];
  if (actor?.roles.includes('province_officer')) out.push('edit');
  if (batch.status === 'open' && deadlineScopesOf(actor).length > 0) out.push('set_deadline');
  return out;
}

/** What the actor may do with a deadline: extend it while the batch is open, if its organisation set it. */
export function deadlineActions(
  actor: Actor | null,
  deadline: { kind: string; set_by_org_id: string },
  batch: { status: string },
): DeadlineAction[] {
  if (!actor || batch.status !== 'open') return [];
  return mayExtendDeadline(actor, { kind: deadline.kind as DeadlineKind, setByOrgId: deadline.set_by_org_id })
    ? ['extend']
    : [];
}

/** The nearest set deadline above a step, and the latest set deadline below it. */
export interface CascadeBounds {
  upper: { kind: DeadlineKind; at: Date } | null;
  lowerLatest: Date | null;
}

/**
 * The cascade rule: a step's deadline is no later than the next step's ("each city sets its own,
 * no later than the next") and no earlier than the deadlines already set below it.
 * Returns a Chinese problem, or null.
 */
export function cascadeProblem(kind: DeadlineKind, dueAt: Date, b: CascadeBounds): string | null {
  if (b.upper && dueAt.getTime() > b.upper.at.getTime()) {
    return `${deadlineKindLabels[kind]}不得晚于${deadlineKindLabels[b.upper.kind]}（${formatBeijing(b.upper.at)}，北京时间）`;
  }
  if (b.lowerLatest && dueAt.getTime() < b.lowerLatest.getTime()) {
    return `已设置的下级截止时间（最晚 ${formatBeijing(b.lowerLatest)}，北京时间）晚于该时间，${deadlineKindLabels[kind]}不得早于下级截止时间`;
  }
  return null;
}
