import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localFileStore, type FileStore } from '../../src/server/files/fileStore.js';
import { ensureBucket, s3Client, s3FileStore, type S3StoreOptions } from '../../src/server/files/s3Store.js';
import { saveFile } from '../../src/server/files/store.js';
import { createTestEnv, TEST_DIALECTS, type TestEnv } from '../helpers/env.js';
import { buildApplicant, buildBatch } from '../factories.js';
import { createApplication, pdf, PNG, upload } from '../helpers/applications.js';

/**
 * The file stores against the same contract: the local directory always, S3 against a real
 * implementation (Ceph RGW, scripts/ceph-rgw.sh) when TEST_S3_ENDPOINT is set — .ci/run sets it.
 */
const S3_ENDPOINT = process.env.TEST_S3_ENDPOINT;
const s3Base = (bucket: string): S3StoreOptions => ({
  endpoint: S3_ENDPOINT,
  bucket,
  region: process.env.TEST_S3_REGION ?? 'us-east-1',
  accessKeyId: process.env.TEST_S3_ACCESS_KEY_ID ?? 'MSFTESTACCESSKEY0001',
  secretAccessKey: process.env.TEST_S3_SECRET_ACCESS_KEY ?? 'msf-test-secret-key-0000000000000000000001',
  forcePathStyle: true,
});
const bucketName = () => `msf-test-${randomBytes(5).toString('hex')}`;

if (!S3_ENDPOINT)
  console.log('\nS3 tests skipped: set TEST_S3_ENDPOINT (scripts/ceph-rgw.sh start; scripts/ceph-rgw.sh env)\n');

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const read = async (s: Readable) => {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};
/** A PDF of `bytes` bytes (file-type knows a PDF by its header), in chunks as an upload arrives. */
const bigPdf = (bytes: number) => Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(bytes - 9)]);
const chunked = (b: Buffer, size = 256 * 1024) =>
  Readable.from(Array.from({ length: Math.ceil(b.length / size) }, (_, i) => b.subarray(i * size, (i + 1) * size)));

interface StoreCase {
  name: string;
  make(): Promise<{ store: FileStore; leftovers(): Promise<string[]> }>;
}

const cases: StoreCase[] = [
  {
    name: 'local directory',
    async make() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'msf-store-'));
      return {
        store: localFileStore(dir),
        leftovers: async () =>
          fs.existsSync(path.join(dir, 'files'))
            ? (fs.readdirSync(path.join(dir, 'files'), { recursive: true }) as string[]).filter((p) =>
                p.endsWith('.tmp'),
              )
            : [],
      };
    },
  },
];
if (S3_ENDPOINT) {
  cases.push({
    name: 'S3 (Ceph RGW)',
    async make() {
      const o = s3Base(bucketName());
      const client = s3Client(o);
      await ensureBucket(o, client);
      return {
        store: s3FileStore(o, client),
        leftovers: async () =>
          ((await client.send(new ListObjectsV2Command({ Bucket: o.bucket, Prefix: 'tmp/' }))).Contents ?? []).map(
            (c) => c.Key!,
          ),
      };
    },
  });
}

for (const c of cases) {
  describe(`file store: ${c.name}`, () => {
    let store: FileStore;
    let leftovers: () => Promise<string[]>;
    beforeAll(async () => {
      ({ store, leftovers } = await c.make());
    });

    it('stores by SHA-256, keeps identical content once, and streams it back', async () => {
      await expect(store.check()).resolves.toBeUndefined();
      const data = pdf();
      const first = await saveFile(store, data);
      const again = await saveFile(store, Readable.from([data]));
      expect(first).toEqual({ sha256: sha(data), size: data.length, mime: 'application/pdf', ext: 'pdf' });
      expect(again).toEqual(first);
      expect(await store.has(first.sha256)).toBe(true);
      const { stream, size } = await store.open(first.sha256);
      expect(size).toBe(data.length);
      expect((await read(stream)).equals(data)).toBe(true);
      expect(await leftovers()).toEqual([]);
    });

    it('answers 404 for a file it does not hold, and false for has', async () => {
      const missing = sha(randomBytes(16));
      expect(await store.has(missing)).toBe(false);
      await expect(store.open(missing)).rejects.toMatchObject({ code: 'not_found' });
      await expect(store.open('../../etc/passwd')).rejects.toMatchObject({ code: 'not_found' });
    });

    it('refuses a wrong type (415) and an over-size file (413), leaving nothing behind', async () => {
      const text = Buffer.from('这不是 PDF，只是一段文字。'.repeat(100));
      await expect(saveFile(store, text)).rejects.toMatchObject({ code: 'unsupported_file' });
      expect(await store.has(sha(text))).toBe(false);
      const big = bigPdf(3 * 1024 * 1024);
      await expect(saveFile(store, chunked(big), { maxBytes: 2 * 1024 * 1024 })).rejects.toMatchObject({
        code: 'payload_too_large',
      });
      expect(await store.has(sha(big))).toBe(false);
      expect(await leftovers()).toEqual([]);
    });

    it('streams a 12 MiB file (multipart on S3) without keeping it whole, and reads it back intact', async () => {
      const big = bigPdf(12 * 1024 * 1024);
      const stored = await saveFile(store, chunked(big));
      expect(stored.sha256).toBe(sha(big));
      const { stream, size } = await store.open(stored.sha256);
      expect(size).toBe(big.length);
      expect(sha(await read(stream))).toBe(sha(big));
      expect(await leftovers()).toEqual([]);
    }, 60_000);
  });
}

