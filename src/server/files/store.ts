import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../../domain/errors.js';
import type { FileStore } from './fileStore.js';

/**
 * Saving uploads into the content-addressed file store (fileStore.ts: the local directory or S3): every
 * upload lives once under files/<first 2 hex>/<sha256>, whatever its name and however often it is uploaded. The type is decided by the content, never by the
 * file name; anything but the accepted types is refused before it reaches its final place.
 */

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** The accepted types, by the extension file-type reports, with their MIME types and Chinese names. */
export const STORED_FILE_TYPES = {
  pdf: { mime: 'application/pdf', label: 'PDF' },
  jpg: { mime: 'image/jpeg', label: 'JPG' },
  png: { mime: 'image/png', label: 'PNG' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word（DOCX）' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel（XLSX）' },
} as const;
export type StoredFileExt = keyof typeof STORED_FILE_TYPES;
export const ALL_STORED_FILE_EXTS = Object.keys(STORED_FILE_TYPES) as StoredFileExt[];

export interface StoredFile {
  sha256: string;
  size: number;
  mime: string;
  ext: StoredFileExt;
}

export interface SaveOptions {
  /** Largest accepted size in bytes (default 20 MB). */
  maxBytes?: number;
  /** Accepted types (default: all of STORED_FILE_TYPES). */
  allowed?: readonly StoredFileExt[];
}

const sizeLabel = (bytes: number) =>
  bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MB` : `${Math.round(bytes / 1024)} KB`;

/** "PDF、JPG、PNG、Word（DOCX）、Excel（XLSX）" — the accepted types, for messages. */
export const allowedTypesLabel = (allowed: readonly StoredFileExt[] = ALL_STORED_FILE_EXTS) =>
  allowed.map((e) => STORED_FILE_TYPES[e].label).join('、');

/** How much of the start of an upload the type detection sees (kept in memory while it streams on). */
export const DETECTION_PREFIX_BYTES = 1024 * 1024;

/** The type of a file by its first bytes (at most DETECTION_PREFIX_BYTES), or undefined. */
export async function detectType(prefix: Buffer): Promise<StoredFileExt | undefined> {
  const type = await fileTypeFromBuffer(prefix);
  const ext = type?.ext as string | undefined;
  return ext && ext in STORED_FILE_TYPES ? (ext as StoredFileExt) : undefined;
}

/**
 * Stores a file in the file store (local directory or S3): streams it into a pending write, hashing
 * and counting as it goes, refuses it with 413 when larger than maxBytes and with 415 when its content
 * is not an accepted type (decided on a bounded prefix, as soon as that prefix has arrived), and
 * commits it under its SHA-256 only when accepted. Nothing is left behind on refusal; identical
 * content is kept once.
 */
export async function saveFile(
  files: FileStore,
  input: Buffer | Uint8Array | Readable,
  opts: SaveOptions = {},
): Promise<StoredFile> {
  const maxBytes = opts.maxBytes ?? MAX_UPLOAD_BYTES;
  const allowed = opts.allowed ?? ALL_STORED_FILE_EXTS;
  const hash = createHash('sha256');
  const prefix: Buffer[] = [];
  let prefixBytes = 0;
  let ext: StoredFileExt | undefined;
  let size = 0;
  const decide = async () => {
    const found = await detectType(Buffer.concat(prefix));
    prefix.length = 0;
    if (!found || !allowed.includes(found)) {
      throw new AppError(
        'unsupported_file',
        `不支持的文件类型：只能上传 ${allowedTypesLabel(allowed)} 文件（按文件内容识别）`,
      );
    }
    return found;
  };
  const source = input instanceof Readable ? input : Readable.from([Buffer.from(input)]);
  const pending = await files.begin();
  try {
    for await (const chunk of source) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      size += buf.length;
      if (size > maxBytes) throw new AppError('payload_too_large', `文件不能超过 ${sizeLabel(maxBytes)}`);
      hash.update(buf);
      if (!ext) {
        prefix.push(buf);
        prefixBytes += buf.length;
        if (prefixBytes >= DETECTION_PREFIX_BYTES) ext = await decide();
      }
      await pending.write(buf);
    }
    if (size === 0) throw new AppError('validation_failed', '文件为空', [{ path: 'file', message: '文件为空' }]);
    ext ??= await decide();
    const sha256 = hash.digest('hex');
    await pending.commit(sha256);
    return { sha256, size, mime: STORED_FILE_TYPES[ext].mime, ext };
  } catch (err) {
    source.destroy?.();
    await pending.abort().catch(() => {});
    throw err;
  }
}

/** Opens a stored file for reading; 404 when it is not in the store. */
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
