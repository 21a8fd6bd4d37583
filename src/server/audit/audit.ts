import { createHash } from 'node:crypto';
import { PostgresAdapter, sql } from 'kysely';
import type { AuditAction, AuditOutcome } from '../../domain/audit.js';
import type { Executor } from '../db/database.js';
import type { AuditLogTable } from '../db/schema.js';
import type { RequestContext } from '../context.js';

export const GENESIS_HASH = '0'.repeat(64);

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

type HashedFields = Omit<AuditLogTable, 'hash' | 'prev_hash'>;

/** The hash of one record: SHA-256 over the previous hash and the record's fields in a fixed order. */
export function auditHash(prevHash: string, r: HashedFields): string {
  const fields = [
    r.seq,
    r.at,
    r.actor_id,
    r.actor_name,
    r.actor_role,
    r.org_id,
    r.action,
    r.target_type,
    r.target_id,
    r.outcome,
    r.ip,
    r.request_id,
    r.summary,
  ];
  return createHash('sha256').update(prevHash).update('\n').update(JSON.stringify(fields)).digest('hex');
}

/**
 * Appends one record to the audit chain. Call it inside the transaction that makes the change,
 * so that the change and its record commit together or not at all.
 */
export async function appendAudit(trx: Executor, ctx: RequestContext, event: AuditEvent): Promise<void> {
  if (trx.getExecutor().adapter instanceof PostgresAdapter) {
    // Serialise writers so that each record links to the one before it.
    await sql`select pg_advisory_xact_lock(727274)`.execute(trx);
  }
  const last = await trx
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const actor = ctx.actor;
  const record: HashedFields = {
    seq: (last ? Number(last.seq) : 0) + 1,
    at: ctx.now.toISOString(),
    actor_id: actor?.userId ?? null,
    actor_name: actor?.username ?? event.actorName ?? null,
    actor_role: event.role ?? actor?.roles[0] ?? null,
    org_id: actor?.orgId ?? event.orgId ?? null,
    action: event.action,
    target_type: event.target?.type ?? null,
    target_id: event.target?.id ?? null,
    outcome: event.outcome ?? 'success',
    ip: ctx.ip,
    request_id: ctx.requestId,
    summary: JSON.stringify(event.summary ?? {}),
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  await trx
    .insertInto('audit_log')
    .values({ ...record, prev_hash: prevHash, hash: auditHash(prevHash, record) })
    .execute();
}
