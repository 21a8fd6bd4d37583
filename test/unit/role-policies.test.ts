import { describe, expect, it } from 'vitest';
import { ROLES } from '../../src/domain/roles.js';
import {
  assertCanCreateApplication,
  assertCanRegisterPaperCopy,
  viewsAsUnit,
  type ApplicationRef,
} from '../../src/server/policies/applications.js';
import { creditRecordRole } from '../../src/server/policies/integrity.js';
import { authorizeSimilarityPairs, canSeeSimilarityRun } from '../../src/server/policies/similarity.js';
import { actorWith, outcome, UNIT } from '../helpers/actors.js';

/** The role checks moved out of the commands (issue 13 item 3), over every role, inside and outside its reach. */

const inside: ApplicationRef = { id: 'a', unit_id: UNIT, city_id: 'nj', province_id: 'js', status: 'submitted' };
const outside: ApplicationRef = { id: 'b', unit_id: 'other', city_id: 'sz', province_id: 'zj', status: 'submitted' };
const ok = (f: () => void) => outcome(f) === 'ok';
describe('role policies over every role', () => {
  for (const role of ROLES) {
    it(role, () => {
      const actor = actorWith(role);
      expect(
        ok(() => assertCanCreateApplication(actor)),
        'create',
      ).toBe(role === 'applicant');
      expect(viewsAsUnit(actor, inside), 'views as unit').toBe(role === 'applicant');
      expect(viewsAsUnit(actor, outside), 'views another unit').toBe(false);
      expect(
        ok(() => assertCanRegisterPaperCopy(actor, inside)),
        'paper copy',
      ).toBe(role === 'acceptance_clerk');
      expect(
        ok(() => assertCanRegisterPaperCopy(actor, outside)),
        'paper copy elsewhere',
      ).toBe(false);
      expect(
        ok(() => authorizeSimilarityPairs(actor)),
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
