import { crc32, deflateSync } from 'node:zlib';
import { usccCheckChar } from '../../../domain/uscc.js';
import { hashPassword } from '../../auth/password.js';
import type { FileStore } from '../../files/fileStore.js';
import { saveFile } from '../../files/store.js';
import type { Db } from '../database.js';
import { NJ_CITY } from './demo.js';

type Rgb = readonly [number, number, number];

/** A PNG of RGB pixels: signature, IHDR, one IDAT, IEND. */
function encodePng(width: number, height: number, pixel: (x: number, y: number) => Rgb): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1); // filter byte 0 (none) at the row's start
    for (let x = 0; x < width; x++) raw.set(pixel(x, y), row + 1 + x * 3);
  }
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A stand-in 营业执照 for the demo and the tests (no real licence is shipped): the certificate's
 * cream sheet and red double frame, a title band, lines of "text", a QR-like square and the round red
 * seal — enough for the reviewer's screen to show what a licence image looks like there.
 */
export function demoLicencePng(width = 480, height = 340): Buffer {
  const cream: Rgb = [251, 246, 233];
  const red: Rgb = [178, 34, 34];
  const ink: Rgb = [70, 70, 80];
  const grey: Rgb = [170, 170, 178];
  const qr = (x: number, y: number) => ((x * 7 + y * 13 + ((x * y) >> 2)) & 5) === 0;
  return encodePng(width, height, (x, y) => {
    const edge = Math.min(x, y, width - 1 - x, height - 1 - y);
    if (edge < 4 || (edge >= 8 && edge < 10)) return red;
    // Title band: 营业执照.
    if (y >= 28 && y < 52 && x >= width / 2 - 90 && x < width / 2 + 90) return (x >> 3) % 3 === 2 ? cream : red;
    // QR-like square, top left.
    if (x >= 30 && x < 90 && y >= 70 && y < 130) return qr(x >> 3, y >> 3) ? ink : cream;
    // Seven lines of "text" on the left two thirds.
    const line = Math.floor((y - 150) / 22);
    if (line >= 0 && line < 7 && (y - 150) % 22 < 8 && x >= 30 && x < 30 + 260 - line * 18) return x < 110 ? ink : grey;
    // The round seal, bottom right.
    const dx = x - (width - 110);
    const dy = y - (height - 100);
    const r = Math.sqrt(dx * dx + dy * dy);
    if ((r > 52 && r < 58) || (r < 12 && Math.abs(dx) + Math.abs(dy) < 14)) return red;
    return cream;
  });
}

/** The demo's pending registration in 南京, so that nj-reviewer sees a licence to verify. */
export const DEMO_REGISTRATION = {
  id: 'registration-nj-demo',
  unitName: '南京栖霞创新工场科技有限公司',
  uscc: (() => {
    const first17 = '91320113MA1R5T6Y2';
    return first17 + usccCheckChar(first17)!;
  })(),
  legalRepresentative: '陈立新',
  address: '南京市栖霞区仙林大道 10 号 3 号楼 501 室',
  username: 'qx-innov',
};

/** Seeds the demo registration with its generated licence (kept if it exists; never in production). */
export async function seedDemoRegistration(db: Db, now: Date, files: FileStore, password: string): Promise<void> {
  const r = DEMO_REGISTRATION;
  if (await db.selectFrom('registrations').select('id').where('id', '=', r.id).executeTakeFirst()) return;
  const stored = await saveFile(files, demoLicencePng(), { allowed: ['png'] });
  await db
    .insertInto('registrations')
    .values({
      id: r.id,
      unit_name: r.unitName,
      uscc: r.uscc,
      city_id: NJ_CITY,
      contact_name: '刘晓',
      mobile: '13951800123',
      email: 'contact@qixia-innov.example.cn',
      username: r.username,
      password_hash: await hashPassword(password),
      status: 'pending',
      comment: null,
      decided_by: null,
      decided_at: null,
      org_id: null,
      user_id: null,
      created_at: now.toISOString(),
      version: 1,
      legal_representative: r.legalRepresentative,
      address: r.address,
      licence_sha256: stored.sha256,
      licence_mime: stored.mime,
      licence_name: '营业执照.png',
      licence_size: stored.size,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}
