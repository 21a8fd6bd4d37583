import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import { ROLES, type OrgKind, type Role } from '../../src/domain/roles.js';
import {
  actionsFor,
  APPLICATION_ACTIONS,
  APPLICATION_STATUSES,
  DISPATCH_ACTIONS,
  DISPATCH_STATUSES,
  findDispatchTransition,
  findTransition,
  type ApplicationAction,
  type ApplicationStatus,
  type DispatchAction,
  type DispatchStatus,
} from '../../src/domain/workflow.js';
import type { Actor } from '../../src/server/context.js';
import {
  allowedActions,
  authorizeAction,
  type ActionFacts,
  type ApplicationRef,
} from '../../src/server/policies/applications.js';

/**
 * The expected workflow, written out by hand from issue 3 item 4 (not derived from TRANSITIONS):
 * state → action → [next state, roles, comment required, guards].
 */
type Expect = { to: ApplicationStatus; roles: Role[]; comment: boolean; guards: string[]; system?: boolean };
const e = (to: ApplicationStatus, roles: Role[], comment = false, guards: string[] = [], system = false): Expect => ({
  to,
  roles,
  comment,
  guards,
  system,
});

const CANCEL = e('cancelled', ['province_officer', 'ministry_officer'], true);
// "any status from submitted on, filed included" — every status reached after a submission.
const CANCELLABLE: ApplicationStatus[] = [
  'submitted',
  'returned',
  'declined',
  'recommended',
  'dispatched_to_province',
  'accepted',
  'correction_requested',
  'province_recommended',
  'province_declined',
  'dispatched_to_ministry',
  'filed',
  'not_filed',
];

const EXPECTED: Record<ApplicationStatus, Partial<Record<ApplicationAction, Expect>>> = {
  draft: { submit: e('submitted', ['applicant'], false, ['before_applicant_deadline', 'content_complete']) },
  returned: { submit: e('submitted', ['applicant'], false, ['before_applicant_deadline', 'content_complete']) },
  submitted: {
    withdraw: e('withdrawn', ['applicant']),
    return: e('returned', ['city_reviewer'], true),
    decline: e('declined', ['city_reviewer'], true),
    recommend: e('recommended', ['city_reviewer'], false, ['checklist_reconfirmed']),
  },
  withdrawn: { reopen: e('draft', ['applicant'], false, ['before_applicant_deadline']) },
  declined: {},
  recommended: {
    unrecommend: e('submitted', ['city_reviewer'], false, ['not_in_sent_dispatch']),
    dispatch_to_province: e('dispatched_to_province', [], false, [], true),
  },
  dispatched_to_province: {
    accept: e('accepted', ['acceptance_clerk'], false, ['paper_copies_registered', 'checklist_reconfirmed']),
    request_correction: e('correction_requested', ['acceptance_clerk'], true),
  },
  correction_requested: {
    return: e('returned', ['city_reviewer'], true),
    recommend: e('recommended', ['city_reviewer'], false, ['checklist_reconfirmed']),
  },
  accepted: {
    province_recommend: e('province_recommended', ['province_officer']),
    province_decline: e('province_declined', ['province_officer'], true),
  },
  province_recommended: { dispatch_to_ministry: e('dispatched_to_ministry', [], false, [], true) },
  province_declined: {},
  dispatched_to_ministry: {
    file: e('filed', ['ministry_officer']),
    reject: e('not_filed', ['ministry_officer'], true),
  },
  filed: {},
  not_filed: {},
  cancelled: {},
};
for (const s of CANCELLABLE) EXPECTED[s].cancel_for_dishonesty = CANCEL;

