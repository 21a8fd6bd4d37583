import { createHash } from 'node:crypto';
import { PostgresAdapter, sql } from 'kysely';
import type { AuditAction, AuditOutcome } from '../../domain/audit.js';
import type { Executor } from '../db/database.js';
import { precompiled } from '../db/precompiled.js';
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

const lastRecord = precompiled((db) =>
  db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1),
);

const AUDIT_COLUMNS = [
  'seq',
  'at',
  'actor_id',
  'actor_name',
  'actor_role',
  'org_id',
  'action',
  'target_type',
  'target_id',
  'outcome',
  'ip',
  'request_id',
  'summary',
  'prev_hash',
  'hash',
] as const satisfies readonly (keyof AuditLogTable)[];

const insertRecord = precompiled((db, p) =>
  db
    .insertInto('audit_log')
    .values(Object.fromEntries(AUDIT_COLUMNS.map((c) => [c, p(c)])) as unknown as AuditLogTable),
);

/**
 * The last record of the chain, with the right to append after it. On PostgreSQL writers are
 * serialised by a transaction-scoped advisory lock, taken and followed by the read in one round trip
 * (audit_chain_head(), migration 0081: the read takes its snapshot after the lock is granted). On
 * SQLite the write transaction itself serialises writers.
 */
async function chainHead(trx: Executor): Promise<{ seq: number | string; hash: string } | undefined> {
  if (trx.getExecutor().adapter instanceof PostgresAdapter) {
    const { rows } = await sql<{ seq: string; hash: string }>`select seq, hash from audit_chain_head()`.execute(trx);
    return rows[0];
  }
  return (await lastRecord(trx, {}))[0];
}

/**
 * Appends one record to the audit chain. Call it inside the transaction that makes the change,
 * so that the change and its record commit together or not at all.
 */
export async function appendAudit(trx: Executor, ctx: RequestContext, event: AuditEvent): Promise<void> {
  const last = await chainHead(trx);
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
  await insertRecord(trx, { ...record, prev_hash: prevHash, hash: auditHash(prevHash, record) });
}
