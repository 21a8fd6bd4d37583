import type { FileHandle } from 'node:fs/promises';
import { AppError } from '../../domain/errors.js';
import { readMember, readZipDirectory, ZipRefusal, type ZipEntry, type ZipLimits } from './zip.js';

/**
 * Decides what an upload is from its bytes, reading only bounded parts of it: the first bytes (PDF,
 * JPG, PNG magic numbers and image dimensions) and, for ZIP-based Office files, the central directory
 * from the end of the file and each member's local header. Nothing is inflated but the small parts
 * that name the document type ([Content_Types].xml), and never more than INFLATE_BUDGET in all.
 *
 * The issue this answers (issue 11, item 1): file-type inflated a 2 MB DOCX-shaped ZIP whose
 * [Content_Types].xml declared 2 GiB synchronously, without a cap (4.3 GB of memory, the event loop
 * blocked 11.8 s). Here an Office file is refused when its members declare more than 200 MB in all or
 * one member is compressed more than 100:1, and when its headers contradict each other.
 *
 * Kept apart from the storage (store.ts) so that any file store (a local directory, object storage)
 * can inspect the temporary copy it holds before committing it.
 */

/** The accepted types, by extension, with their MIME types and Chinese names. */
export const STORED_FILE_TYPES = {
  pdf: { mime: 'application/pdf', label: 'PDF' },
  jpg: { mime: 'image/jpeg', label: 'JPG' },
  png: { mime: 'image/png', label: 'PNG' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word（DOCX）' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel（XLSX）' },
} as const;
export type StoredFileExt = keyof typeof STORED_FILE_TYPES;
export type InspectedType = StoredFileExt;
export const ALL_STORED_FILE_EXTS = Object.keys(STORED_FILE_TYPES) as StoredFileExt[];

/** "PDF、JPG、PNG、Word（DOCX）、Excel（XLSX）" — the accepted types, for messages. */
export const allowedTypesLabel = (allowed: readonly StoredFileExt[] = ALL_STORED_FILE_EXTS) =>
  allowed.map((e) => STORED_FILE_TYPES[e].label).join('、');

/** Random access to the bytes of an upload. */
export interface ByteSource {
  size: number;
  /** Exactly `length` bytes from `position` (fewer only at the end). */
  read(position: number, length: number): Promise<Buffer>;
}

export const ZIP_LIMITS: ZipLimits = {
  maxTotalSize: 200 * 1024 * 1024,
  maxRatio: 100,
  ratioFloor: 64 * 1024,
  maxEntries: 10_000,
  maxCentralDirectory: 4 * 1024 * 1024,
};

/** Largest [Content_Types].xml read (a real one is a few KB). */
const MAX_CONTENT_TYPES = 1024 * 1024;

/** Images: at most this many pixels, and this many on a side (what a browser or a PDF could decode). */
export const MAX_IMAGE_PIXELS = 100_000_000;
export const MAX_IMAGE_SIDE = 30_000;

const OOXML_MAIN: Record<string, { ext: 'docx' | 'xlsx'; folder: string }> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml': { ext: 'docx', folder: 'word/' },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml': { ext: 'xlsx', folder: 'xl/' },
};

