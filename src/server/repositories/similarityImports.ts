import type { Insertable } from 'kysely';
import type { Executor } from '../db/database.js';
import type { SimilarityDocumentTable, SimilarityExternalSourceTable } from '../db/schema.js';
import { chunks, insertFingerprints } from './similarity.js';

/** Kysely queries of the earlier years' 申报书 imported from files (查重 sources). No rules here. */

/** The imports already holding one of these content hashes: hash → import id and file. */
export async function findImportsByHash(db: Executor, hashes: readonly string[]) {
  const out = new Map<string, { id: string; file_name: string }>();
  for (const part of chunks(hashes))
    for (const r of await db
      .selectFrom('similarity_external_sources')
      .select(['id', 'content_hash', 'file_name'])
      .where('content_hash', 'in', part)
      .execute())
      out.set(r.content_hash, { id: r.id, file_name: r.file_name });
  return out;
}

/**
 * Adds an imported document to the index: its similarity_documents row (kind 'import'), its
 * fingerprints and its external source row pointing at it.
 */
export async function insertImportedDocument(
  trx: Executor,
  doc: Omit<Insertable<SimilarityDocumentTable>, 'id' | 'kind'>,
  fingerprints: ArrayLike<number>,
  source: Omit<Insertable<SimilarityExternalSourceTable>, 'doc_id'>,
): Promise<number> {
  const row = await trx
    .insertInto('similarity_documents')
    .values({ ...doc, kind: 'import' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const docId = Number(row.id);
  await insertFingerprints(trx, docId, fingerprints);
  await trx
    .insertInto('similarity_external_sources')
    .values({ ...source, doc_id: docId })
    .execute();
  return docId;
}
