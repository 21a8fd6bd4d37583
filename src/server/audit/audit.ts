import type { AuditAction, AuditOutcome } from '../../domain/audit.js';
import type { Executor } from '../db/database.js';
import { precompiled } from '../db/precompiled.js';
import type { RequestContext } from '../context.js';
import { LEAF_COLUMNS, leafHash, storable, type LeafFields } from './canonical.js';

export { GENESIS_HASH } from './canonical.js';

export interface AuditEvent {
  action: AuditAction;
  outcome?: AuditOutcome;
  target?: { type: string; id: string };
  /** What changed, in a few fields; never passwords or tokens. */
  summary?: Record<string, unknown>;
  /** The role the actor acted in; defaults to the actor's first role. */
  role?: string;
  /** For events without a logged-in actor (a failed login): who was claimed. */
  actorName?: string;
  /** For events without a logged-in actor: the organisation concerned (a known user's failed login). */
  orgId?: string;
}

const insertRecord = precompiled((db, p) =>
  db.insertInto('audit_log').values({
    ...(Object.fromEntries([...LEAF_COLUMNS, 'hash'].map((c) => [c, p(c)])) as unknown as LeafFields & {
      hash: string;
    }),
    // No link to any other record (issue 12); the column keeps the former chain's links.
    prev_hash: '',
  }),
);

/** The record as it will be stored: every string well-formed (canonical.ts, storable). */
export function auditRecord(ctx: RequestContext, event: AuditEvent): LeafFields {
  const actor = ctx.actor;
  return {
    at: ctx.now.toISOString(),
    actor_id: storable(actor?.userId ?? null),
    actor_name: storable(actor?.username ?? event.actorName ?? null),
    actor_role: storable(event.role ?? actor?.roles[0] ?? null),
    org_id: storable(actor?.orgId ?? event.orgId ?? null),
    action: event.action,
    target_type: storable(event.target?.type ?? null),
    target_id: storable(event.target?.id ?? null),
    outcome: event.outcome ?? 'success',
    ip: storable(ctx.ip),
    request_id: storable(ctx.requestId),
    summary: storable(JSON.stringify(event.summary ?? {})),
  };
}

/** The record with its hash: the values of one leaf, for a command that writes it in its own statement. */
export function auditLeaf(ctx: RequestContext, event: AuditEvent): LeafFields & { hash: string } {
  const record = auditRecord(ctx, event);
  return { ...record, hash: leafHash(record) };
}

/**
 * Appends one record (a leaf) to the audit log. Call it inside the transaction that makes the
 * change, so that the change and its record commit together or not at all. One INSERT: no lock, no
 * read of any other record; the database gives the sequence number, the sealer (sealer.ts) later
 * takes the record into a signed seal.
 */
export async function appendAudit(trx: Executor, ctx: RequestContext, event: AuditEvent): Promise<void> {
  await insertRecord(trx, auditLeaf(ctx, event));
}
