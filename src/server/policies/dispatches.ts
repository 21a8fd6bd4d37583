import { formatBeijing } from '../../domain/schemas/batches.js';
import type { DispatchSendNote } from '../../domain/schemas/dispatches.js';
import { AppError } from '../../domain/errors.js';
import type { Role } from '../../domain/roles.js';
import {
  DISPATCH_EDITABLE_STATUSES,
  DISPATCH_TRANSITIONS,
  findDispatchTransition,
  type DispatchAction,
  type DispatchLevel,
  type DispatchStatus,
  type DispatchTransition,
} from '../../domain/workflow.js';
import type { Actor } from '../context.js';

/** The columns of a dispatch that access decisions need. */
export interface DispatchRef {
  level: string;
  from_org_id: string;
  province_id: string;
  status: string;
  created_by: string;
}

/**
 * One part of what an actor may see: dispatches of a level, optionally from one org, of one
 * province, in some statuses. The repository turns the clauses into SQL; canSeeDispatch applies
 * the same clauses in memory, so list and detail never disagree.
 */
export interface DispatchScopeClause {
  level: DispatchLevel;
  fromOrgId?: string;
  provinceId?: string;
  statuses?: DispatchStatus[];
}

const SENT: DispatchStatus[] = ['sent', 'received'];

/**
 * A city bureau sees its own dispatches; the acceptance centre and the province department see
 * their province's city dispatches once sent, and their province's own dispatches; the Ministry
 * sees province dispatches once sent. Everyone else sees none.
 */
export function dispatchScope(actor: Actor): DispatchScopeClause[] {
  const clauses: DispatchScopeClause[] = [];
  for (const role of actor.roles) {
    switch (role) {
      case 'city_reviewer':
      case 'city_approver':
        if (actor.orgKind === 'city' && actor.cityId) clauses.push({ level: 'city', fromOrgId: actor.cityId });
        break;
      case 'acceptance_clerk':
      case 'province_officer':
        if (actor.provinceId) {
          clauses.push({ level: 'city', provinceId: actor.provinceId, statuses: SENT });
          clauses.push({ level: 'province', provinceId: actor.provinceId });
        }
        break;
      case 'province_approver':
        // The province's second signature (分管领导): the province's own lists to the Ministry.
        if (actor.provinceId) clauses.push({ level: 'province', provinceId: actor.provinceId });
        break;
      case 'ministry_officer':
        clauses.push({ level: 'province', statuses: SENT });
        break;
      default:
        // applicants, experts and the three administrators see no dispatch
        break;
    }
  }
  return clauses;
}

const matches = (c: DispatchScopeClause, d: DispatchRef) =>
  c.level === d.level &&
  (!c.fromOrgId || c.fromOrgId === d.from_org_id) &&
  (!c.provinceId || c.provinceId === d.province_id) &&
  (!c.statuses || c.statuses.includes(d.status as DispatchStatus));

/** Whether the actor may see the dispatch at all (else: 404). */
export const canSeeDispatch = (actor: Actor, d: DispatchRef): boolean =>
  dispatchScope(actor).some((c) => matches(c, d));

/** Whether a role, held by the actor, reaches this dispatch to act on it. */
function roleReachesDispatch(role: Role, actor: Actor, d: DispatchRef): boolean {
  switch (role) {
    case 'city_reviewer':
    case 'city_approver':
      return d.level === 'city' && actor.orgKind === 'city' && d.from_org_id === actor.cityId;
    case 'acceptance_clerk':
      return d.level === 'city' && d.province_id === actor.provinceId;
    case 'province_officer':
    case 'province_approver':
      return d.level === 'province' && d.province_id === actor.provinceId;
    case 'ministry_officer':
      return d.level === 'province';
    default:
      return false;
  }
}

/** The level of dispatch the actor may assemble, or null: a city reviewer the city's, a province officer the province's. */
export function dispatchCreateLevel(actor: Actor): { level: DispatchLevel; role: Role } | null {
  if (actor.roles.includes('city_reviewer') && actor.orgKind === 'city' && actor.cityId)
    return { level: 'city', role: 'city_reviewer' };
  if (actor.roles.includes('province_officer') && actor.provinceId)
    return { level: 'province', role: 'province_officer' };
  return null;
}

/** The level of dispatch the actor assembles (403 for anyone who assembles none). */
export function creatingLevel(actor: Actor): { level: DispatchLevel; role: Role } {
  const creating = dispatchCreateLevel(actor);
  if (!creating) throw new AppError('forbidden', '只有市科技局经办人或省科技厅业务处室可以组织报送批');
  return creating;
}

const creatorRole = (level: string): Role => (level === 'city' ? 'city_reviewer' : 'province_officer');

/** Facts about the dispatch that the send rules need. */
export interface DispatchFacts {
  /** The deadline in force for sending, null when none is set. */
  deadline: Date | null;
  now: Date;
  /** Names of applicant units in the dispatch the actor declared a conflict of interest with. */
  conflictedUnits: string[];
}

const inTime = (f: DispatchFacts) => !f.deadline || f.now.getTime() <= f.deadline.getTime();

