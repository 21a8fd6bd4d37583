import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { AppError } from '../../domain/errors.js';
import {
  ALL_STORED_FILE_EXTS,
  fileHandleSource,
  inspectUpload,
  STORED_FILE_TYPES,
  type StoredFileExt,
} from './inspect.js';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './modes.js';

/**
 * The content-addressed file store: every upload lives once under DATA_DIR/files/<first 2 hex>/<sha256>,
 * whatever its name and however often it is uploaded. The type is decided by the content, never by the
 * file name; anything but the accepted types is refused before it reaches its final place.
 */

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export { ALL_STORED_FILE_EXTS, allowedTypesLabel, STORED_FILE_TYPES, type StoredFileExt } from './inspect.js';

export interface StoredFile {
  sha256: string;
  size: number;
  mime: string;
  ext: StoredFileExt;
}

/** An upload as the routes hand it to a command: its form fields (those before the file), name and bytes. */
export interface ReceivedUpload {
  fields: Record<string, string>;
  fileName: string | undefined;
  stream: Readable;
}

export interface SaveOptions {
  /** Largest accepted size in bytes (default 20 MB). */
  maxBytes?: number;
  /** Accepted types (default: all of STORED_FILE_TYPES). */
  allowed?: readonly StoredFileExt[];
}

const SHA256_RE = /^[0-9a-f]{64}$/;

const filesRoot = (dataDir: string) => path.join(dataDir, 'files');

/** Uploaded files and their directories are the server's alone (issue 11: they were 0640/0755). */
const FILE_MODE = PRIVATE_FILE_MODE;
const DIR_MODE = PRIVATE_DIR_MODE;

/** Where a stored file lives. */
export function filePath(dataDir: string, sha256: string): string {
  if (!SHA256_RE.test(sha256)) throw new AppError('not_found');
  return path.join(filesRoot(dataDir), sha256.slice(0, 2), sha256);
}

const sizeLabel = (bytes: number) =>
  bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MB` : `${Math.round(bytes / 1024)} KB`;

/**
 * Stores a file: streams it to a temporary file next to the store (hashing and counting as it goes),
 * refuses it with 413 when larger than maxBytes and with 415 when its content is not an accepted type,
 * then fsyncs and renames it into place. Nothing is left behind on refusal; identical content is kept once.
 * The type is decided by inspectUpload on bounded reads of the temporary copy (never by inflating it).
 */
export async function saveFile(
  dataDir: string,
  input: Buffer | Uint8Array | Readable,
  opts: SaveOptions = {},
): Promise<StoredFile> {
  const maxBytes = opts.maxBytes ?? MAX_UPLOAD_BYTES;
  const allowed = opts.allowed ?? ALL_STORED_FILE_EXTS;
  const root = filesRoot(dataDir);
  await fsp.mkdir(root, { recursive: true, mode: DIR_MODE });
  const tmp = path.join(root, `.upload-${randomUUID()}.tmp`);
  const hash = createHash('sha256');
  let size = 0;
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(tmp, 'wx+', FILE_MODE);
    const source = input instanceof Readable ? input : Readable.from([Buffer.from(input)]);
    for await (const chunk of source) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      size += buf.length;
      if (size > maxBytes) {
        source.destroy?.();
        throw new AppError('payload_too_large', `文件不能超过 ${sizeLabel(maxBytes)}`);
      }
      hash.update(buf);
      await handle.write(buf);
    }
    if (size === 0) throw new AppError('validation_failed', '文件为空', [{ path: 'file', message: '文件为空' }]);
    await handle.sync();
    const ext = await inspectUpload(await fileHandleSource(handle), allowed);
    await handle.close();
    handle = undefined;
    const sha256 = hash.digest('hex');
    const target = filePath(dataDir, sha256);
    await fsp.mkdir(path.dirname(target), { recursive: true, mode: DIR_MODE });
    if (fs.existsSync(target)) {
      await fsp.rm(tmp, { force: true });
      // Fresh again: the retention job keeps an unreferenced file for a day after its last upload,
      // so the row about to reference it is written long before the file could be collected.
      const now = new Date();
      await fsp.utimes(target, now, now).catch(() => {});
    } else {
      await fsp.rename(tmp, target);
      await syncDir(path.dirname(target));
    }
    return { sha256, size, mime: STORED_FILE_TYPES[ext].mime, ext };
  } catch (err) {
    await handle?.close().catch(() => {});
    await fsp.rm(tmp, { force: true }).catch(() => {});
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

/** Opens a stored file for reading; 404 when it is not in the store. */
export async function openFile(dataDir: string, sha256: string): Promise<{ stream: fs.ReadStream; size: number }> {
  const p = filePath(dataDir, sha256);
  const stat = await fsp.stat(p).catch(() => null);
  if (!stat?.isFile()) throw new AppError('not_found', '文件不存在或已被移除');
  return { stream: fs.createReadStream(p), size: stat.size };
}

/** Whether a file with this hash is in the store. */
export const hasFile = (dataDir: string, sha256: string): boolean =>
  SHA256_RE.test(sha256) && fs.existsSync(filePath(dataDir, sha256));

/**
 * A safe display name for an upload: no directories or control characters, at most 120 characters,
 * and the extension of the detected type (a PNG named "scan.pdf" becomes "scan.png").
 */
export function storedFileName(original: string | undefined, ext: StoredFileExt): string {
  const base = (original ?? '')
    .split(/[\\/]/)
    .pop()!
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .trim();
  const dot = base.lastIndexOf('.');
  const stem = (dot > 0 ? base.slice(0, dot) : base).slice(0, 100).trim() || '附件';
  const given = dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
  const aliases: Record<StoredFileExt, string[]> = {
    pdf: ['pdf'],
    jpg: ['jpg', 'jpeg'],
    png: ['png'],
    docx: ['docx'],
    xlsx: ['xlsx'],
  };
  return `${stem}.${aliases[ext].includes(given) ? given : ext}`;
}

/** A Content-Disposition header value with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(fileName: string, type: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
