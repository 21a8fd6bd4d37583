import type { Kysely } from 'kysely';

/** Batches, deadlines, registrations, applications with snapshots and files, dispatches, integrity records. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('notice_text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // open | closed
    /** JSON array of upload kinds that a submission must include. */
    .addColumn('required_file_kinds', 'text', (c) => c.notNull().defaultTo('[]'))
    /** JSON: the dates of the original notice, kept on record ({ applicant, city, province }). */
    .addColumn('recorded_dates', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  // Templates of attachments 2–5 and other batch documents, stored like uploads (by SHA-256).
  await db.schema
    .createTable('batch_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // The deadline cascade. kind: applicant (scope = a city), city (scope = a province), province (scope null = national).
  await db.schema
    .createTable('deadlines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('scope_org_id', 'text')
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('original_due_at', 'text', (c) => c.notNull())
    .addColumn('set_by_org_id', 'text', (c) => c.notNull())
    .addColumn('set_by_user_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('deadlines_scope_uq')
    .on('deadlines')
    .columns(['batch_id', 'kind', 'scope_org_id'])
    .unique()
    .execute();
  await db.schema
    .createTable('deadline_extensions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('deadline_id', 'text', (c) => c.notNull().references('deadlines.id'))
    .addColumn('from_due_at', 'text', (c) => c.notNull())
    .addColumn('to_due_at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();

  // Self-registration of applicant units; the city reviewer approves (creating org and account) or refuses.
  await db.schema
    .createTable('registrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_name', 'text', (c) => c.notNull())
    .addColumn('uscc', 'text', (c) => c.notNull())
    .addColumn('city_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('contact_name', 'text', (c) => c.notNull())
    .addColumn('mobile', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // pending | approved | refused
    .addColumn('comment', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('org_id', 'text')
    .addColumn('user_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('registrations_city_status_idx')
    .on('registrations')
    .columns(['city_id', 'status'])
    .execute();
  await db.schema.createIndex('registrations_uscc_idx').on('registrations').column('uscc').execute();
  await db.schema.createIndex('registrations_username_idx').on('registrations').column('username').execute();

  await db.schema
    .createTable('applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('city_id', 'text', (c) => c.notNull())
    .addColumn('province_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    /** Application number (申报编号), assigned at the first submission. */
    .addColumn('number', 'text', (c) => c.unique())
    .addColumn('space_name', 'text')
    .addColumn('uscc', 'text', (c) => c.notNull())
    /** The working copy: JSON { basicInfo, narrative, provincialFiling } (partial while a draft). */
    .addColumn('content', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('current_snapshot_id', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('applications_batch_unit_uq')
    .on('applications')
    .columns(['batch_id', 'unit_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('applications_city_status_idx')
    .on('applications')
    .columns(['city_id', 'status', 'id'])
    .execute();
  await db.schema
    .createIndex('applications_province_status_idx')
    .on('applications')
    .columns(['province_id', 'status', 'id'])
    .execute();
  await db.schema.createIndex('applications_status_idx').on('applications').columns(['status', 'id']).execute();
  await db.schema.createIndex('applications_space_name_idx').on('applications').column('space_name').execute();

  // Each submission freezes the content; the SHA-256 is the fingerprint printed on documents.
  await db.schema
    .createTable('application_snapshots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('snapshots_app_seq_uq')
    .on('application_snapshots')
    .columns(['application_id', 'seq'])
    .unique()
    .execute();
  await db.schema.createIndex('snapshots_sha_idx').on('application_snapshots').column('sha256').execute();

  // The attachment-4 pledge, bound to the snapshot it was signed for.
  await db.schema
    .createTable('pledges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('snapshot_id', 'text', (c) => c.notNull().references('application_snapshots.id'))
    .addColumn('snapshot_sha256', 'text', (c) => c.notNull())
    .addColumn('signer_name', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .execute();

  // The timeline an applicant and reviewers see: every status change with its comment.
  await db.schema
    .createTable('application_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_org_id', 'text')
    .addColumn('actor_role', 'text')
    .addColumn('comment', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('app_events_app_idx')
    .on('application_events')
    .columns(['application_id', 'at'])
    .execute();

  // Uploaded files, stored once by content hash under DATA_DIR/files.
  await db.schema
    .createTable('application_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('app_files_app_idx').on('application_files').column('application_id').execute();

  await db.schema
    .createTable('dispatches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id'))
    .addColumn('level', 'text', (c) => c.notNull()) // city | province
    .addColumn('from_org_id', 'text', (c) => c.notNull())
    .addColumn('province_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('supplementary', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('letter', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_by', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('pledge_signer_name', 'text')
    .addColumn('received_by', 'text')
    .addColumn('received_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('dispatches_from_idx').on('dispatches').columns(['from_org_id', 'status']).execute();
  await db.schema
    .createIndex('dispatches_province_idx')
    .on('dispatches')
    .columns(['province_id', 'level', 'status'])
    .execute();
  await db.schema
    .createTable('dispatch_items')
    .addColumn('dispatch_id', 'text', (c) => c.notNull().references('dispatches.id'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('dispatch_items_pk', ['dispatch_id', 'application_id'])
    .execute();
  await db.schema.createIndex('dispatch_items_app_idx').on('dispatch_items').column('application_id').execute();

  // Paper copies (纸质一式两份) registered against the electronic application.
  await db.schema
    .createTable('paper_copies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('snapshot_id', 'text')
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('received_by', 'text', (c) => c.notNull())
    .addColumn('code', 'text')
    .addColumn('code_status', 'text') // match | other_application | outdated | unknown | null when no code given
    .addColumn('registered_by', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('paper_copies_app_idx').on('paper_copies').column('application_id').execute();

  // Declared conflicts of interest (回避): the user does not act on applications of this unit.
  await db.schema
    .createTable('conflicts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('declared_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('conflicts_user_unit_uq')
    .on('conflicts')
    .columns(['user_id', 'unit_id'])
    .unique()
    .execute();

  // Dishonesty records (不良科技信用记录) against a unit's USCC.
  await db.schema
    .createTable('credit_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('uscc', 'text', (c) => c.notNull())
    .addColumn('unit_name', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text')
    .addColumn('application_id', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('recorded_by_org_id', 'text', (c) => c.notNull())
    .addColumn('province_id', 'text')
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('credit_records_uscc_idx').on('credit_records').column('uscc').execute();

  // Idempotency-Key replay store: a repeated request gets the first answer and acts once.
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['user_id', 'key'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'idempotency_keys',
    'credit_records',
    'conflicts',
    'paper_copies',
    'dispatch_items',
    'dispatches',
    'application_files',
    'application_events',
    'pledges',
    'application_snapshots',
    'applications',
    'registrations',
    'deadline_extensions',
    'deadlines',
    'batch_documents',
    'batches',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
