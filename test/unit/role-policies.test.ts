import { describe, expect, it } from 'vitest';
import { ROLES, roleOrgKinds, type Role } from '../../src/domain/roles.js';
import type { Actor } from '../../src/server/context.js';
import {
  assertCanCreateApplication,
  assertCanRegisterPaperCopy,
  viewsAsUnit,
  type ApplicationRef,
} from '../../src/server/policies/applications.js';
import { creditRecordRole } from '../../src/server/policies/integrity.js';
import { authorizeSimilarityPairs, canSeeSimilarityRun } from '../../src/server/policies/similarity.js';

/** The role checks moved out of the commands (issue 13 item 3), over every role, inside and outside its reach. */

const UNIT = 'unit-1';
function actorWith(role: Role): Actor {
  const orgKind = roleOrgKinds[role][0]!;
  return {
    userId: `u-${role}`,
    username: role,
    displayName: role,
    roles: [role],
    orgId: orgKind === 'applicant_unit' ? UNIT : `${orgKind}-1`,
    orgKind,
    provinceId: orgKind === 'ministry' ? null : 'js',
    cityId: orgKind === 'city' || orgKind === 'applicant_unit' ? 'nj' : null,
  };
}
const inside: ApplicationRef = { id: 'a', unit_id: UNIT, city_id: 'nj', province_id: 'js', status: 'submitted' };
const outside: ApplicationRef = { id: 'b', unit_id: 'other', city_id: 'sz', province_id: 'zj', status: 'submitted' };
const passes = (f: () => void) => {
  try {
    f();
    return true;
  } catch {
    return false;
  }
};

describe('role policies over every role', () => {
  for (const role of ROLES) {
    it(role, () => {
      const actor = actorWith(role);
      expect(
        passes(() => assertCanCreateApplication(actor)),
        'create',
      ).toBe(role === 'applicant');
      expect(viewsAsUnit(actor, inside), 'views as unit').toBe(role === 'applicant');
      expect(viewsAsUnit(actor, outside), 'views another unit').toBe(false);
      expect(
        passes(() => assertCanRegisterPaperCopy(actor, inside)),
        'paper copy',
      ).toBe(role === 'acceptance_clerk');
      expect(
        passes(() => assertCanRegisterPaperCopy(actor, outside)),
        'paper copy elsewhere',
      ).toBe(false);
      expect(
        passes(() => authorizeSimilarityPairs(actor)),
        'pairs',
      ).toBe(role === 'province_officer' || role === 'ministry_officer');
      expect(canSeeSimilarityRun(actor, { province_id: 'js' }), 'own run').toBe(
        role === 'province_officer' || role === 'ministry_officer',
      );
      expect(canSeeSimilarityRun(actor, { province_id: 'zj' }), "another province's run").toBe(
        role === 'ministry_officer',
      );
      expect(creditRecordRole(actor)).toBe(role === 'ministry_officer' ? 'ministry_officer' : 'province_officer');
    });
  }
});
