import type { Kysely } from 'kysely';

/**
 * Review and province assessment (issue 5):
 * - review_configs: per batch and province, the authenticity checklist, the integrity rules text
 *   (with a version that goes up when the text changes), the expert-scoring criteria and the
 *   same-city recusal switch; absent rows mean the defaults of domain/schemas/review.ts;
 * - integrity_acknowledgements: who acknowledged which version of the integrity text, when;
 * - review_checklists: the city reviewer's ticks and notes per application;
 * - expert_assignments: experts assigned to accepted applications, their scores (criteria frozen
 *   with the scores) or their withdrawal for a conflict of interest;
 * - field_visits and field_visit_photos (photos live in the file store, by SHA-256);
 * - applications.operator_nature and applications.main_fields (JSON array): taken from the submitted
 *   snapshot, for the dashboard's distributions, the list filters and the public list.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('review_configs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id'))
    .addColumn('province_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('checklist', 'text', (c) => c.notNull())
    .addColumn('integrity_text', 'text', (c) => c.notNull())
    .addColumn('integrity_version', 'integer', (c) => c.notNull())
    .addColumn('criteria', 'text', (c) => c.notNull())
    .addColumn('same_city_recusal', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('review_configs_batch_province_uq')
    .on('review_configs')
    .columns(['batch_id', 'province_id'])
    .unique()
    .execute();

  await db.schema
    .createTable('integrity_acknowledgements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id'))
    .addColumn('province_id', 'text', (c) => c.notNull())
    .addColumn('text_version', 'integer', (c) => c.notNull())
    .addColumn('text_sha256', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('integrity_ack_uq')
    .on('integrity_acknowledgements')
    .columns(['user_id', 'batch_id', 'province_id', 'text_version'])
    .unique()
    .execute();

  await db.schema
    .createTable('review_checklists')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('reviewer_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('review_checklists_app_uq')
    .on('review_checklists')
    .column('application_id')
    .unique()
    .execute();

  await db.schema
    .createTable('expert_assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('expert_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('province_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // assigned | submitted | withdrawn
    .addColumn('assigned_by', 'text', (c) => c.notNull())
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    /** JSON: the criteria as they stood when the scores were submitted. */
    .addColumn('criteria', 'text')
    /** JSON: [{ key, score }]. */
    .addColumn('scores', 'text')
    .addColumn('total_score', 'double precision')
    .addColumn('comment', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdraw_reason', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('expert_assignments_app_expert_uq')
    .on('expert_assignments')
    .columns(['application_id', 'expert_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('expert_assignments_expert_idx')
    .on('expert_assignments')
    .columns(['expert_id', 'status'])
    .execute();

  await db.schema
    .createTable('field_visits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('visited_on', 'text', (c) => c.notNull())
    .addColumn('visitors', 'text', (c) => c.notNull())
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('field_visits_app_idx').on('field_visits').column('application_id').execute();
  await db.schema
    .createTable('field_visit_photos')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('visit_id', 'text', (c) => c.notNull().references('field_visits.id'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('field_visit_photos_visit_idx').on('field_visit_photos').column('visit_id').execute();

  await db.schema.alterTable('applications').addColumn('operator_nature', 'text').execute();
  await db.schema.alterTable('applications').addColumn('main_fields', 'text').execute();
  // Applications submitted before this migration: take both from the current snapshot.
  const rows = await db
    .selectFrom('applications')
    .innerJoin('application_snapshots', 'application_snapshots.id', 'applications.current_snapshot_id')
    .select(['applications.id', 'application_snapshots.content'])
    .execute();
  for (const r of rows as { id: string; content: string }[]) {
    const facets = snapshotFacets(r.content);
    await db
      .updateTable('applications')
      .set({ operator_nature: facets.operatorNature, main_fields: facets.mainFields })
      .where('id', '=', r.id)
      .execute();
  }
}

/** operatorNature and mainFields (as a JSON array) of a snapshot's content. */
function snapshotFacets(json: string): { operatorNature: string | null; mainFields: string | null } {
  try {
    const b = (JSON.parse(json) as { basicInfo?: { operatorNature?: unknown; mainFields?: unknown } }).basicInfo;
    const fields = Array.isArray(b?.mainFields) ? b.mainFields.filter((f) => typeof f === 'string') : null;
    return {
      operatorNature: typeof b?.operatorNature === 'string' ? b.operatorNature : null,
      mainFields: fields ? JSON.stringify(fields) : null,
    };
  } catch {
    return { operatorNature: null, mainFields: null };
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('applications').dropColumn('main_fields').execute();
  await db.schema.alterTable('applications').dropColumn('operator_nature').execute();
  await db.schema.dropTable('field_visit_photos').ifExists().execute();
  await db.schema.dropTable('field_visits').ifExists().execute();
  await db.schema.dropTable('expert_assignments').ifExists().execute();
  await db.schema.dropTable('review_checklists').ifExists().execute();
  await db.schema.dropTable('integrity_acknowledgements').ifExists().execute();
  await db.schema.dropTable('review_configs').ifExists().execute();
}
