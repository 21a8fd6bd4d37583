import type { DraftContent, SnapshotContent, SnapshotFile } from '../../../domain/application.js';
import { applicationFileKindLabels, type ApplicationFileKind } from '../../../domain/schemas/applications.js';
import type { Actor } from '../../context.js';
import type { Executor } from '../../db/database.js';
import type { ApplicationPdfFile, ApplicationPdfInput } from '../../documents/applicationPdf.js';
import { viewsAsUnit } from '../../policies/applications.js';
import { blockImageIds, parseHtml } from '../../documents/html.js';
import { narrativeHtml } from '../../documents/images.js';
import type { FileStore } from '../../files/fileStore.js';
import { openFile } from '../../files/store.js';
import { findPledgeForSnapshot, listFiles } from '../../repositories/applications.js';
import { findImageFiles } from '../../repositories/narrativeImages.js';
import {
  fileUploadTimes,
  findApplicationsForDocuments,
  type DocumentApplicationRow,
} from '../../repositories/documents.js';
import { loadVisibleApplication } from '../applications/loadApplication.js';

/**
 * Which version of an application a document shows, and the producer's input for it. The applicant
 * unit editing a draft (or a returned application) prints its working copy, watermarked 草稿 and
 * without a code; everyone else — and the unit once it has submitted — prints the current submitted
 * snapshot, the version its pledge and verification code belong to.
 */

const EDITABLE = ['draft', 'returned'];

export interface ChosenVersion {
  official: boolean;
  /** The submitted snapshot (with the files it froze) when official, else the working copy. */
  content: DraftContent | SnapshotContent;
}

export function chooseVersion(row: DocumentApplicationRow, viewerIsUnit: boolean): ChosenVersion {
  const hasSnapshot = !!row.snapshot_id && row.status !== 'draft';
  if (hasSnapshot && !(viewerIsUnit && EDITABLE.includes(row.status))) {
    return { official: true, content: row.snapshot_content ?? { files: [] } };
  }
  return { official: false, content: row.content };
}

const kindLabel = (kind: string) => applicationFileKindLabels[kind as ApplicationFileKind] ?? kind;

/** The files a snapshot froze (kind, name, SHA-256, size); none for a working copy. */
export const snapshotFiles = (content: DraftContent | SnapshotContent): SnapshotFile[] =>
  'files' in content ? content.files : [];

/** The producer's input for one application in the chosen version. */
export async function applicationPdfInput(
  db: Executor,
  row: DocumentApplicationRow,
  chosen: ChosenVersion,
  opts: { now: Date; publicBaseUrl: string; files: FileStore },
): Promise<ApplicationPdfInput> {
  let files: ApplicationPdfFile[];
  let pledge: ApplicationPdfInput['pledge'] = null;
  if (chosen.official) {
    const times = await fileUploadTimes(db, row.id);
    files = snapshotFiles(chosen.content).map((f) => ({
      fileName: f.fileName,
      kindLabel: kindLabel(f.kind),
      size: f.size,
      sha256: f.sha256,
      uploadedAt: times.get(f.sha256) ?? row.snapshot_created_at ?? '',
    }));
    const p = await findPledgeForSnapshot(db, row.snapshot_id!);
    if (p) pledge = { signerName: p.signer_name, signedAt: p.signed_at };
  } else {
    files = (await listFiles(db, row.id)).map((f) => ({
      fileName: f.file_name,
      kindLabel: kindLabel(f.kind),
      size: Number(f.size),
      sha256: f.sha256,
      uploadedAt: f.uploaded_at,
    }));
  }
  return {
    number: row.number,
    batchName: row.batch_name,
    unitName: row.unit_name,
    cityName: row.city_name,
    content: chosen.content,
    version: chosen.official
      ? { seq: Number(row.snapshot_seq), sha256: row.snapshot_sha256!, submittedAt: row.snapshot_created_at! }
      : null,
    draft: !chosen.official,
    files,
    pledge,
    verifyBaseUrl: opts.publicBaseUrl,
    generatedAt: opts.now,
    images: await loadNarrativeImages(db, opts.files, row.id, chosen),
  };
}

/**
 * The uploaded images the chosen version's narrative shows, by file id: only this application's
 * PNG/JPEG files (a submitted version also those deleted since, as it froze them). A file missing
 * from the store draws ［图片］.
 */
export async function loadNarrativeImages(
  db: Executor,
  files: FileStore,
  applicationId: string,
  chosen: ChosenVersion,
): Promise<Map<string, Buffer>> {
  const ids = [...new Set(narrativeHtml(chosen.content).flatMap((html) => blockImageIds(parseHtml(html))))];
  const images = new Map<string, Buffer>();
  if (!ids.length) return images;
  for (const f of await findImageFiles(db, applicationId, ids, chosen.official)) {
    const data = await readStored(files, f.sha256);
    if (data) images.set(f.id.toLowerCase(), data);
  }
  return images;
}

async function readStored(files: FileStore, sha256: string): Promise<Buffer | null> {
  try {
    const { stream } = await openFile(files, sha256);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  } catch {
    return null;
  }
}

/** Loads one application the actor may see (404 otherwise) with the version to print. */
export async function loadApplicationForDocument(db: Executor, actor: Actor, id: string) {
  const app = await loadVisibleApplication(db, actor, id);
  const [row] = await findApplicationsForDocuments(db, [app.id]);
  const viewerIsUnit = viewsAsUnit(actor, app);
  return { row: row!, chosen: chooseVersion(row!, viewerIsUnit) };
}

/** "南京芯创集成电路专业化众创空间" or, for an unnamed draft, the number or a generic name. */
export const documentStem = (row: Pick<DocumentApplicationRow, 'space_name' | 'number'>) =>
  row.space_name?.trim() || row.number || '专业化众创空间';