describe('the application transition table', () => {
  it('lists exactly the statuses and actions of the issue', () => {
    expect([...APPLICATION_STATUSES].sort()).toEqual(Object.keys(EXPECTED).sort());
    const actions = new Set(Object.values(EXPECTED).flatMap((m) => Object.keys(m)));
    expect([...APPLICATION_ACTIONS].sort()).toEqual([...actions].sort());
  });

  for (const from of Object.keys(EXPECTED) as ApplicationStatus[]) {
    for (const action of APPLICATION_ACTIONS) {
      const want = EXPECTED[from][action];
      it(`${from} × ${action} → ${want ? want.to : '—'}`, () => {
        const t = findTransition(from, action);
        if (!want) {
          expect(t).toBeUndefined();
          return;
        }
        expect(t).toBeDefined();
        expect(t!.to).toBe(want.to);
        expect([...t!.roles].sort()).toEqual([...want.roles].sort());
        expect(!!t!.commentRequired).toBe(want.comment);
        expect([...(t!.guards ?? [])].sort()).toEqual([...want.guards].sort());
        expect(!!t!.system).toBe(!!want.system);
      });
    }
  }

  it('never offers a system transition through actionsFor, whatever the roles', () => {
    for (const from of APPLICATION_STATUSES) {
      const offered = actionsFor(from, ROLES);
      expect(offered).not.toContain('dispatch_to_province');
      expect(offered).not.toContain('dispatch_to_ministry');
      const expected = Object.entries(EXPECTED[from])
        .filter(([, x]) => !x.system)
        .map(([a]) => a);
      expect([...offered].sort()).toEqual(expected.sort());
    }
  });

  it('offers each role exactly its own actions', () => {
    for (const from of APPLICATION_STATUSES) {
      for (const role of ROLES) {
        const expected = Object.entries(EXPECTED[from])
          .filter(([, x]) => !x.system && x.roles.includes(role))
          .map(([a]) => a);
        expect([...actionsFor(from, [role])].sort(), `${from} as ${role}`).toEqual(expected.sort());
      }
    }
  });
});

describe('the dispatch transition table', () => {
  const want: Record<string, { to: DispatchStatus; roles: Role[] }> = {
    'city:draft:send': { to: 'sent', roles: ['city_approver'] },
    'city:draft:return': { to: 'returned', roles: ['city_approver'] },
    'city:sent:receive': { to: 'received', roles: ['acceptance_clerk'] },
    // Four eyes at the province too (issue 14): the officer builds, the 分管领导 signs or sends back.
    'province:draft:send': { to: 'sent', roles: ['province_approver'] },
    'province:draft:return': { to: 'returned', roles: ['province_approver'] },
    'province:sent:receive': { to: 'received', roles: ['ministry_officer'] },
  };
  for (const level of ['city', 'province'] as const)
    for (const from of DISPATCH_STATUSES)
      for (const action of DISPATCH_ACTIONS as readonly DispatchAction[]) {
        const w = want[`${level}:${from}:${action}`];
        it(`${level} ${from} × ${action} → ${w ? w.to : '—'}`, () => {
          const t = findDispatchTransition(level, from, action);
          if (!w) return expect(t).toBeUndefined();
          expect(t?.to).toBe(w.to);
          expect(t?.roles).toEqual(w.roles);
        });
      }
});

// ---- the application policy: role × jurisdiction × integrity ----

const NJ = 'city-320100';
const SZ = 'city-320500';
const JS = 'prov-320000';
const ZJ = 'prov-330000';
const UNIT = 'unit-a';

const actor = (
  role: Role,
  orgKind: OrgKind,
  org: { orgId: string; provinceId?: string | null; cityId?: string | null },
): Actor => ({
  userId: `u-${role}-${org.orgId}`,
  username: role,
  displayName: role,
  roles: [role],
  orgId: org.orgId,
  orgKind,
  provinceId: org.provinceId ?? null,
  cityId: org.cityId ?? null,
});

const app = (status: ApplicationStatus): ApplicationRef => ({
  id: 'app-1',
  unit_id: UNIT,
  city_id: NJ,
  province_id: JS,
  status,
});

const clean: ActionFacts = { conflicted: false, guards: {} };
const conflicted: ActionFacts = { conflicted: true, guards: {} };

