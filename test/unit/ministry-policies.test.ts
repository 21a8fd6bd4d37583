import { describe, expect, it } from 'vitest';
import { ROLES } from '../../src/domain/roles.js';
import { assertMayStartDispatchBulk, dispatchBulkActionsFor } from '../../src/server/policies/dispatchBulk.js';
import { assertMayViewMinistryDashboard } from '../../src/server/policies/ministryDashboard.js';
import { actorWith } from '../helpers/actors.js';

/** Issue 17's two policies over every role: the Ministry's dashboard, and who may start a bulk receive. */

const refused = (f: () => void) => {
  try {
    f();
    return false;
  } catch (e) {
    expect((e as { code?: string }).code).toBe('forbidden');
    return true;
  }
};

describe('issue 17 policies, every role', () => {
  it('the Ministry dashboard: the Ministry only', () => {
    const allowed = ROLES.filter((r) => !refused(() => assertMayViewMinistryDashboard(actorWith(r))));
    expect(allowed).toEqual(['ministry_officer']);
  });

  it('bulk receive: the roles of the single receive (acceptance centre, Ministry), and the list offers it to them only', () => {
    const allowed = ROLES.filter((r) => !refused(() => assertMayStartDispatchBulk(actorWith(r), 'receive')));
    expect(allowed.sort()).toEqual(['acceptance_clerk', 'ministry_officer']);
    for (const r of ROLES) expect(dispatchBulkActionsFor(actorWith(r))).toEqual(allowed.includes(r) ? ['receive'] : []);
  });
});
