import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { expect, it } from 'vitest';
import { describeEachDb, type Client } from '../helpers/env.js';
import { createApplication, expectError, pdf, upload } from '../helpers/applications.js';
import { hasCommand, listZip, tempDir, unzipEntry } from '../helpers/documents.js';
import { buildApplicant, buildBatch } from '../factories.js';
import { setWorkingCopy, workingCopy } from '../helpers/workingCopy.js';

/**
 * Issue 11 item 4: a narrative's images are only the application's own uploaded images, by file id.
 * Everything else is dropped on save; the own images appear in the PDF and the Word 申报书.
 */

const HAS_PDFIMAGES = hasCommand('pdfimages');

/** A PNG of the given size (RGB, one colour), so that the PDF's image list can name it by its size. */
function png(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x40)]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The sizes of the images a PDF embeds (pdfimages -list). */
function pdfImageSizes(data: Buffer): string[] {
  const dir = tempDir();
  try {
    const file = path.join(dir, 'in.pdf');
    fs.writeFileSync(file, data);
    const out = spawnSync('pdfimages', ['-list', file], { encoding: 'utf8' });
    return out.stdout
      .split('\n')
      .slice(2)
      .map((l) => l.trim().split(/\s+/))
      .filter((cols) => cols.length > 4)
      .map((cols) => `${cols[3]}x${cols[4]}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describeEachDb('narrative images', (env) => {
  async function draftWithImage(image: Buffer, kind = 'narrative_image') {
    const db = env().db;
    const a = await buildApplicant(db);
    const client = await env().login(a.username);
    const app = await createApplication(client, (await buildBatch(db)).id);
    const res = await upload(client, app.id, { name: '场地图.png', data: image }, kind);
    expect(res.statusCode, res.body).toBe(201);
    return { client, app, fileId: res.json().file.id as string };
  }

  const save = (client: Client, app: { id: string }, version: number, hostOverview: string) =>
    client.patch(`/api/applications/${app.id}`, { version, narrative: { hostOverview } });

  it("keeps the application's own image by file id and drops a foreign application's image and attack URLs", async () => {
    const own = await draftWithImage(png(3, 2));
    const other = await draftWithImage(png(5, 4));
    const ownSrc = `/api/applications/${own.app.id}/files/${own.fileId}`;
    const html =
      `<p>甲<img src="${ownSrc}" alt="场地"></p>` +
      `<p>乙<img src="/api/applications/${other.app.id}/files/${other.fileId}"></p>` +
      `<p>丙<img data-file-id="${other.fileId}"></p>` +
      `<p>丁<img src="/api/applications/${own.app.id}/files/${other.fileId}"></p>` +
      '<p>戊<img src="/api/exports/applications.xlsx"><img src="/%2F%2Fevil.example/x.png">' +
      '<img src="data:image/png;base64,iVBORw0KGgo="><img src="http://evil.example/x.png"></p>';
    const res = await save(own.client, own.app, own.app.version, html);
    expect(res.statusCode, res.body).toBe(200);
    const expected =
      `<p>甲<img data-file-id="${own.fileId}" src="${ownSrc}" alt="场地" /></p>` +
      '<p>乙</p><p>丙</p><p>丁</p><p>戊</p>';
    expect(res.json().content.narrative.hostOverview).toBe(expected);
    // As stored, and as read back.
    const stored = (await workingCopy(env().db, own.app.id)) as { narrative: { hostOverview: string } };
    expect(stored.narrative.hostOverview).toBe(expected);
    const detail = await own.client.get(`/api/applications/${own.app.id}`);
    expect(JSON.stringify(detail.json())).not.toContain(other.fileId);
  });

  it('sends browsers no image of another address, even from content stored before the fix', async () => {
    const { client, app, fileId } = await draftWithImage(png(3, 2));
    const data = 'data:image/png;base64,iVBORw0KGgo=';
    // As an old draft or a frozen snapshot holds it: written before saves dropped such images.
    const legacy =
      `<p>甲<img src="/api/exports/applications.xlsx"><img src="/%2F%2Fevil.example/x.png"></p>` +
      `<p>乙<img src="/api/applications/${app.id}/files/${fileId}" alt="图"><img src="${data}" alt="旧"></p>`;
    await setWorkingCopy(env().db, app.id, { narrative: { hostOverview: legacy, successCases: [{ body: legacy }] } });
    const res = await client.get(`/api/applications/${app.id}`);
    expect(res.statusCode).toBe(200);
    const expected =
      '<p>甲</p>' +
      `<p>乙<img data-file-id="${fileId}" src="/api/applications/${app.id}/files/${fileId}" alt="图" />` +
      `<img src="${data}" alt="旧" /></p>`;
    const narrative = res.json().content.narrative;
    expect(narrative.hostOverview).toBe(expected);
    expect(narrative.successCases[0].body).toBe(expected);
  });

  it('drops an image whose file was deleted or is not an image', async () => {
    const { client, app, fileId } = await draftWithImage(png(3, 2), 'site_photos');
    const doc = await upload(client, app.id, { name: '营业执照.pdf', data: pdf() }, 'business_license');
    const pdfId = doc.json().file.id as string;
    expect((await client.delete(`/api/applications/${app.id}/files/${fileId}`)).statusCode).toBe(200);
    const res = await save(
      client,
      app,
      app.version,
      `<p>甲<img data-file-id="${fileId}"><img data-file-id="${pdfId}"></p>`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().content.narrative.hostOverview).toBe('<p>甲</p>');
  });

  it('takes only PNG or JPEG as a narrative image', async () => {
    const db = env().db;
    const a = await buildApplicant(db);
    const client = await env().login(a.username);
    const app = await createApplication(client, (await buildBatch(db)).id);
    expectError(
      await upload(client, app.id, { name: '图.pdf', data: pdf() }, 'narrative_image'),
      415,
      'unsupported_file',
    );
  });

  it.skipIf(!HAS_PDFIMAGES)('draws the own image in the PDF and puts it into the Word 申报书', async () => {
    const image = png(7, 5);
    const { client, app, fileId } = await draftWithImage(image);
    const saved = await save(
      client,
      app,
      app.version,
      `<p>场地如下：</p><p><img data-file-id="${fileId}" alt="场地"></p>`,
    );
    expect(saved.statusCode, saved.body).toBe(200);

    const res = await client.get(`/api/applications/${app.id}/pdf`);
    expect(res.statusCode).toBe(200);
    expect(pdfImageSizes(res.rawPayload)).toContain('7x5');

    const docx = await client.get(`/api/applications/${app.id}/narrative.docx`);
    expect(docx.statusCode).toBe(200);
    const media = listZip(docx.rawPayload).filter((e) => e.name.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    expect(unzipEntry(docx.rawPayload, media[0]!.name).equals(image)).toBe(true);
  });
});