/** Editing (PATCH): the creating organisation's reviewer (city) or officer (province), while a draft or returned. */
export function authorizeDispatchEdit(actor: Actor, d: DispatchRef): Role {
  if (!canSeeDispatch(actor, d)) throw new AppError('not_found');
  const role = creatorRole(d.level);
  if (!actor.roles.includes(role) || !roleReachesDispatch(role, actor, d))
    throw new AppError(
      'forbidden',
      d.level === 'city' ? '只有本市科技局经办人可以修改报送批' : '只有本省科技厅业务处室可以修改报送批',
    );
  if (!DISPATCH_EDITABLE_STATUSES.includes(d.status as DispatchStatus))
    throw new AppError('invalid_transition', '报送批已报送，不能再修改');
  return role;
}

const STATE_MESSAGES: Record<DispatchAction, Partial<Record<DispatchStatus, string>>> = {
  send: { sent: '该报送批已报送，不能重复报送', received: '该报送批已被接收，不能重复报送' },
  receive: {
    draft: '该报送批尚未报送，不能接收',
    returned: '该报送批已退回经办人，尚未报送，不能接收',
    received: '该报送批已接收，不能重复接收',
  },
  return: {
    returned: '该报送批已退回经办人，等待修改后重新提交签发',
    sent: '该报送批已报送，不能退回',
    received: '该报送批已被接收，不能退回',
  },
};

/**
 * Checks one action on a dispatch: 404 outside what the actor sees, 403 wrong role, four-eyes or
 * conflict of interest, 409 wrong state or deadline passed. Returns the transition and acting role.
 */
export function authorizeDispatchAction(
  actor: Actor,
  d: DispatchRef,
  action: DispatchAction,
  facts: DispatchFacts,
): { transition: DispatchTransition; role: Role } {
  if (!canSeeDispatch(actor, d)) throw new AppError('not_found');
  const roles = DISPATCH_TRANSITIONS.filter((t) => t.level === d.level && t.action === action).flatMap((t) => t.roles);
  const role = roles.find((r) => actor.roles.includes(r) && roleReachesDispatch(r, actor, d));
  if (!role) throw new AppError('forbidden', forbiddenMessage(d.level as DispatchLevel, action));
  const t = findDispatchTransition(d.level as DispatchLevel, d.status as DispatchStatus, action);
  if (!t) throw new AppError('invalid_transition', STATE_MESSAGES[action][d.status as DispatchStatus]);
  if (action === 'send' || action === 'return') {
    if (d.created_by === actor.userId)
      throw new AppError(
        'forbidden',
        '报送批须由经办人以外的另一名审核人签发报送（双人复核）；您组织了该报送批，不能自己签发或退回',
      );
  }
  if (action === 'send') {
    if (facts.conflictedUnits.length > 0)
      throw new AppError(
        'forbidden',
        `您已声明与${facts.conflictedUnits.join('、')}回避，不能签发包含其申报的报送批，请由其他审核人报送`,
      );
  }
  // After the deadline the package stays as it is (neither sent nor sent back) until the deadline is extended.
  if (action === 'send' || action === 'return') {
    if (!inTime(facts))
      throw new AppError(
        'deadline_passed',
        `已超过${d.level === 'city' ? '市科技局报送省科技厅' : '省科技厅报送科技部'}的截止时间（${formatBeijing(facts.deadline!)}），不能报送；如需报送，请先由设定截止时间的单位延期`,
      );
  }
  return { transition: t, role };
}

function forbiddenMessage(level: DispatchLevel, action: DispatchAction): string {
  if (action === 'send')
    return level === 'city'
      ? '只有本市科技局审核人可以签发报送'
      : '只有本省科技厅分管领导可以签发报送科技部（双人复核：业务处室组织，分管领导签发）';
  if (action === 'return')
    return level === 'city' ? '只有本市科技局审核人可以退回报送批' : '只有本省科技厅分管领导可以退回报送批';
  return level === 'city' ? '只有本省受理单位可以接收市科技局的报送' : '只有科技部业务司局可以接收省科技厅的报送';
}

/** The actions the actor may take now; sent to the client, which shows exactly these. */
export function allowedDispatchActions(
  actor: Actor,
  d: DispatchRef,
  facts: DispatchFacts,
): ('edit' | DispatchAction)[] {
  const out: ('edit' | DispatchAction)[] = [];
  const ok = (f: () => unknown) => {
    try {
      f();
      return true;
    } catch {
      return false;
    }
  };
  if (ok(() => authorizeDispatchEdit(actor, d))) out.push('edit');
  for (const action of ['send', 'return', 'receive'] as const)
    if (ok(() => authorizeDispatchAction(actor, d, action, facts))) out.push(action);
  return out;
}

/**
 * The note a draft's detail shows this viewer about its signature (allowed: allowedDispatchActions).
 * Province level: the 分管领导 who may not sign is told the four-eyes rule, anyone else that the draft
 * waits for the leader. City level: an approver who may sign is told so, one who may not the four-eyes
 * rule, the reviewers that the draft waits for the approver.
 */
export function dispatchSendNote(
  actor: Actor,
  d: DispatchRef,
  allowed: readonly ('edit' | DispatchAction)[],
): DispatchSendNote | null {
  if (d.status !== 'draft') return null;
  const canSend = allowed.includes('send');
  if (d.level === 'province') {
    if (canSend) return null;
    return actor.roles.includes('province_approver') ? 'four_eyes' : 'awaiting_signature';
  }
  if (canSend) return 'can_send';
  if (actor.roles.includes('city_approver')) return 'four_eyes';
  if (actor.roles.includes('city_reviewer')) return 'awaiting_signature';
  return null;
}
