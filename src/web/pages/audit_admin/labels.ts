import { auditActionLabels } from '../../../domain/audit.js';
import { roleLabels, type Role } from '../../../domain/roles.js';

/** The Chinese label of an audit action; actions added later without a label show their raw name. */
export const actionLabel = (action: string): string => (auditActionLabels as Record<string, string>)[action] ?? action;

export const roleLabel = (role: string | null): string | null =>
  role ? ((roleLabels as Record<string, string>)[role as Role] ?? role) : null;
