import type { Actor } from '../context.js';
import { assertRole } from './common.js';

/** Only the audit administrator reads, exports, verifies and proves the audit log (403 otherwise), within its jurisdiction. */
export function assertMayReadAudit(actor: Actor): void {
  assertRole(actor, 'audit_admin');
}
