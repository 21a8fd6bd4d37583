import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '../../domain/errors.js';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './modes.js';

/**
 * Where uploaded and generated files live, content-addressed by SHA-256: the local directory
 * (DATA_DIR/files, the embedded mode) or an S3-compatible object store (s3Store.ts) shared by every
 * instance. The store knows nothing of types or limits: store.ts's saveFile streams the content
 * into a pending write, hashing, counting and inspecting a bounded prefix, and commits it under its
 * hash only when it is accepted.
 */
export interface FileStore {
  readonly kind: 'local' | 's3';
  /** Starts writing content whose hash is not known yet. */
  begin(): Promise<PendingWrite>;
  /** Opens a stored file; 404 (AppError not_found) when it is not in the store. */
  open(sha256: string): Promise<{ stream: Readable; size: number }>;
  /** Whether a file with this hash is in the store. */
  has(sha256: string): Promise<boolean>;
  /** Throws when the store cannot be reached (the health check). */
  check(): Promise<void>;
  /**
   * For the retention job (retention.ts): the stored files and what unfinished writes left behind
   * (a crashed process's temporary file or object), a page at a time.
   */
  list(): AsyncIterable<StoredObject[]>;
  /**
   * Removes a listed object unless it was modified at or after `cutoff` (looked at again just before:
   * a file stored again is touched by its commit); its size, or null when kept or already gone.
   */
  removeIfOlder(object: StoredObject, cutoff: Date): Promise<number | null>;
}

/** What list() yields: a stored file (by hash) or a leftover of an unfinished write (by its key). */
export type StoredObject =
  | { kind: 'file'; sha256: string; size: number; modifiedAt: Date }
  | { kind: 'temporary'; key: string; size: number; modifiedAt: Date };

export interface PendingWrite {
  /** Appends a chunk; resolves when the store can take more (back-pressure). */
  write(chunk: Buffer): Promise<void>;
  /** Makes the content durable under its hash; identical content already stored is kept once. */
  commit(sha256: string): Promise<void>;
  /** Drops everything written; nothing is left behind. */
  abort(): Promise<void>;
}

export const SHA256_RE = /^[0-9a-f]{64}$/;

/** The key of a stored file, the same in every store: files/<first 2 hex>/<sha256>. */
export function fileKey(sha256: string): string {
  if (!SHA256_RE.test(sha256)) throw new AppError('not_found');
  return `files/${sha256.slice(0, 2)}/${sha256}`;
}

export const notInStore = () => new AppError('not_found', '文件不存在或已被移除');

/**
 * The local store: DATA_DIR/files/<2 hex>/<sha256>. A write goes to a temporary file next to the
 * store, is fsynced, then renamed into place (atomic); the directory is fsynced after the rename.
 */
export function localFileStore(dataDir: string): FileStore {
  const root = path.join(dataDir, 'files');
  const target = (sha256: string) => path.join(dataDir, fileKey(sha256));
  return {
    kind: 'local',
    async begin() {
      await fsp.mkdir(root, { recursive: true, mode: PRIVATE_DIR_MODE });
      const tmp = path.join(root, `.upload-${randomUUID()}.tmp`);
      let handle: fsp.FileHandle | undefined = await fsp.open(tmp, 'wx', PRIVATE_FILE_MODE);
      const cleanup = async () => {
        await handle?.close().catch(() => {});
        handle = undefined;
        await fsp.rm(tmp, { force: true }).catch(() => {});
      };
      return {
        async write(chunk) {
          await handle!.write(chunk);
        },
        async commit(sha256) {
          try {
            await handle!.sync();
            await handle!.close();
            handle = undefined;
            const dest = target(sha256);
            await fsp.mkdir(path.dirname(dest), { recursive: true, mode: PRIVATE_DIR_MODE });
            if (fs.existsSync(dest)) {
              await fsp.rm(tmp, { force: true });
              // Fresh again: the retention job keeps an unreferenced file for a day after its last
              // upload, so the row about to reference it is written long before it could be collected.
              const now = new Date();
              await fsp.utimes(dest, now, now).catch(() => {});
            } else {
              await fsp.rename(tmp, dest);
              await syncDir(path.dirname(dest));
            }
          } catch (err) {
            await cleanup();
            throw err;
          }
        },
        abort: cleanup,
      };
    },
    async open(sha256) {
      const p = target(sha256);
      const stat = await fsp.stat(p).catch(() => null);
      if (!stat?.isFile()) throw notInStore();
      return { stream: fs.createReadStream(p), size: stat.size };
    },
    async has(sha256) {
      if (!SHA256_RE.test(sha256)) return false;
      const stat = await fsp.stat(target(sha256)).catch(() => null);
      return !!stat?.isFile();
    },
    async check() {
      await fsp.mkdir(root, { recursive: true });
      await fsp.access(root, fs.constants.W_OK);
    },
    list: () => listLocal(root),
    removeIfOlder: (object, cutoff) =>
      removeLocalIfOlder(
        object.kind === 'file' ? target(object.sha256) : path.join(root, object.key),
        cutoff.getTime(),
      ),
  };
}

const TEMP_RE = /^\.upload-[^/]*\.tmp$/;
const PAGE = 500;

/** DATA_DIR/files: the temporary files first, then each <2 hex> directory in pages. */
async function* listLocal(root: string): AsyncIterable<StoredObject[]> {
  const names = await listDir(root);
  const temporary: StoredObject[] = [];
  for (const name of names.filter((n) => TEMP_RE.test(n))) {
    const stat = await fsp.lstat(path.join(root, name)).catch(() => null);
    if (stat?.isFile()) temporary.push({ kind: 'temporary', key: name, size: stat.size, modifiedAt: stat.mtime });
  }
  if (temporary.length) yield temporary;
  for (const dir of names.filter((n) => /^[0-9a-f]{2}$/.test(n))) {
    const shas = (await listDir(path.join(root, dir))).filter((n) => SHA256_RE.test(n) && n.startsWith(dir));
    for (let i = 0; i < shas.length; i += PAGE) {
      const page: StoredObject[] = [];
      for (const sha256 of shas.slice(i, i + PAGE)) {
        const stat = await fsp.lstat(path.join(root, dir, sha256)).catch(() => null);
        if (stat?.isFile()) page.push({ kind: 'file', sha256, size: stat.size, modifiedAt: stat.mtime });
      }
      if (page.length) yield page;
    }
  }
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
async function removeLocalIfOlder(file: string, cutoffMs: number): Promise<number | null> {
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

/** Makes a rename durable; some platforms refuse to open directories, which is then harmless. */
async function syncDir(dir: string): Promise<void> {
  let h: fsp.FileHandle | undefined;
  try {
    h = await fsp.open(dir, 'r');
    await h.sync();
  } catch {
    // not supported here
  } finally {
    await h?.close().catch(() => {});
  }
}
