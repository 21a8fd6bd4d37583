import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/domain/roles.js';
import { BATCH_STATUSES, DEADLINE_KINDS } from '../../src/domain/schemas/batches.js';
import {
  batchActions,
  batchListActions,
  deadlineActions,
  deadlineScopesOf,
} from '../../src/server/policies/batches.js';
import { actorWith } from '../helpers/actors.js';

/** Every role × batch status: what the server offers on batches and deadlines (issue 13 item 3). */

const PROVINCE = 'js';
const CITY = 'nj';

/** The Ministry, the province and the city bureau are the organisations the deadlines are scoped to. */
const actorAs = (role: Role) =>
  actorWith(role, {
    province: PROVINCE,
    orgId: (kind) =>
      kind === 'ministry' ? 'most' : kind === 'city' ? CITY : kind === 'province' ? PROVINCE : `${kind}-1`,
  });

/** Who sets which deadline: the Ministry the national one, the province officer its cities', a city bureau its applicants'. */
const SETS: Partial<Record<Role, { kind: (typeof DEADLINE_KINDS)[number]; scopeOrgId: string | null }>> = {
  ministry_officer: { kind: 'province', scopeOrgId: null },
  province_officer: { kind: 'city', scopeOrgId: PROVINCE },
  city_reviewer: { kind: 'applicant', scopeOrgId: CITY },
  city_approver: { kind: 'applicant', scopeOrgId: CITY },
};

describe('batch policy over every role and batch status', () => {
  it('offers nothing to a visitor who is not logged in', () => {
    expect(batchListActions(null)).toEqual([]);
    expect(deadlineScopesOf(null)).toEqual([]);
    for (const status of BATCH_STATUSES) expect(batchActions(null, { status })).toEqual([]);
    expect(deadlineActions(null, { kind: 'province', set_by_org_id: 'most' }, { status: 'open' })).toEqual([]);
  });

  for (const role of ROLES) {
    for (const status of BATCH_STATUSES) {
      it(`${role}, batch ${status}`, () => {
        const actor = actorAs(role);
        const sets = SETS[role];
        expect(batchListActions(actor)).toEqual(role === 'province_officer' ? ['create'] : []);
        expect(deadlineScopesOf(actor)).toEqual(sets ? [sets] : []);
        const expected = [
          ...(role === 'province_officer' ? ['edit'] : []),
          ...(sets && status === 'open' ? ['set_deadline'] : []),
        ];
        expect(batchActions(actor, { status })).toEqual(expected);
        for (const kind of DEADLINE_KINDS) {
          const own = { kind, set_by_org_id: actor.orgId };
          const other = { kind, set_by_org_id: 'another-org' };
          const mayExtend = status === 'open' && sets?.kind === kind;
          expect(deadlineActions(actor, own, { status }), `${kind} set by its org`).toEqual(
            mayExtend ? ['extend'] : [],
          );
          expect(deadlineActions(actor, other, { status }), `${kind} set by another org`).toEqual([]);
        }
      });
    }
  }
});
