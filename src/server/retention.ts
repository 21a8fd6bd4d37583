import fsp from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import type { Config } from './config.js';
import type { Db } from './db/database.js';

/**
 * The retention job (issue 11, item 8: temporary upload files and unreferenced blobs left by a crash
 * stayed forever, sessions and idempotency keys were never purged). One pass removes:
 * - `.upload-*.tmp` files in DATA_DIR/files older than an hour (an upload still streaming is younger);
 * - stored files no table references, once untouched for a day (saveFile touches a file it stores
 *   again, so the row about to reference it is always written long before);
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

const SHA256_RE = /^[0-9a-f]{64}$/;
const TEMP_RE = /^\.upload-[^/]*\.tmp$/;
const CHUNK = 500;

/** One retention pass; returns the figures and logs them (one line) when given a logger. */
export async function runRetention(
  db: Db,
  config: Pick<Config, 'dataDir' | 'SESSION_IDLE_MINUTES'>,
  opts: { now?: Date; log?: RetentionLog } = {},
): Promise<RetentionFigures> {
  const now = opts.now ?? new Date();
  const root = path.join(config.dataDir, 'files');
  const figures: RetentionFigures = {
    tempFiles: 0,
    tempBytes: 0,
    blobs: 0,
    blobBytes: 0,
    sessions: 0,
    idempotencyKeys: 0,
  };

  for (const name of await listDir(root)) {
    if (!TEMP_RE.test(name)) continue;
    const removed = await removeIfOlder(path.join(root, name), now.getTime() - TEMP_FILE_MAX_AGE_MS);
    if (removed !== null) {
      figures.tempFiles++;
      figures.tempBytes += removed;
    }
  }

  for (const dir of await listDir(root)) {
    if (!/^[0-9a-f]{2}$/.test(dir)) continue;
    const names = (await listDir(path.join(root, dir))).filter((n) => SHA256_RE.test(n) && n.startsWith(dir));
    for (let i = 0; i < names.length; i += CHUNK) {
      const chunk = names.slice(i, i + CHUNK);
      const referenced = await referencedAmong(db, chunk);
      for (const sha of chunk) {
        if (referenced.has(sha)) continue;
        const removed = await removeIfOlder(path.join(root, dir, sha), now.getTime() - BLOB_GRACE_MS);
        if (removed !== null) {
          figures.blobs++;
          figures.blobBytes += removed;
        }
      }
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

async function listDir(dir: string): Promise<string[]> {
  try {
    return await fsp.readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/** Removes a regular file last modified before the cutoff; its size, or null when kept or gone. */
async function removeIfOlder(file: string, cutoffMs: number): Promise<number | null> {
  const stat = await fsp.lstat(file).catch(() => null);
  if (!stat?.isFile() || stat.mtimeMs >= cutoffMs) return null;
  try {
    await fsp.unlink(file);
    return stat.size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
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
