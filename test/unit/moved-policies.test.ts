import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/domain/roles.js';
import { APPLICATION_STATUSES, type ApplicationStatus } from '../../src/domain/workflow.js';
import type { Actor } from '../../src/server/context.js';
import { assertMayListAccounts } from '../../src/server/policies/accounts.js';
import {
  assertCanScanPaperCopy,
  exportingUnitOf,
  reachesByAssignment,
  seesProvinceRanks,
  type ApplicationRef,
} from '../../src/server/policies/applications.js';
import { assertMayReadAudit } from '../../src/server/policies/audit.js';
import { authorizeChecklistSave, checklistEditableAt } from '../../src/server/policies/checklists.js';
import { dashboardSections } from '../../src/server/policies/dashboard.js';
import {
  assertMaySetOwnExpertFields,
  assessmentActions,
  assignmentListScope,
  authorizeAssignmentChange,
  authorizeFieldVisitRead,
  bulkAssignProvinceOf,
  canRecordFieldVisit,
  type AssignmentRef,
} from '../../src/server/policies/experts.js';
import { authorizeRegistrationAccess, registrationCityOf } from '../../src/server/policies/registrations.js';
import { authorizeSimilarityPairs } from '../../src/server/policies/similarity.js';
import { actorWith, outcome, UNIT } from '../helpers/actors.js';

/**
 * The role checks moved out of commands, queries and routes into named policies (issue 13 item 3),
 * over every role and, where a state matters, every application status. Expectations are written by
 * hand from the behaviour before the move, not derived from the policies.
 */

const ref = (status: string, where: 'inside' | 'outside' = 'inside'): ApplicationRef =>
  where === 'inside'
    ? { id: 'a', unit_id: UNIT, city_id: 'nj', province_id: 'js', status }
    : { id: 'b', unit_id: 'other', city_id: 'sz', province_id: 'zj', status };

const ONLY =
  (...roles: Role[]) =>
  (r: Role) =>
    roles.includes(r);

describe('single-role questions, every role', () => {
  const table: [string, (a: Actor) => unknown, (r: Role) => boolean][] = [
    ['reachesByAssignment', reachesByAssignment, ONLY('expert')],
    ['exportingUnitOf', (a) => exportingUnitOf(a) === UNIT, ONLY('applicant')],
    ['seesProvinceRanks', seesProvinceRanks, ONLY('acceptance_clerk', 'province_officer', 'ministry_officer')],
    ['assertCanScanPaperCopy', (a) => outcome(() => assertCanScanPaperCopy(a)) === 'ok', ONLY('acceptance_clerk')],
    ['assertMayReadAudit', (a) => outcome(() => assertMayReadAudit(a)) === 'ok', ONLY('audit_admin')],
    ['assertMayListAccounts', (a) => outcome(() => assertMayListAccounts(a)) === 'ok', ONLY('security_admin')],
    ['assertMaySetOwnExpertFields', (a) => outcome(() => assertMaySetOwnExpertFields(a)) === 'ok', ONLY('expert')],
    ['bulkAssignProvinceOf', (a) => outcome(() => bulkAssignProvinceOf(a)) === 'ok', ONLY('province_officer')],
    ['registrationCityOf', (a) => outcome(() => registrationCityOf(a)) === 'ok', ONLY('city_reviewer')],
  ];
  for (const role of ROLES)
    it(role, () => {
      const actor = actorWith(role);
      for (const [name, f, expected] of table) expect(Boolean(f(actor)), name).toBe(expected(role));
    });

  it('the values returned', () => {
    expect(bulkAssignProvinceOf(actorWith('province_officer'))).toBe('js');
    expect(registrationCityOf(actorWith('city_reviewer'))).toBe('nj');
    expect(exportingUnitOf(actorWith('city_reviewer'))).toBeNull();
    // A province officer without a province, a city reviewer outside a city bureau: 403.
    expect(outcome(() => bulkAssignProvinceOf({ ...actorWith('province_officer'), provinceId: null }))).toBe(
      'forbidden',
    );
    expect(outcome(() => registrationCityOf({ ...actorWith('city_reviewer'), orgKind: 'province' }))).toBe('forbidden');
  });
});

