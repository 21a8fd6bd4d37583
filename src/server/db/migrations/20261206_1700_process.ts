import type { Kysely } from 'kysely';

/**
 * Issue 14, the process as officials run it:
 * - batches: the notice the letters cite (title and 文号), from the batch's data;
 * - dispatches: the letter's own 文号, contact person and telephone; the approver's send-back
 *   (who, when, why) — a returned package goes back to its builder;
 * - publications: the Ministry's one act of publishing a batch's decisions (文号, date), and the
 *   decisions each publication covers; only published decisions are public.
 * - pledges: whether the applicant confirmed signing although the signer is not the 法人代表.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('batches')
    .addColumn('notice_title', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('batches')
    .addColumn('notice_no', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  for (const col of ['letter_no', 'contact_name', 'contact_phone', 'return_comment', 'returned_by', 'returned_at'])
    await db.schema.alterTable('dispatches').addColumn(col, 'text').execute();
  await db.schema
    .alterTable('pledges')
    .addColumn('signer_mismatch_confirmed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('publications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id'))
    .addColumn('document_no', 'text', (c) => c.notNull())
    .addColumn('published_on', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('publications_batch_idx').on('publications').column('batch_id').execute();
  await db.schema
    .createTable('publication_items')
    // One publication per decision: the primary key refuses publishing a decision twice.
    .addColumn('application_id', 'text', (c) => c.primaryKey().references('applications.id'))
    .addColumn('publication_id', 'text', (c) => c.notNull().references('publications.id'))
    .addColumn('decision', 'text', (c) => c.notNull()) // filed | not_filed
    .execute();
  await db.schema.createIndex('publication_items_pub_idx').on('publication_items').column('publication_id').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('publication_items').ifExists().execute();
  await db.schema.dropTable('publications').ifExists().execute();
  await db.schema.alterTable('pledges').dropColumn('signer_mismatch_confirmed').execute();
  for (const col of ['letter_no', 'contact_name', 'contact_phone', 'return_comment', 'returned_by', 'returned_at'])
    await db.schema.alterTable('dispatches').dropColumn(col).execute();
  await db.schema.alterTable('batches').dropColumn('notice_no').execute();
  await db.schema.alterTable('batches').dropColumn('notice_title').execute();
}