/** A ByteSource over an open file (the temporary copy of an upload). */
export async function fileHandleSource(handle: FileHandle): Promise<ByteSource> {
  const { size } = await handle.stat();
  return {
    size,
    async read(position, length) {
      const n = Math.max(0, Math.min(length, size - position));
      const buf = Buffer.alloc(n);
      let done = 0;
      while (done < n) {
        const { bytesRead } = await handle.read(buf, done, n - done, position + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return done === n ? buf : buf.subarray(0, done);
    },
  };
}

/** A ByteSource over bytes in memory. */
export function bufferSource(buf: Buffer): ByteSource {
  return { size: buf.length, read: async (position, length) => buf.subarray(position, position + length) };
}

const startsWith = (head: Buffer, bytes: number[]) => bytes.every((b, i) => head[i] === b);

/** The type by magic number, from the first bytes only. */
function sniff(head: Buffer): InspectedType | 'zip' | undefined {
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  return undefined;
}

/**
 * The type of an upload, or an AppError: 415 `unsupported_file` when it is none of `allowed`, or an
 * Office file that would inflate beyond the limits or whose ZIP structure lies; 422 when an image is
 * larger than can be decoded safely.
 */
export async function inspectUpload(src: ByteSource, allowed: readonly InspectedType[]): Promise<InspectedType> {
  const refuse = () => {
    throw new AppError(
      'unsupported_file',
      `不支持的文件类型：只能上传 ${allowedTypesLabel(allowed)} 文件（按文件内容识别）`,
    );
  };
  const head = await src.read(0, Math.min(src.size, 64));
  const sniffed = sniff(head);
  if (!sniffed) return refuse();
  if (sniffed === 'zip') {
    // Only look into the archive when an Office file could be accepted at all.
    if (!allowed.includes('docx') && !allowed.includes('xlsx')) return refuse();
    const ext = await officeType(src);
    return ext && allowed.includes(ext) ? ext : refuse();
  }
  if (!allowed.includes(sniffed)) return refuse();
  if (sniffed === 'png') checkDimensions(pngDimensions(head));
  if (sniffed === 'jpg') checkDimensions(await jpegDimensions(src));
  return sniffed;
}

/** Whether a ZIP is a DOCX or an XLSX (or neither), after checking its structure and declared sizes. */
async function officeType(src: ByteSource): Promise<'docx' | 'xlsx' | undefined> {
  let entries: ZipEntry[];
  try {
    entries = await readZipDirectory(src, ZIP_LIMITS);
    const types = entries.find((e) => e.name === '[Content_Types].xml');
    if (!types || types.size > MAX_CONTENT_TYPES) return undefined;
    const xml = (await readMember(src, types)).toString('utf8');
    const main = /<Override\b[^>]*\bContentType\s*=\s*"([^"]+\.main\+xml)"/g;
    for (const m of xml.matchAll(main)) {
      const kind = OOXML_MAIN[m[1]!];
      // The main part's folder must hold members too, as Word and Excel write them.
      if (kind && entries.some((e) => e.name.startsWith(kind.folder))) return kind.ext;
    }
    return undefined;
  } catch (err) {
    if (!(err instanceof ZipRefusal)) throw err;
    throw new AppError(
      'unsupported_file',
      err.kind === 'bomb'
        ? `文件被拒绝：Office 文件解压后总大小不得超过 200 MB，且单个部件的压缩比不得超过 100:1（疑似“压缩炸弹”）`
        : `文件被拒绝：Office 文件的 ZIP 结构不完整或前后不一致，请用 Word 或 Excel 重新保存后上传`,
    );
  }
}

interface Dimensions {
  width: number;
  height: number;
}

function checkDimensions(d: Dimensions | undefined): void {
  if (!d) return;
  if (d.width > MAX_IMAGE_SIDE || d.height > MAX_IMAGE_SIDE || d.width * d.height > MAX_IMAGE_PIXELS) {
    const message = `图片尺寸过大（${d.width}×${d.height} 像素），每边不得超过 ${MAX_IMAGE_SIDE} 像素、总计不超过 1 亿像素，请缩小后上传`;
    throw new AppError('validation_failed', message, [{ path: 'file', message }]);
  }
}

/** PNG: the IHDR chunk comes first, right after the signature. */
function pngDimensions(head: Buffer): Dimensions | undefined {
  if (head.length < 24 || head.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: head.readUInt32BE(16), height: head.readUInt32BE(20) };
}

/** JPEG: walks the marker segments (bounded) to the first start-of-frame. */
async function jpegDimensions(src: ByteSource): Promise<Dimensions | undefined> {
  let pos = 2;
  for (let segments = 0; segments < 256 && pos + 9 <= src.size; segments++) {
    const h = await src.read(pos, 9);
    if (h[0] !== 0xff) return undefined;
    const marker = h[1]!;
    if (marker === 0xff) {
      pos += 1; // fill byte
      continue;
    }
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return { height: h.readUInt16BE(5), width: h.readUInt16BE(7) };
    if (marker === 0xd9 || marker === 0xda) return undefined;
    pos += 2 + h.readUInt16BE(2);
  }
  return undefined;
}