describe('a registration: only a city reviewer (403), only of its city (404)', () => {
  const expected: Record<Role, [own: string, other: string, missing: string]> = {
    applicant: ['forbidden', 'forbidden', 'forbidden'],
    city_reviewer: ['ok', 'not_found', 'not_found'],
    city_approver: ['forbidden', 'forbidden', 'forbidden'],
    acceptance_clerk: ['forbidden', 'forbidden', 'forbidden'],
    province_officer: ['forbidden', 'forbidden', 'forbidden'],
    province_approver: ['forbidden', 'forbidden', 'forbidden'],
    expert: ['forbidden', 'forbidden', 'forbidden'],
    ministry_officer: ['forbidden', 'forbidden', 'forbidden'],
    system_admin: ['forbidden', 'forbidden', 'forbidden'],
    security_admin: ['forbidden', 'forbidden', 'forbidden'],
    audit_admin: ['forbidden', 'forbidden', 'forbidden'],
  };
  for (const role of ROLES)
    it(role, () => {
      const a = actorWith(role);
      expect([
        outcome(() => authorizeRegistrationAccess(a, { city_id: 'nj' })),
        outcome(() => authorizeRegistrationAccess(a, { city_id: 'sz' })),
        outcome(() => authorizeRegistrationAccess(a, undefined)),
      ]).toEqual(expected[role]);
    });
});

describe('the similarity pairs: the province officer its province, the Ministry all', () => {
  for (const role of ROLES)
    it(role, () => {
      const a = actorWith(role);
      const expected =
        role === 'province_officer' ? { provinceId: 'js' } : role === 'ministry_officer' ? { provinceId: null } : null;
      if (expected) expect(authorizeSimilarityPairs(a)).toEqual(expected);
      else expect(outcome(() => authorizeSimilarityPairs(a))).toBe('forbidden');
    });
});

describe('checklists: role × level × status (inside the jurisdiction, not conflicted)', () => {
  const CITY: ApplicationStatus[] = ['submitted', 'correction_requested'];
  const ACCEPTANCE: ApplicationStatus[] = ['dispatched_to_province'];
  for (const role of ROLES)
    for (const status of APPLICATION_STATUSES)
      it(`${role} · ${status}`, () => {
        const a = actorWith(role);
        const app = ref(status);
        const city = role === 'city_reviewer' ? (CITY.includes(status) ? 'ok' : 'invalid_transition') : 'forbidden';
        const acceptance =
          role === 'acceptance_clerk' ? (ACCEPTANCE.includes(status) ? 'ok' : 'invalid_transition') : 'forbidden';
        expect(
          outcome(() => authorizeChecklistSave(a, app, 'city', false)),
          'city',
        ).toBe(city);
        expect(
          outcome(() => authorizeChecklistSave(a, app, 'acceptance', false)),
          'acceptance',
        ).toBe(acceptance);
        expect(checklistEditableAt('city', a, app, false)).toBe(city === 'ok');
        expect(checklistEditableAt('acceptance', a, app, false)).toBe(acceptance === 'ok');
        // A declared conflict, or another jurisdiction, never edits.
        expect(checklistEditableAt('city', a, app, true)).toBe(false);
        expect(checklistEditableAt('acceptance', a, ref(status, 'outside'), false)).toBe(false);
      });

  it('returns the role the save is recorded in', () => {
    expect(authorizeChecklistSave(actorWith('city_reviewer'), ref('submitted'), 'city', false)).toBe('city_reviewer');
    expect(
      authorizeChecklistSave(actorWith('acceptance_clerk'), ref('dispatched_to_province'), 'acceptance', false),
    ).toBe('acceptance_clerk');
    // Conflicted while in the stage: 403, not 409.
    expect(outcome(() => authorizeChecklistSave(actorWith('city_reviewer'), ref('submitted'), 'city', true))).toBe(
      'forbidden',
    );
  });
});

describe('expert assignment offered with the application view: role × status × jurisdiction', () => {
  for (const role of ROLES)
    for (const status of APPLICATION_STATUSES)
      it(`${role} · ${status}`, () => {
        const a = actorWith(role);
        // Only the province's officer, and only while the application is 受理通过 (accepted).
        expect(assessmentActions(a, ref(status))).toEqual(
          role === 'province_officer' && status === 'accepted' ? ['assign_experts'] : [],
        );
        expect(assessmentActions(a, ref(status, 'outside'))).toEqual([]);
      });
});