describe.skipIf(!S3_ENDPOINT)('S3 store: signatures are checked', () => {
  it('a wrong secret key is refused (SigV4 verified), so health would report the store unreachable', async () => {
    const o = s3Base(bucketName());
    await ensureBucket(o);
    const wrong = s3FileStore({ ...o, secretAccessKey: 'not-the-secret-key-0000000000000000000000' });
    await expect(wrong.check()).rejects.toThrow();
    await expect(saveFile(wrong, pdf())).rejects.toThrow();
  });
});

for (const dialect of TEST_DIALECTS) {
  describe.skipIf(!S3_ENDPOINT)(`uploads through the API into S3 [${dialect}]`, () => {
    let env: TestEnv;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'msf-s3-data-'));
    const bucket = bucketName();
    beforeAll(async () => {
      await ensureBucket(s3Base(bucket));
      env = await createTestEnv(dialect, {
        env: {
          DATA_DIR: dataDir,
          S3_ENDPOINT: S3_ENDPOINT!,
          S3_BUCKET: bucket,
          S3_REGION: 'us-east-1',
          S3_ACCESS_KEY_ID: s3Base(bucket).accessKeyId!,
          S3_SECRET_ACCESS_KEY: s3Base(bucket).secretAccessKey!,
          S3_FORCE_PATH_STYLE: '1',
        },
      });
    });
    afterAll(async () => {
      await env?.close();
    });

    it('stores an upload in the bucket, serves it back, writes nothing under DATA_DIR, reports healthy', async () => {
      expect(env.app.files.kind).toBe('s3');
      const a = await buildApplicant(env.db);
      const c = await env.login(a.username);
      const app = await createApplication(c, (await buildBatch(env.db)).id);
      const res = await upload(c, app.id, { name: '场地照片.png', data: PNG }, 'site_photos');
      expect(res.statusCode, res.body).toBe(201);
      const file = res.json().file;
      expect(file.sha256).toBe(sha(PNG));
      expect(await env.app.files.has(sha(PNG))).toBe(true);
      const down = await c.get(`/api/applications/${app.id}/files/${file.id}`);
      expect(down.statusCode).toBe(200);
      expect(down.rawPayload.equals(PNG)).toBe(true);
      // With S3 nothing is written under DATA_DIR but the audit log's signing key and anchors.
      expect(fs.readdirSync(dataDir).filter((f) => f !== 'keys' && f !== 'audit-anchors')).toEqual([]);
      const health = await env.anonymous().get('/api/health');
      expect(health.statusCode).toBe(200);
      expect(health.json()).toMatchObject({ status: 'ok', files: 'ok', fileStore: 's3' });
    });
  });
}

describe('health when the file store is unreachable', () => {
  it('answers 503 naming the file store, so the balancer takes the instance out', async () => {
    const env = await createTestEnv('sqlite', {
      env: {
        S3_ENDPOINT: 'http://127.0.0.1:9',
        S3_BUCKET: 'no-such-store',
        S3_ACCESS_KEY_ID: 'x',
        S3_SECRET_ACCESS_KEY: 'y',
        S3_FORCE_PATH_STYLE: '1',
      },
    });
    try {
      const res = await env.anonymous().get('/api/health');
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'unavailable', database: 'ok', files: 'unreachable' });
    } finally {
      await env.close();
    }
  });
});
