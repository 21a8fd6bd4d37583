import type { Kysely } from 'kysely';

/**
 * Issue 17: a unit's registration carries its 法定代表人, its address and its 营业执照 (licence), so the
 * city has something to verify the USCC and the name against.
 * - registrations: the legal representative, the address and the licence (a stored file by SHA-256,
 *   with its type, display name and size); null on rows from before this migration.
 * - orgs: the legal representative and address of an applicant unit, copied from its registration at
 *   approval (or seeded): the one place the pledge signer check reads them from.
 * - registration_licences: licences uploaded before the registration exists (registration is
 *   anonymous). The uploader holds a one-time token (only its SHA-256 is kept); registering binds the
 *   upload, once, within an hour.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  for (const column of ['legal_representative', 'address', 'licence_sha256', 'licence_mime', 'licence_name'])
    await db.schema.alterTable('registrations').addColumn(column, 'text').execute();
  await db.schema.alterTable('registrations').addColumn('licence_size', 'integer').execute();
  await db.schema.alterTable('orgs').addColumn('legal_representative', 'text').execute();
  await db.schema.alterTable('orgs').addColumn('address', 'text').execute();
  await db.schema
    .createTable('registration_licences')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('registration_id', 'text')
    .addColumn('used_at', 'text')
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('registration_licences').execute();
  await db.schema.alterTable('orgs').dropColumn('address').execute();
  await db.schema.alterTable('orgs').dropColumn('legal_representative').execute();
  for (const column of [
    'licence_size',
    'licence_name',
    'licence_mime',
    'licence_sha256',
    'address',
    'legal_representative',
  ])
    await db.schema.alterTable('registrations').dropColumn(column).execute();
}