describe('field visits: role × status × jurisdiction × assignment', () => {
  const RECORDING: ApplicationStatus[] = ['accepted', 'province_recommended', 'province_declined'];
  for (const role of ROLES)
    for (const status of APPLICATION_STATUSES)
      it(`${role} · ${status}`, () => {
        const a = actorWith(role);
        expect(canRecordFieldVisit(a, ref(status)), 'record').toBe(
          role === 'province_officer' && RECORDING.includes(status),
        );
        expect(canRecordFieldVisit(a, ref(status, 'outside')), 'record elsewhere').toBe(false);
        const reads = (where: 'inside' | 'outside', assigned: boolean) =>
          outcome(() => authorizeFieldVisitRead(a, ref(status, where), assigned));
        const readsInside = role === 'province_officer' || role === 'ministry_officer';
        expect(reads('inside', false), 'read').toBe(readsInside ? 'ok' : 'forbidden');
        expect(reads('outside', false), 'read elsewhere').toBe(role === 'ministry_officer' ? 'ok' : 'forbidden');
        expect(reads('outside', true), 'read as assigned').toBe(
          role === 'ministry_officer' || role === 'expert' ? 'ok' : 'forbidden',
        );
      });
});

describe('assignments: the list scope and the officer changes, role × assignment status', () => {
  const scope: Partial<Record<Role, object>> = {
    province_officer: { provinceId: 'js' },
    ministry_officer: {},
    expert: { expertId: 'u-expert' },
  };
  for (const role of ROLES)
    it(`${role}: list scope`, () => {
      const a = actorWith(role);
      if (scope[role]) expect(assignmentListScope(a)).toEqual(scope[role]);
      else expect(outcome(() => assignmentListScope(a))).toBe('forbidden');
    });

  const STATUSES = ['assigned', 'submitted', 'withdrawn'] as const;
  for (const role of ROLES)
    for (const status of STATUSES)
      for (const appStatus of ['accepted', 'province_recommended'] as const)
        it(`${role} · ${status} · ${appStatus}`, () => {
          const a = actorWith(role);
          const row: AssignmentRef = { expert_id: 'u-expert', status, province_id: 'js', app_status: appStatus };
          const officer = role === 'province_officer';
          const remove = officer ? (status === 'assigned' ? 'ok' : 'invalid_transition') : 'forbidden';
          const setDue = officer
            ? status === 'assigned' && appStatus === 'accepted'
              ? 'ok'
              : 'invalid_transition'
            : 'forbidden';
          expect(
            outcome(() => authorizeAssignmentChange(a, row, 'remove')),
            'remove',
          ).toBe(remove);
          expect(
            outcome(() => authorizeAssignmentChange(a, row, 'set_due')),
            'set_due',
          ).toBe(setDue);
          // Another province's officer: set_due is 403 (remove never gets here: the assignment is 404 to it).
          const elsewhere = { ...row, province_id: 'zj' };
          expect(
            outcome(() => authorizeAssignmentChange(a, elsewhere, 'set_due')),
            'set_due elsewhere',
          ).toBe('forbidden');
        });
});

describe('the dashboard sections, every role', () => {
  const expected: Record<Role, object> = {
    applicant: {},
    city_reviewer: { registrationsOfCity: 'nj' },
    city_approver: {},
    acceptance_clerk: { dispatchesToReceive: { level: 'city', provinceId: 'js' } },
    province_officer: { provinceId: 'js' },
    province_approver: {},
    expert: { assignmentsOf: 'u-expert' },
    ministry_officer: { dispatchesToReceive: { level: 'province', provinceId: null }, provinceId: 'zj' },
    system_admin: {},
    security_admin: {},
    audit_admin: {},
  };
  for (const role of ROLES)
    it(role, () => {
      // The province asked for is heard from the Ministry only.
      expect(dashboardSections(actorWith(role), 'zj')).toEqual(expected[role]);
    });

  it('the Ministry without a province asked for has no province section', () => {
    expect(dashboardSections(actorWith('ministry_officer'))).toEqual({
      dispatchesToReceive: { level: 'province', provinceId: null },
    });
  });
});