/** Who acts in the application's own jurisdiction, and who is just outside it. */
const IN = {
  applicant: actor('applicant', 'applicant_unit', { orgId: UNIT, provinceId: JS, cityId: NJ }),
  city_reviewer: actor('city_reviewer', 'city', { orgId: NJ, provinceId: JS, cityId: NJ }),
  city_approver: actor('city_approver', 'city', { orgId: NJ, provinceId: JS, cityId: NJ }),
  acceptance_clerk: actor('acceptance_clerk', 'acceptance_centre', { orgId: 'js-centre', provinceId: JS }),
  province_officer: actor('province_officer', 'province_dept', { orgId: 'js-dept', provinceId: JS }),
  ministry_officer: actor('ministry_officer', 'ministry', { orgId: 'most' }),
};
const OUT: Record<string, Actor> = {
  'applicant of another unit': actor('applicant', 'applicant_unit', { orgId: 'unit-b', provinceId: JS, cityId: NJ }),
  'reviewer of another city': actor('city_reviewer', 'city', { orgId: SZ, provinceId: JS, cityId: SZ }),
  'approver of another city': actor('city_approver', 'city', { orgId: SZ, provinceId: JS, cityId: SZ }),
  'clerk of another province': actor('acceptance_clerk', 'acceptance_centre', { orgId: 'zj-centre', provinceId: ZJ }),
  'officer of another province': actor('province_officer', 'province', { orgId: ZJ, provinceId: ZJ }),
  expert: actor('expert', 'expert_unit', { orgId: 'seu', provinceId: JS, cityId: NJ }),
  system_admin: actor('system_admin', 'province_dept', { orgId: 'js-dept', provinceId: JS }),
  security_admin: actor('security_admin', 'province_dept', { orgId: 'js-dept', provinceId: JS }),
  audit_admin: actor('audit_admin', 'province_dept', { orgId: 'js-dept', provinceId: JS }),
};

const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
    return undefined;
  } catch (err) {
    return err instanceof AppError ? err.code : 'not an AppError';
  }
};

