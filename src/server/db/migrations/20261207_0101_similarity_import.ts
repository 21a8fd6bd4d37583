import { type Kysely } from 'kysely';
import { isPostgres } from './helpers.js';

/**
 * 查重 of earlier years (issue 15, `npm run similarity:import`): each earlier 申报书 imported from a
 * file, with the facts its CSV row gave. Its text and fingerprints are a similarity_documents row of
 * kind 'import' (doc_id), so every check and every batch cross-check finds it. content_hash (SHA-256
 * of the extracted text) is unique: importing the same document again changes nothing.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable('similarity_external_sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('content_hash', 'text', (c) => c.notNull().unique())
    .addColumn('doc_id', pg ? 'bigint' : 'integer', (c) => c.notNull().unique())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_type', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('unit_name', 'text', (c) => c.notNull())
    .addColumn('uscc', 'text')
    .addColumn('space_name', 'text', (c) => c.notNull())
    .addColumn('city_name', 'text', (c) => c.notNull())
    .addColumn('province_name', 'text')
    .addColumn('char_count', 'integer', (c) => c.notNull())
    .addColumn('sections', 'integer', (c) => c.notNull())
    .addColumn('import_run', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('similarity_external_sources').ifExists().execute();
}
