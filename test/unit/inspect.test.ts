import { randomBytes } from 'node:crypto';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { Document, Packer, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import { bufferSource, inspectUpload, type InspectedType } from '../../src/server/files/inspect.js';
import {
  buildZip,
  contentTypesBomb,
  deflated,
  documentBomb,
  docxMembers,
  DOCX_CONTENT_TYPES,
  ratioBomb,
  type Member,
} from '../helpers/zip-bombs.js';
import { PNG } from '../helpers/applications.js';

const ALL: InspectedType[] = ['pdf', 'jpg', 'png', 'docx', 'xlsx'];
const inspect = (buf: Buffer, allowed = ALL) => inspectUpload(bufferSource(buf), allowed);

async function refusal(buf: Buffer, allowed = ALL): Promise<AppError> {
  const err = await inspect(buf, allowed).then(
    (t) => new Error(`accepted as ${t}`),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

async function expectBomb(buf: Buffer) {
  const started = Date.now();
  const err = await refusal(buf);
  expect(err.code).toBe('unsupported_file');
  expect(err.message).toContain('压缩炸弹');
  // Inflating a bomb takes many seconds; the bound is loose for a loaded machine (CI beside other builds).
  expect(Date.now() - started).toBeLessThan(3000);
}

async function expectMalformed(buf: Buffer) {
  const err = await refusal(buf);
  expect(err.code).toBe('unsupported_file');
  expect(err.message).toContain('ZIP 结构');
}

describe('inspectUpload', () => {
  it('accepts PDF, JPG, PNG, the DOCX and XLSX that Word-compatible libraries write, and a minimal DOCX', async () => {
    expect(await inspect(Buffer.from('%PDF-1.7\n%%EOF\n'))).toBe('pdf');
    expect(await inspect(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1]))).toBe('jpg');
    expect(await inspect(PNG)).toBe('png');
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('申报书')] }] }));
    expect(await inspect(docx)).toBe('docx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('汇总').addRow(['名称', '数量']);
    expect(await inspect(Buffer.from(await wb.xlsx.writeBuffer()))).toBe('xlsx');
    expect(await inspect(buildZip(docxMembers()))).toBe('docx');
    // Streaming writers that leave the local sizes to a ZIP64 extra field (0xFFFFFFFF) are fine.
    const [types, ...rest] = docxMembers();
    const streamed = { ...types!, local: { size: 0xffffffff, compressedSize: 0xffffffff } };
    expect(await inspect(buildZip([streamed, ...rest]))).toBe('docx');
  });

  it('refuses what is not an accepted type, or not among the allowed ones, with the types in Chinese', async () => {
    const text = await refusal(Buffer.from('hello'));
    expect(text.code).toBe('unsupported_file');
    expect(text.message).toContain('PDF、JPG、PNG、Word（DOCX）、Excel（XLSX）');
    const photoOnly = await refusal(buildZip(docxMembers()), ['jpg', 'png']);
    expect(photoOnly.message).toContain('只能上传 JPG、PNG 文件');
    // A macro-enabled workbook or a Word template is not a DOCX/XLSX.
    const macro = DOCX_CONTENT_TYPES.replace(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
      'application/vnd.ms-word.document.macroEnabled.main+xml',
    );
    expect((await refusal(buildZip(docxMembers({ types: deflated('[Content_Types].xml', macro) })))).code).toBe(
      'unsupported_file',
    );
    // A ZIP without [Content_Types].xml is just a ZIP.
    expect((await refusal(buildZip([deflated('a.txt', 'x')]))).message).toContain('不支持的文件类型');
  });

  it('refuses the 2 GiB [Content_Types].xml bomb, a bomb in another member and a 1000:1 member, at once', async () => {
    const bomb = contentTypesBomb();
    expect(bomb.length).toBeLessThan(3 * 1024 * 1024);
    await expectBomb(bomb);
    await expectBomb(documentBomb());
    await expectBomb(ratioBomb());
  });

  it('refuses a declared total over 200 MB even when every member stays under 100:1', async () => {
    const chunk = randomBytes(1024 * 1024);
    const big = (name: string): Member => ({ name, data: chunk, size: 80 * 1024 * 1024, crc32: 0 });
    await expectBomb(buildZip([...docxMembers(), big('word/media/a.bin'), big('word/media/b.bin'), big('xl/c.bin')]));
  });

  it('refuses archives whose headers lie or that use what an Office file never needs', async () => {
    const [types, rels, doc] = docxMembers() as [Member, Member, Member];
    // The local header declares other sizes (or another name) than the central directory.
    await expectMalformed(buildZip([{ ...types, local: { size: 10 } }, rels, doc]));
    await expectMalformed(buildZip([types, rels, { ...doc, local: { name: 'word/other.xml' } }]));
    // [Content_Types].xml declares 200 bytes but inflates to 64 KB: refused after inflating 201 bytes.
    const zeros = Buffer.alloc(64 * 1024);
    const lying: Member = {
      name: '[Content_Types].xml',
      data: zlib.deflateRawSync(zeros),
      size: 200,
      crc32: zlib.crc32(zeros) >>> 0,
    };
    await expectMalformed(buildZip([lying, rels, doc]));
    // A deflated member larger than anything it could inflate to declares a false size.
    await expectMalformed(buildZip([types, rels, { ...doc, data: randomBytes(100_000), size: 1000 }]));
    // A wrong CRC.
    await expectMalformed(buildZip([{ ...types, crc32: (types.crc32 + 1) >>> 0 }, rels, doc]));
    // ZIP64, a wrong entry count, duplicate names.
    await expectMalformed(buildZip(docxMembers(), { zip64Locator: true }));
    await expectMalformed(buildZip(docxMembers(), { eocdEntries: 2 }));
    await expectMalformed(buildZip([types, rels, doc, { ...doc }]));
    // Bytes after the end record.
    await expectMalformed(Buffer.concat([buildZip(docxMembers()), Buffer.from('trailing')]));
  });

  it('refuses members that overlap (one compressed stream counted many times)', async () => {
    const zip = buildZip(docxMembers());
    // Point the third central directory entry at the second member's local header.
    const cdStart = zip.readUInt32LE(zip.length - 22 + 16);
    let p = cdStart;
    const offsets: number[] = [];
    for (let i = 0; i < 3; i++) {
      offsets.push(p);
      p += 46 + zip.readUInt16LE(p + 28);
    }
    const second = zip.readUInt32LE(offsets[1]! + 42);
    zip.writeUInt32LE(second, offsets[2]! + 42);
    await expectMalformed(zip);
  });

  it('refuses more than 10,000 members', async () => {
    const empty = (i: number): Member => ({
      name: `word/${i}.xml`,
      data: Buffer.alloc(0),
      method: 0,
      size: 0,
      crc32: 0,
    });
    const many = buildZip([...docxMembers(), ...Array.from({ length: 10_001 }, (_, i) => empty(i))]);
    await expectBomb(many);
    // 10,000 members are fine when the rest is.
    expect(await inspect(buildZip([...docxMembers(), ...Array.from({ length: 9_990 }, (_, i) => empty(i))]))).toBe(
      'docx',
    );
  });

  it('accepts a large, repetitive but ordinary workbook (the ratio rule does not catch real files)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('申报汇总');
    for (let i = 0; i < 5_000; i++) ws.addRow(['南京芯创集成电路专业化众创空间', '320100', 100, 0, '推荐']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await inspect(xlsx)).toBe('xlsx');
    // Members below 64 KB are not held to the ratio: they cannot hurt, whatever their ratio.
    const blank = deflated('word/media/blank.txt', Buffer.alloc(60 * 1024, 0x20));
    expect(await inspect(buildZip([...docxMembers(), blank]))).toBe('docx');
  });

  it('refuses images too large to decode safely (422), by the header only', async () => {
    const huge = Buffer.from(PNG);
    huge.writeUInt32BE(50_000, 16);
    huge.writeUInt32BE(50_000, 20);
    const err = await refusal(huge);
    expect(err.code).toBe('validation_failed');
    expect(err.message).toContain('50000×50000');
    const jpeg = Buffer.concat([
      Buffer.from([0xff, 0xd8]),
      Buffer.from([0xff, 0xe0, 0x00, 0x04, 0x00, 0x00]),
      Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, 0xea, 0x60, 0xea, 0x60, 0x03]),
      Buffer.alloc(20),
    ]);
    expect((await refusal(jpeg)).message).toContain('60000×60000');
    jpeg.writeUInt16BE(1200, 13);
    jpeg.writeUInt16BE(1600, 15);
    expect(await inspect(jpeg)).toBe('jpg');
  });
});
