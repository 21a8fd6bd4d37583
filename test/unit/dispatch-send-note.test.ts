import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/domain/roles.js';
import { DISPATCH_STATUSES } from '../../src/domain/workflow.js';
import type { Actor } from '../../src/server/context.js';
import { dispatchSendNote, type DispatchRef } from '../../src/server/policies/dispatches.js';

/**
 * The note a dispatch's detail shows about its signature, decided on the server (it was chosen by
 * role in the browser before issue 13 item 3): every role × level × status × whether send is allowed.
 */
const actor = (role: Role): Actor => ({
  userId: `u-${role}`,
  username: role,
  displayName: role,
  roles: [role],
  orgId: 'org',
  orgKind: 'city',
  provinceId: 'js',
  cityId: 'nj',
});

/** Written out by hand: the draft's note by level, role and whether the viewer may send. */
function expected(level: 'city' | 'province', role: Role, canSend: boolean): string | null {
  if (level === 'province') return canSend ? null : role === 'province_approver' ? 'four_eyes' : 'awaiting_signature';
  if (canSend) return 'can_send';
  if (role === 'city_approver') return 'four_eyes';
  if (role === 'city_reviewer') return 'awaiting_signature';
  return null;
}

describe('dispatchSendNote', () => {
  for (const role of ROLES)
    for (const level of ['city', 'province'] as const)
      for (const status of DISPATCH_STATUSES)
        it(`${role} · ${level} · ${status}`, () => {
          const d: DispatchRef = { level, from_org_id: 'nj', province_id: 'js', status, created_by: 'someone' };
          for (const canSend of [false, true]) {
            const note = dispatchSendNote(actor(role), d, canSend ? ['send', 'return'] : ['edit']);
            expect(note, `send allowed: ${canSend}`).toBe(status === 'draft' ? expected(level, role, canSend) : null);
          }
        });
});
