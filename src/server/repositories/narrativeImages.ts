import { NARRATIVE_IMAGE_MIMES } from '../../domain/narrative/schema.js';
import type { Executor } from '../db/database.js';

/** The application's image files, as the narrative names them (by file id). */

/** Ids of the application's attached images (the only pictures its narrative may show). */
export async function listImageFileIds(db: Executor, applicationId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('application_files')
    .select('id')
    .where('application_id', '=', applicationId)
    .where('deleted_at', 'is', null)
    .where('mime', 'in', [...NARRATIVE_IMAGE_MIMES])
    .execute();
  return new Set(rows.map((r) => r.id.toLowerCase()));
}

/**
 * Stored images of an application by file id (deleted ones too when `withDeleted`: a submitted
 * version keeps showing what it froze), for the PDF and the Word 申报书.
 */
export function findImageFiles(db: Executor, applicationId: string, fileIds: readonly string[], withDeleted: boolean) {
  return db
    .selectFrom('application_files')
    .select(['id', 'sha256', 'mime'])
    .where('application_id', '=', applicationId)
    .where('id', 'in', fileIds.length ? [...fileIds] : [''])
    .where('mime', 'in', [...NARRATIVE_IMAGE_MIMES])
    .$if(!withDeleted, (q) => q.where('deleted_at', 'is', null))
    .execute();
}
