import { sql } from 'kysely';
import type { Config } from './config.js';
import type { Db } from './db/database.js';
import type { FileStore, StoredObject } from './files/fileStore.js';

/**
 * The retention job (issue 11, item 8: temporary upload files and unreferenced blobs left by a crash
 * stayed forever, sessions and idempotency keys were never purged). One pass removes:
 * - what unfinished writes left in the file store older than an hour (an upload still streaming is
 *   younger): `.upload-*.tmp` files in DATA_DIR/files, `tmp/` objects in the S3 bucket;
 * - stored files no table references, once untouched for a day (a store touches a file it stores
 *   again, so the row about to reference it is always written long before) — in either store, through
 *   its list() and removeIfOlder() (files/fileStore.ts, files/s3Store.ts);
 * - sessions idle longer than SESSION_IDLE_MINUTES (they can no longer be used);
 * - idempotency keys older than a day (a client retries within minutes).
 * It logs one line with the figures. The background loop runs it at start and hourly; it is safe to
 * run from several processes at once (every step is an idempotent delete).
 */

export const TEMP_FILE_MAX_AGE_MS = 60 * 60_000;
export const BLOB_GRACE_MS = 24 * 60 * 60_000;
export const IDEMPOTENCY_KEY_LIFETIME_MS = 24 * 60 * 60_000;

/**
 * Every column that holds the SHA-256 of a stored file. A table that starts referencing stored files
 * must be added here, or the job would collect its files a day after upload.
 */
export const BLOB_REFERENCES: readonly { table: string; column: string }[] = [
  { table: 'application_files', column: 'sha256' },
  { table: 'batch_documents', column: 'file_sha256' },
  { table: 'field_visit_photos', column: 'sha256' },
  // A licence uploaded but never registered is collected after the grace period (its token expires first).
  { table: 'registrations', column: 'licence_sha256' },
];

export interface RetentionFigures {
  tempFiles: number;
  tempBytes: number;
  blobs: number;
  blobBytes: number;
  sessions: number;
  idempotencyKeys: number;
}

export interface RetentionLog {
  info(obj: object, msg: string): void;
}

/** One retention pass; returns the figures and logs them (one line) when given a logger. */
export async function runRetention(
  db: Db,
  files: FileStore,
  config: Pick<Config, 'SESSION_IDLE_MINUTES'>,
  opts: { now?: Date; log?: RetentionLog } = {},
): Promise<RetentionFigures> {
  const now = opts.now ?? new Date();
  const figures: RetentionFigures = {
    tempFiles: 0,
    tempBytes: 0,
    blobs: 0,
    blobBytes: 0,
    sessions: 0,
    idempotencyKeys: 0,
  };

  const tempCutoff = new Date(now.getTime() - TEMP_FILE_MAX_AGE_MS);
  const blobCutoff = new Date(now.getTime() - BLOB_GRACE_MS);
  for await (const page of files.list()) {
    const candidates = page.filter((o) => o.modifiedAt < (o.kind === 'file' ? blobCutoff : tempCutoff));
    const hashes = candidates.flatMap((o) => (o.kind === 'file' ? [o.sha256] : []));
    const referenced = hashes.length ? await referencedAmong(db, hashes) : new Set<string>();
    for (const object of candidates) {
      if (object.kind === 'file' && referenced.has(object.sha256)) continue;
      const removed = await files.removeIfOlder(object, object.kind === 'file' ? blobCutoff : tempCutoff);
      if (removed === null) continue;
      count(figures, object, removed);
    }
  }

  const idleCutoff = new Date(now.getTime() - config.SESSION_IDLE_MINUTES * 60_000).toISOString();
  const sessions = await db.deleteFrom('sessions').where('last_seen_at', '<', idleCutoff).executeTakeFirst();
  figures.sessions = Number(sessions.numDeletedRows);
  const keyCutoff = new Date(now.getTime() - IDEMPOTENCY_KEY_LIFETIME_MS).toISOString();
  const keys = await db.deleteFrom('idempotency_keys').where('created_at', '<', keyCutoff).executeTakeFirst();
  figures.idempotencyKeys = Number(keys.numDeletedRows);

  opts.log?.info(
    { retention: figures },
    `retention: removed ${figures.tempFiles} temporary files (${figures.tempBytes} bytes), ` +
      `${figures.blobs} unreferenced files (${figures.blobBytes} bytes), ${figures.sessions} expired sessions, ` +
      `${figures.idempotencyKeys} idempotency keys`,
  );
  return figures;
}

function count(figures: RetentionFigures, object: StoredObject, bytes: number): void {
  if (object.kind === 'file') {
    figures.blobs++;
    figures.blobBytes += bytes;
  } else {
    figures.tempFiles++;
    figures.tempBytes += bytes;
  }
}

/** Which of these hashes some table references (deleted rows included: their files stay). */
async function referencedAmong(db: Db, hashes: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const { table, column } of BLOB_REFERENCES) {
    const rows = await sql<{ sha: string }>`select distinct ${sql.ref(column)} as sha from ${sql.table(table)}
      where ${sql.ref(column)} in (${sql.join(hashes)})`.execute(db);
    for (const r of rows.rows) found.add(r.sha);
  }
  return found;
}
