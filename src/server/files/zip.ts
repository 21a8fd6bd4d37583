import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { ByteSource } from './inspect.js';

/**
 * Reads a ZIP archive's structure without inflating it: the end-of-central-directory record and the
 * central directory (from the end of the file, bounded reads), then each member's local header, and
 * checks that they agree. What the archive *declares* is then checked against the limits; inflating
 * is left to readMember, which never produces more than it is asked for.
 *
 * ZIP64 and multi-disk archives are refused: an Office file of at most 20 MB never needs them, and
 * they are where lying sizes hide.
 */

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  crc32: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  /** Where the member's compressed data starts (after its local header). */
  dataOffset: number;
}

/** Why an archive is refused; the caller turns it into the Chinese message. */
export class ZipRefusal extends Error {
  constructor(
    readonly kind: 'malformed' | 'bomb',
    message: string,
  ) {
    super(message);
  }
}

export interface ZipLimits {
  /** Largest declared total of the members' uncompressed sizes. */
  maxTotalSize: number;
  /** Largest compression ratio of one member (uncompressed : compressed). */
  maxRatio: number;
  /** Members smaller than this are not held to the ratio (they cannot hurt whatever their ratio). */
  ratioFloor: number;
  maxEntries: number;
  /** Largest central directory read into memory. */
  maxCentralDirectory: number;
}

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;

/** Deflate's worst case grows data by 5 bytes per 16 KB stored block (plus a little); more is a lie. */
const maxDeflated = (size: number) => size + 5 * (Math.floor(size / 16_383) + 1) + 16;

/** The members of the archive, checked for consistency and against the limits. */
export async function readZipDirectory(src: ByteSource, limits: ZipLimits): Promise<ZipEntry[]> {
  if (src.size < EOCD_SIZE) throw new ZipRefusal('malformed', 'too short for a ZIP archive');
  const tailLength = Math.min(src.size, EOCD_SIZE + MAX_COMMENT);
  const tailStart = src.size - tailLength;
  const tail = await src.read(tailStart, tailLength);
  let eocd = -1;
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    // The record whose comment reaches exactly to the end of the file: anything after it is not ZIP.
    if (tail.readUInt32LE(i) === EOCD_SIG && i + EOCD_SIZE + tail.readUInt16LE(i + 20) === tail.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipRefusal('malformed', 'no end of central directory record');
  const eocdOffset = tailStart + eocd;
  if (eocd >= 20 && tail.readUInt32LE(eocd - 20) === ZIP64_LOCATOR_SIG) throw new ZipRefusal('malformed', 'ZIP64');
  const disk = tail.readUInt16LE(eocd + 4);
  const cdDisk = tail.readUInt16LE(eocd + 6);
  const entriesOnDisk = tail.readUInt16LE(eocd + 8);
  const entries = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (entries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff)
    throw new ZipRefusal('malformed', 'ZIP64');
  if (disk !== 0 || cdDisk !== 0 || entriesOnDisk !== entries) throw new ZipRefusal('malformed', 'multi-disk archive');
  if (entries === 0) throw new ZipRefusal('malformed', 'empty archive');
  if (entries > limits.maxEntries) throw new ZipRefusal('bomb', `${entries} entries`);
  if (cdOffset + cdSize !== eocdOffset) throw new ZipRefusal('malformed', 'central directory out of place');
  if (cdSize > limits.maxCentralDirectory) throw new ZipRefusal('bomb', 'central directory too large');

  const cd = await src.read(cdOffset, cdSize);
  const list: ZipEntry[] = [];
  const names = new Set<string>();
  let total = 0;
  let p = 0;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL_SIG)
      throw new ZipRefusal('malformed', 'central directory entry');
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    const end = p + 46 + nameLength + extraLength + commentLength;
    if (end > cd.length) throw new ZipRefusal('malformed', 'central directory entry');
    const entry: ZipEntry = {
      flags: cd.readUInt16LE(p + 8),
      method: cd.readUInt16LE(p + 10),
      crc32: cd.readUInt32LE(p + 16),
      compressedSize: cd.readUInt32LE(p + 20),
      size: cd.readUInt32LE(p + 24),
      name: cd.toString('utf8', p + 46, p + 46 + nameLength),
      localOffset: cd.readUInt32LE(p + 42),
      dataOffset: 0,
    };
    if (cd.readUInt16LE(p + 34) !== 0) throw new ZipRefusal('malformed', 'multi-disk archive');
    if (entry.compressedSize === 0xffffffff || entry.size === 0xffffffff || entry.localOffset === 0xffffffff)
      throw new ZipRefusal('malformed', 'ZIP64');
    checkEntry(entry, limits);
    if (names.has(entry.name)) throw new ZipRefusal('malformed', `duplicate member ${entry.name}`);
    names.add(entry.name);
    total += entry.size;
    if (total > limits.maxTotalSize) throw new ZipRefusal('bomb', `declared total ${total} bytes`);
    list.push(entry);
    p = end;
  }
  if (p !== cd.length) throw new ZipRefusal('malformed', 'central directory size');
  await checkLocalHeaders(src, list, cdOffset);
  return list;
}

