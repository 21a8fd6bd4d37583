import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/domain/roles.js';
import { DISPATCH_STATUSES, type DispatchLevel } from '../../src/domain/workflow.js';
import { allowedDispatchActions, canSeeDispatch, type DispatchRef } from '../../src/server/policies/dispatches.js';
import { actorWith } from '../helpers/actors.js';

/** Every role × level × dispatch status: what the server offers on a dispatch (issue 13 item 3). */

/** A city bureau is `nj`; every other organisation is named after its province. */
const actorAs = (role: Role, province = 'js') =>
  actorWith(role, { province, orgId: (kind) => (kind === 'city' ? 'nj' : `${kind}-${province}`) });

const dispatch = (level: DispatchLevel, status: string): DispatchRef => ({
  level,
  from_org_id: level === 'city' ? 'nj' : 'province_dept-js',
  province_id: 'js',
  status,
  created_by: 'the-builder',
});

const facts = { deadline: null, now: new Date('2026-06-01T00:00:00Z'), conflictedUnits: [] };

/** The table, written out: who edits, sends, returns and receives at each level. */
const EXPECTED: Record<DispatchLevel, Partial<Record<Role, Record<string, string[]>>>> = {
  city: {
    city_reviewer: { draft: ['edit'], returned: ['edit'] },
    city_approver: { draft: ['send', 'return'] },
    acceptance_clerk: { sent: ['receive'] },
  },
  province: {
    province_officer: { draft: ['edit'], returned: ['edit'] },
    province_approver: { draft: ['send', 'return'] },
    ministry_officer: { sent: ['receive'] },
  },
};

describe('dispatch policy over every role, level and status', () => {
  for (const level of ['city', 'province'] as const) {
    for (const role of ROLES) {
      it(`${level} dispatch, ${role}`, () => {
        for (const status of DISPATCH_STATUSES) {
          const d = dispatch(level, status);
          const actor = actorAs(role);
          const want = EXPECTED[level][role]?.[status] ?? [];
          expect(allowedDispatchActions(actor, d, facts), status).toEqual(want);
          // Another province's officials act on none of it.
          expect(allowedDispatchActions(actorAs(role, 'zj'), d, facts), `${status}, zj`).toEqual(
            role === 'ministry_officer' ? want : level === 'city' && role.startsWith('city_') ? want : [],
          );
          if (want.length) expect(canSeeDispatch(actor, d)).toBe(true);
        }
      });
    }
  }

  it('the builder never signs its own dispatch (four eyes), and nothing is sent after the deadline', () => {
    const d = { ...dispatch('city', 'draft'), created_by: 'u-city_approver' };
    expect(allowedDispatchActions(actorAs('city_approver'), d, facts)).toEqual([]);
    const late = { ...facts, deadline: new Date('2026-05-31T00:00:00Z') };
    expect(allowedDispatchActions(actorAs('city_approver'), dispatch('city', 'draft'), late)).toEqual([]);
  });
});
