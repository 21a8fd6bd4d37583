import type { Kysely } from 'kysely';

/**
 * Expert review as the province runs it (issue 14 item 10): a review deadline per assignment, the
 * no-conflict declaration the expert makes before scoring, a
 * draft of the scores saved before submitting; and the professional fields of an expert, matched
 * against the space's 主要专业方向 when assigning in bulk.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, type] of [
    ['due_on', 'text'],
    ['declared_at', 'text'],
    ['draft_scores', 'text'],
    ['draft_comment', 'text'],
    ['draft_saved_at', 'text'],
  ] as const)
    await db.schema.alterTable('expert_assignments').addColumn(name, type).execute();
  /** JSON array of the fields an expert reviews (e.g. ["生物医药"]); null for other users. */
  await db.schema.alterTable('users').addColumn('expert_fields', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('expert_fields').execute();
  for (const name of ['draft_saved_at', 'draft_comment', 'draft_scores', 'declared_at', 'due_on'])
    await db.schema.alterTable('expert_assignments').dropColumn(name).execute();
}
