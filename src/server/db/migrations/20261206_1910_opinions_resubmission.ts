import type { Kysely } from 'kysely';

/**
 * Issue 14, items 6 and 7 — opinions at every decision, the acceptance centre's own checks, and
 * resubmissions that show what changed:
 * - review_configs.acceptance_checklist: the acceptance centre's 形式审查 items (JSON; null: defaults);
 * - review_checklists.level ('city' | 'acceptance'): one checklist per application and level, and
 *   previous_items: the ticks of the round before the last return (shown as 上一轮, confirmed again);
 * - dispatches: the approver's opinion at 报送, and the 接收登记 (how the package arrived, what it
 *   contained, whether it arrived after the deadline — computed by the server).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('review_configs').addColumn('acceptance_checklist', 'text').execute();
  await db.schema
    .alterTable('review_checklists')
    .addColumn('level', 'text', (c) => c.notNull().defaultTo('city'))
    .execute();
  await db.schema.alterTable('review_checklists').addColumn('previous_items', 'text').execute();
  await db.schema.dropIndex('review_checklists_app_uq').execute();
  await db.schema
    .createIndex('review_checklists_app_level_uq')
    .on('review_checklists')
    .columns(['application_id', 'level'])
    .unique()
    .execute();
  for (const col of ['send_opinion', 'arrival_method', 'arrival_note'])
    await db.schema.alterTable('dispatches').addColumn(col, 'text').execute();
  for (const col of ['electronic_copies', 'paper_copies', 'has_letter', 'has_pledge', 'late'])
    await db.schema.alterTable('dispatches').addColumn(col, 'integer').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const col of [
    'send_opinion',
    'arrival_method',
    'arrival_note',
    'electronic_copies',
    'paper_copies',
    'has_letter',
    'has_pledge',
    'late',
  ])
    await db.schema.alterTable('dispatches').dropColumn(col).execute();
  await db.deleteFrom('review_checklists').where('level', '<>', 'city').execute();
  await db.schema.dropIndex('review_checklists_app_level_uq').execute();
  await db.schema
    .createIndex('review_checklists_app_uq')
    .on('review_checklists')
    .column('application_id')
    .unique()
    .execute();
  await db.schema.alterTable('review_checklists').dropColumn('previous_items').execute();
  await db.schema.alterTable('review_checklists').dropColumn('level').execute();
  await db.schema.alterTable('review_configs').dropColumn('acceptance_checklist').execute();
}
