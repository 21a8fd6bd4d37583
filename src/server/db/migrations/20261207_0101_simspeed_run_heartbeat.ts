import type { Kysely } from 'kysely';

/**
 * 查重 runs that survive their instance (issue 15): a running batch cross-check writes a heartbeat
 * (heartbeat_at) while it works, under the claim of one worker (claim_id); a run still "running"
 * whose heartbeat is stale lost its worker and is taken up again (attempts counts the claims) or,
 * after too many, marked failed with its error so that the province can start it again.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('similarity_runs').addColumn('heartbeat_at', 'text').execute();
  await db.schema.alterTable('similarity_runs').addColumn('claim_id', 'text').execute();
  await db.schema
    .alterTable('similarity_runs')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('similarity_runs_status_idx').on('similarity_runs').column('status').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('similarity_runs_status_idx').execute();
  for (const c of ['attempts', 'claim_id', 'heartbeat_at'])
    await db.schema.alterTable('similarity_runs').dropColumn(c).execute();
}
