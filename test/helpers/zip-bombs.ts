import zlib from 'node:zlib';

/**
 * ZIP archives built byte by byte, for the upload hardening tests (issue 11, item 1): honest
 * decompression bombs (streams of deflated zeros that really inflate to what they declare) and
 * archives whose headers lie. Nothing here inflates anything.
 */

export interface Member {
  name: string;
  /** Raw deflate data (method 8) or the bytes themselves (method 0). */
  data: Buffer;
  method?: 0 | 8;
  /** Declared uncompressed size and CRC. */
  size: number;
  crc32: number;
  /** What the local header says instead (to make it lie); by default the same as the central directory. */
  local?: { size?: number; compressedSize?: number; name?: string };
}

/** A member stored deflated, honestly. */
export function deflated(name: string, content: Buffer | string): Member {
  const buf = Buffer.from(content);
  return { name, data: zlib.deflateRawSync(buf, { level: 9 }), size: buf.length, crc32: zlib.crc32(buf) >>> 0 };
}

const MIB = 1024 * 1024;
let zeroBlock: Buffer | undefined;
const zeroCrcs = new Map<number, number>();

/**
 * A raw deflate stream of `mib` MiB of zeros, built by repeating the deflated form of 1 MiB ended
 * with a full flush (which resets the compressor, so every repetition is the same bytes), then an
 * empty final block. 2048 MiB take about 2 MB. The CRC is computed for real.
 */
export function deflatedZeros(name: string, mib: number): Member {
  const zeros = Buffer.alloc(MIB);
  zeroBlock ??= zlib.deflateRawSync(zeros, { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  const parts: Buffer[] = Array.from({ length: mib }, () => zeroBlock!);
  parts.push(Buffer.from([0x03, 0x00]));
  let crc = zeroCrcs.get(mib);
  if (crc === undefined) {
    crc = 0;
    for (let i = 0; i < mib; i++) crc = zlib.crc32(zeros, crc);
    zeroCrcs.set(mib, crc);
  }
  return { name, data: Buffer.concat(parts), size: mib * MIB, crc32: crc >>> 0 };
}

/** Builds the archive: local headers and data, central directory, end record. */
export function buildZip(members: Member[], opts: { eocdEntries?: number; zip64Locator?: boolean } = {}): Buffer {
  const out: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const name = Buffer.from(m.name);
    const localName = Buffer.from(m.local?.name ?? m.name);
    const method = m.method ?? 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(m.crc32, 14);
    local.writeUInt32LE(m.local?.compressedSize ?? m.data.length, 18);
    local.writeUInt32LE(m.local?.size ?? m.size, 22);
    local.writeUInt16LE(localName.length, 26);
    out.push(local, localName, m.data);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt32LE(m.crc32, 16);
    cd.writeUInt32LE(m.data.length, 20);
    cd.writeUInt32LE(m.size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    offset += 30 + localName.length + m.data.length;
  }
  const cdBuf = Buffer.concat(central);
  const tail: Buffer[] = [];
  if (opts.zip64Locator) {
    const loc = Buffer.alloc(20);
    loc.writeUInt32LE(0x07064b50, 0);
    tail.push(loc);
  }
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  const n = opts.eocdEntries ?? members.length;
  eocd.writeUInt16LE(n, 8);
  eocd.writeUInt16LE(n, 10);
  eocd.writeUInt32LE(cdBuf.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...out, cdBuf, ...tail, eocd]);
}

export const DOCX_CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '</Types>';

const RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
  '</Relationships>';

const DOCUMENT =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>申报书</w:t></w:r></w:p></w:body></w:document>';

/** The parts of a minimal DOCX, each replaceable. */
export function docxMembers(replace: Partial<Record<'types' | 'rels' | 'document', Member>> = {}): Member[] {
  return [
    replace.types ?? deflated('[Content_Types].xml', DOCX_CONTENT_TYPES),
    replace.rels ?? deflated('_rels/.rels', RELS),
    replace.document ?? deflated('word/document.xml', DOCUMENT),
  ];
}

/** The bomb: a 2 MB DOCX-shaped ZIP whose [Content_Types].xml inflates to 2 GiB. */
export const contentTypesBomb = () => buildZip(docxMembers({ types: deflatedZeros('[Content_Types].xml', 2048) }));

/** A valid [Content_Types].xml, and the bomb in another member. */
export const documentBomb = () => buildZip(docxMembers({ document: deflatedZeros('word/document.xml', 2048) }));

/** Small in total (16 MiB) but compressed about 1000:1 in one member. */
export const ratioBomb = () => buildZip([...docxMembers(), deflatedZeros('word/media/image1.png', 16)]);