/** What one central directory entry declares must be possible and within the limits. */
function checkEntry(e: ZipEntry, limits: ZipLimits): void {
  if (e.flags & 0x1) throw new ZipRefusal('malformed', `encrypted member ${e.name}`);
  if (e.method !== 0 && e.method !== 8) throw new ZipRefusal('malformed', `compression method ${e.method}`);
  if (e.method === 0 && e.compressedSize !== e.size) throw new ZipRefusal('malformed', `stored sizes of ${e.name}`);
  // A deflated member cannot be much larger than what it inflates to: if it is, the size is a lie.
  if (e.compressedSize > maxDeflated(e.size)) throw new ZipRefusal('malformed', `sizes of ${e.name}`);
  if (e.size >= limits.ratioFloor && e.size > limits.maxRatio * e.compressedSize)
    throw new ZipRefusal('bomb', `ratio of ${e.name}: ${e.size}/${e.compressedSize}`);
  if (e.size > limits.maxTotalSize) throw new ZipRefusal('bomb', `declared size of ${e.name}`);
}

/**
 * Each local header must say what the central directory says (name, method, sizes unless deferred to
 * a data descriptor), and members must not overlap: overlapping members are how one compressed
 * stream is counted many times (the "better zip bomb").
 */
async function checkLocalHeaders(src: ByteSource, list: ZipEntry[], cdOffset: number): Promise<void> {
  const byOffset = [...list].sort((a, b) => a.localOffset - b.localOffset);
  for (let i = 0; i < byOffset.length; i++) {
    const e = byOffset[i]!;
    const next = byOffset[i + 1]?.localOffset ?? cdOffset;
    const nameBytes = Buffer.byteLength(e.name, 'utf8');
    if (e.localOffset + 30 + nameBytes > next) throw new ZipRefusal('malformed', `overlapping member ${e.name}`);
    const h = await src.read(e.localOffset, 30 + nameBytes);
    if (h.readUInt32LE(0) !== LOCAL_SIG) throw new ZipRefusal('malformed', `local header of ${e.name}`);
    const flags = h.readUInt16LE(6);
    const method = h.readUInt16LE(8);
    const compressedSize = h.readUInt32LE(18);
    const size = h.readUInt32LE(22);
    const localName = h.toString('utf8', 30, 30 + h.readUInt16LE(26));
    if (localName !== e.name || method !== e.method || (flags & 0x1) !== 0)
      throw new ZipRefusal('malformed', `local header of ${e.name} differs`);
    const deferred = (flags & 0x8) !== 0;
    const sizesAgree = compressedSize === e.compressedSize && size === e.size;
    // Some streaming writers (.NET's ZipArchive) put 0xFFFFFFFF here and the sizes in a ZIP64 extra
    // field; the central directory's sizes, checked above, are the ones that count.
    const inExtra = compressedSize === 0xffffffff && size === 0xffffffff;
    if (!sizesAgree && !inExtra && !(deferred && compressedSize === 0 && size === 0))
      throw new ZipRefusal('malformed', `local sizes of ${e.name} differ`);
    e.dataOffset = e.localOffset + 30 + h.readUInt16LE(26) + h.readUInt16LE(28);
    if (e.dataOffset + e.compressedSize > next) throw new ZipRefusal('malformed', `overlapping member ${e.name}`);
  }
}

const inflateRaw = promisify(zlib.inflateRaw) as (buf: Buffer, opts: zlib.ZlibOptions) => Promise<Buffer>;

/**
 * A member's content, inflated off the event loop and never beyond its declared size: a member that
 * inflates to more (or less) than it declares, or whose CRC differs, is refused as a lie.
 */
export async function readMember(src: ByteSource, e: ZipEntry): Promise<Buffer> {
  const raw = await src.read(e.dataOffset, e.compressedSize);
  let data: Buffer;
  if (e.method === 0) data = raw;
  else {
    try {
      // One byte more than declared tells a lie from the truth without inflating the rest.
      data = await inflateRaw(raw, { maxOutputLength: Math.max(1, e.size + 1) });
    } catch {
      throw new ZipRefusal('malformed', `member ${e.name} does not inflate to its declared size`);
    }
  }
  if (data.length !== e.size) throw new ZipRefusal('malformed', `member ${e.name} is not its declared size`);
  if (zlib.crc32(data) >>> 0 !== e.crc32) throw new ZipRefusal('malformed', `CRC of ${e.name}`);
  return data;
}