describe('allowedActions and authorizeAction', () => {
  it('in its own jurisdiction, each role is offered exactly its actions in each state', () => {
    for (const [role, a] of Object.entries(IN)) {
      for (const status of APPLICATION_STATUSES) {
        const expected = Object.entries(EXPECTED[status])
          .filter(([, x]) => !x.system && x.roles.includes(role as Role))
          .map(([act]) => act);
        expect(allowedActions(a, app(status), clean).sort(), `${role} on ${status}`).toEqual(expected.sort());
        for (const action of expected)
          expect(
            codeOf(() => authorizeAction(a, app(status), action as ApplicationAction, '意见', clean)),
            `${role} ${action} on ${status}`,
          ).toBeUndefined();
      }
    }
  });

  it('outside the jurisdiction nothing is offered and every action is 404', () => {
    for (const [who, a] of Object.entries(OUT)) {
      for (const status of APPLICATION_STATUSES) {
        expect(allowedActions(a, app(status), clean), `${who} on ${status}`).toEqual([]);
        for (const action of APPLICATION_ACTIONS)
          expect(
            codeOf(() => authorizeAction(a, app(status), action, '意见', clean)),
            `${who} ${action}`,
          ).toBe('not_found');
      }
    }
  });

  it('in the jurisdiction, a wrong role is 403 and a wrong state or system action is 409', () => {
    expect(codeOf(() => authorizeAction(IN.city_approver, app('submitted'), 'recommend', undefined, clean))).toBe(
      'forbidden',
    );
    expect(codeOf(() => authorizeAction(IN.applicant, app('submitted'), 'recommend', undefined, clean))).toBe(
      'forbidden',
    );
    expect(codeOf(() => authorizeAction(IN.city_reviewer, app('draft'), 'recommend', undefined, clean))).toBe(
      'invalid_transition',
    );
    expect(
      codeOf(() => authorizeAction(IN.city_reviewer, app('recommended'), 'dispatch_to_province', undefined, clean)),
    ).toBe('invalid_transition');
    expect(
      codeOf(() =>
        authorizeAction(IN.province_officer, app('province_recommended'), 'dispatch_to_ministry', undefined, clean),
      ),
    ).toBe('invalid_transition');
  });

  it('a missing comment is 422 where one is required', () => {
    expect(codeOf(() => authorizeAction(IN.city_reviewer, app('submitted'), 'return', '  ', clean))).toBe(
      'validation_failed',
    );
    expect(
      codeOf(() => authorizeAction(IN.city_reviewer, app('submitted'), 'recommend', undefined, clean)),
    ).toBeUndefined();
  });

  it('a declared conflict of interest removes every reviewing action (403), but not the applicant’s own', () => {
    const reviewing: [Actor, ApplicationStatus, ApplicationAction][] = [
      [IN.city_reviewer, 'submitted', 'recommend'],
      [IN.acceptance_clerk, 'dispatched_to_province', 'request_correction'],
      [IN.province_officer, 'accepted', 'province_recommend'],
      [IN.ministry_officer, 'dispatched_to_ministry', 'file'],
    ];
    for (const [a, status, action] of reviewing) {
      expect(allowedActions(a, app(status), conflicted), `${a.username}`).toEqual([]);
      expect(codeOf(() => authorizeAction(a, app(status), action, '意见', conflicted))).toBe('forbidden');
    }
    expect(allowedActions(IN.applicant, app('submitted'), conflicted)).toEqual(['withdraw']);
  });

  it('an account of the applicant unit itself never acts as a reviewer', () => {
    // A clerk-role account sitting in the applicant unit: reaches the province, but it is the unit itself.
    const own = actor('acceptance_clerk', 'acceptance_centre', { orgId: UNIT, provinceId: JS, cityId: NJ });
    expect(allowedActions(own, app('dispatched_to_province'), clean)).toEqual([]);
    expect(codeOf(() => authorizeAction(own, app('dispatched_to_province'), 'request_correction', '意见', clean))).toBe(
      'forbidden',
    );
  });

  it('failed guards hide the action and refuse it with a Chinese reason', () => {
    const noCopies: ActionFacts = { conflicted: false, guards: { paper_copies_registered: false } };
    expect(allowedActions(IN.acceptance_clerk, app('dispatched_to_province'), noCopies)).toEqual([
      'request_correction',
    ]);
    expect(
      codeOf(() => authorizeAction(IN.acceptance_clerk, app('dispatched_to_province'), 'accept', undefined, noCopies)),
    ).toBe('invalid_transition');
    const sent: ActionFacts = { conflicted: false, guards: { not_in_sent_dispatch: false } };
    expect(allowedActions(IN.city_reviewer, app('recommended'), sent)).toEqual([]);
    expect(codeOf(() => authorizeAction(IN.city_reviewer, app('recommended'), 'unrecommend', undefined, sent))).toBe(
      'invalid_transition',
    );
    // After a resubmission, last round's ticks are confirmed again before the level decides (issue 14).
    const unconfirmed: ActionFacts = { conflicted: false, guards: { checklist_reconfirmed: false } };
    expect(allowedActions(IN.city_reviewer, app('submitted'), unconfirmed)).not.toContain('recommend');
    expect(codeOf(() => authorizeAction(IN.city_reviewer, app('submitted'), 'recommend', undefined, unconfirmed))).toBe(
      'invalid_transition',
    );
    const late: ActionFacts = { conflicted: false, guards: { before_applicant_deadline: false } };
    expect(allowedActions(IN.applicant, app('draft'), late)).toEqual([]);
    expect(codeOf(() => authorizeAction(IN.applicant, app('draft'), 'submit', undefined, late))).toBe(
      'deadline_passed',
    );
    expect(codeOf(() => authorizeAction(IN.applicant, app('withdrawn'), 'reopen', undefined, late))).toBe(
      'deadline_passed',
    );
    // content_complete is never decided by the policy: submit stays offered and is judged at submission.
    const incomplete: ActionFacts = { conflicted: false, guards: { content_complete: false } };
    expect(allowedActions(IN.applicant, app('draft'), incomplete)).toEqual(['submit']);
  });
});
