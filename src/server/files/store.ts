import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { AppError } from '../../domain/errors.js';
import type { FileStore } from './fileStore.js';
import { ALL_STORED_FILE_EXTS, bufferSource, inspectUpload, STORED_FILE_TYPES, type StoredFileExt } from './inspect.js';

/**
 * Saving uploads into the content-addressed file store (fileStore.ts: the local directory or S3): every
 * upload lives once under files/<first 2 hex>/<sha256>, whatever its name and however often it is
 * uploaded. The type is decided by the content (inspect.ts, on bounded reads, never by inflating an
 * archive), never by the file name; anything but the accepted types is refused before it reaches its
 * final place.
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

const sizeLabel = (bytes: number) =>
  bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MB` : `${Math.round(bytes / 1024)} KB`;

/**
 * Stores a file in the file store (local directory or S3): streams it into a pending write, hashing
 * and counting as it goes, refuses it with 413 when larger than maxBytes and with 415/422 when its
 * content is not an accepted type, and commits it under its SHA-256 only when accepted. Nothing is
 * left behind on refusal; identical content is kept once.
 *
 * The upload is also kept in memory while it streams (at most maxBytes, 20 MB), because an Office
 * file is judged by its ZIP central directory at the end of the file: inspectUpload reads it with
 * bounded reads from that copy, whichever store the bytes go to, and inflates nothing but
 * [Content_Types].xml (capped).
 */
export async function saveFile(
  files: FileStore,
  input: Buffer | Uint8Array | Readable,
  opts: SaveOptions = {},
): Promise<StoredFile> {
  const maxBytes = opts.maxBytes ?? MAX_UPLOAD_BYTES;
  const allowed = opts.allowed ?? ALL_STORED_FILE_EXTS;
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  let size = 0;
  const source = input instanceof Readable ? input : Readable.from([Buffer.from(input)]);
  const pending = await files.begin();
  try {
    for await (const chunk of source) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      size += buf.length;
      if (size > maxBytes) throw new AppError('payload_too_large', `文件不能超过 ${sizeLabel(maxBytes)}`);
      hash.update(buf);
      chunks.push(buf);
      await pending.write(buf);
    }
    if (size === 0) throw new AppError('validation_failed', '文件为空', [{ path: 'file', message: '文件为空' }]);
    const ext = await inspectUpload(bufferSource(Buffer.concat(chunks, size)), allowed);
    chunks.length = 0;
    const sha256 = hash.digest('hex');
    await pending.commit(sha256);
    return { sha256, size, mime: STORED_FILE_TYPES[ext].mime, ext };
  } catch (err) {
    source.destroy?.();
    await pending.abort().catch(() => {});
    throw err;
  }
}

export const openFile = (files: FileStore, sha256: string) => files.open(sha256);

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
