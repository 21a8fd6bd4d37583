import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HeadObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { saveFile } from '../../src/server/files/store.js';
import { localFileStore } from '../../src/server/files/fileStore.js';
import { ensureBucket, s3Client, s3FileStore } from '../../src/server/files/s3Store.js';
import { loadConfig } from '../../src/server/config.js';
import { startJobs } from '../../src/server/jobs/index.js';
import { runRetention, type RetentionFigures } from '../../src/server/retention.js';
import { TestClock } from '../../src/server/clock.js';
import { describeEachDb } from '../helpers/env.js';
import { buildApplicant, buildApplication, buildBatch, buildProvinceOfficer } from '../factories.js';
import { pdf } from '../helpers/applications.js';

/**
 * Issue 11, item 8: `.upload-*.tmp` files and unreferenced stored files left by a crash stayed
 * forever; sessions and idempotency keys were never purged.
 */

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function age(file: string, now: Date, ms: number) {
  const t = new Date(now.getTime() - ms);
  fs.utimesSync(file, t, t);
}

describeEachDb('retention job', (env) => {
  it('removes old temporary files, unreferenced stored files, expired sessions and old keys — and nothing else', async () => {
    const db = env().db;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'msf-retention-'));
    dirs.push(dataDir);
    const config = { dataDir, SESSION_IDLE_MINUTES: 30 };
    const now = new Date();
    const root = path.join(dataDir, 'files');

    // Stored files: referenced by each table (one by a deleted row), one unreferenced but recent,
    // one unreferenced and a day old — only that one goes.
    const blobPath = (sha: string) => path.join(root, sha.slice(0, 2), sha);
    const [inApp, inDeleted, inBatch, inPhoto, recent, orphan] = await Promise.all(
      Array.from({ length: 6 }, () => saveFile(localFileStore(dataDir), pdf())),
    );
    const a = await buildApplicant(db);
    const officer = await buildProvinceOfficer(db);
    const batch = await buildBatch(db);
    const app = await buildApplication(db, { batchId: batch.id, unit: a.unit, status: 'accepted' });
    const at = now.toISOString();
    const fileRow = (sha: string, deleted: boolean) => ({
      id: randomUUID(),
      application_id: app.id,
      kind: 'other',
      sha256: sha,
      file_name: 'x.pdf',
      mime: 'application/pdf',
      size: 1,
      uploaded_by: a.id,
      uploaded_at: at,
      deleted_at: deleted ? at : null,
    });
    await db
      .insertInto('application_files')
      .values([fileRow(inApp!.sha256, false), fileRow(inDeleted!.sha256, true)])
      .execute();
    await db
      .insertInto('batch_documents')
      .values({
        id: randomUUID(),
        batch_id: batch.id,
        title: '模板',
        file_sha256: inBatch!.sha256,
        file_name: 'x.pdf',
        mime: 'application/pdf',
        size: 1,
        sort_order: 1,
        created_at: at,
      })
      .execute();
    const visitId = randomUUID();
    await db
      .insertInto('field_visits')
      .values({
        id: visitId,
        application_id: app.id,
        visited_on: '2026-06-15',
        visitors: '省科技厅',
        findings: '一致',
        created_by: officer.id,
        created_at: at,
        updated_by: officer.id,
        updated_at: at,
        version: 1,
      })
      .execute();
    await db
      .insertInto('field_visit_photos')
      .values({
        id: randomUUID(),
        visit_id: visitId,
        sha256: inPhoto!.sha256,
        file_name: 'x.png',
        mime: 'image/png',
        size: 1,
        uploaded_by: officer.id,
        uploaded_at: at,
        deleted_at: null,
      })
      .execute();
    for (const f of [inApp, inDeleted, inBatch, inPhoto, orphan]) age(blobPath(f!.sha256), now, 2 * DAY);
    age(blobPath(recent!.sha256), now, 20 * HOUR);

    // Temporary files: one left by a crash two hours ago, one of an upload still streaming.
    const staleTmp = path.join(root, `.upload-${randomUUID()}.tmp`);
    const liveTmp = path.join(root, `.upload-${randomUUID()}.tmp`);
    fs.writeFileSync(staleTmp, Buffer.alloc(1234));
    fs.writeFileSync(liveTmp, Buffer.alloc(10));
    age(staleTmp, now, 2 * HOUR);
    age(liveTmp, now, 10 * 60_000);

    // Sessions idle 31 and 29 minutes; idempotency keys 25 and 23 hours old.
    const session = (id: string, idleMinutes: number) => ({
      id,
      user_id: a.id,
      csrf_token: randomUUID(),
      created_at: new Date(now.getTime() - DAY).toISOString(),
      last_seen_at: new Date(now.getTime() - idleMinutes * 60_000).toISOString(),
      ip: null,
      user_agent: null,
    });
    await db
      .insertInto('sessions')
      .values([session('s-expired', 31), session('s-live', 29)])
      .execute();
    const key = (k: string, hours: number) => ({
      key: k,
      user_id: a.id,
      route: 'POST /api/x',
      status_code: 200,
      body: '{}',
      created_at: new Date(now.getTime() - hours * HOUR).toISOString(),
    });
    await db
      .insertInto('idempotency_keys')
      .values([key('key-old-0001', 25), key('key-new-0001', 23)])
      .execute();

    const lines: { obj: object; msg: string }[] = [];
    const log = { info: (obj: object, msg: string) => lines.push({ obj, msg }) };
    const figures = await runRetention(db, localFileStore(dataDir), config, { now, log });
    const expected: RetentionFigures = {
      tempFiles: 1,
      tempBytes: 1234,
      blobs: 1,
      blobBytes: orphan!.size,
      sessions: 1,
      idempotencyKeys: 1,
    };
    expect(figures).toEqual(expected);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.obj).toEqual({ retention: expected });
    expect(lines[0]!.msg).toContain('1 temporary files (1234 bytes)');

    expect(fs.existsSync(staleTmp)).toBe(false);
    expect(fs.existsSync(liveTmp)).toBe(true);
    expect(fs.existsSync(blobPath(orphan!.sha256))).toBe(false);
    for (const f of [inApp, inDeleted, inBatch, inPhoto, recent]) expect(fs.existsSync(blobPath(f!.sha256))).toBe(true);
    expect(
      (await db.selectFrom('sessions').select('id').where('user_id', '=', a.id).execute()).map((s) => s.id),
    ).toEqual(['s-live']);
    const keys = await db.selectFrom('idempotency_keys').select('key').where('user_id', '=', a.id).execute();
    expect(keys.map((k) => k.key)).toEqual(['key-new-0001']);

    // A second pass finds nothing more.
    expect(await runRetention(db, localFileStore(dataDir), config, { now })).toEqual({
      tempFiles: 0,
      tempBytes: 0,
      blobs: 0,
      blobBytes: 0,
      sessions: 0,
      idempotencyKeys: 0,
    });
  });

  it('runs when the background jobs start (the in-process runner of the embedded mode)', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'msf-retention-'));
    dirs.push(dataDir);
    fs.mkdirSync(path.join(dataDir, 'files'));
    const stale = path.join(dataDir, 'files', `.upload-${randomUUID()}.tmp`);
    fs.writeFileSync(stale, 'x');
    const clock = new TestClock(new Date());
    age(stale, clock.now(), 2 * HOUR);
    const lines: string[] = [];
    const log = { info: (_: object, msg: string) => lines.push(msg), error: () => {}, warn: () => {}, debug: () => {} };
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir });
    const jobs = await startJobs(
      { db: env().db, clock, config, files: localFileStore(dataDir), log: log as never },
      'sqlite',
    );
    await jobs.stop();
    expect(fs.existsSync(stale)).toBe(false);
    expect(lines.filter((l) => l.startsWith('retention:'))).toHaveLength(1);
  });

  // Against a real S3 implementation (Ceph RGW: scripts/ceph-rgw.sh start; eval "$(scripts/ceph-rgw.sh env)").
  describe.skipIf(!process.env.TEST_S3_ENDPOINT)('with the S3 store', () => {
    it('removes tmp/ leftovers after an hour and unreferenced files after a day, by LastModified; keeps referenced ones', async () => {
      const db = env().db;
      const o = {
        endpoint: process.env.TEST_S3_ENDPOINT,
        bucket: `msf-test-${randomBytes(5).toString('hex')}`,
        region: process.env.TEST_S3_REGION ?? 'us-east-1',
        accessKeyId: process.env.TEST_S3_ACCESS_KEY_ID,
        secretAccessKey: process.env.TEST_S3_SECRET_ACCESS_KEY,
        forcePathStyle: true,
      };
      const client = s3Client(o);
      await ensureBucket(o, client);
      const store = s3FileStore(o, client);
      const keptData = pdf();
      const [kept, orphan] = [await saveFile(store, keptData), await saveFile(store, pdf())];
      const a = await buildApplicant(db);
      const app = await buildApplication(db, { batchId: (await buildBatch(db)).id, unit: a.unit, status: 'draft' });
      await db
        .insertInto('application_files')
        .values({
          id: randomUUID(),
          application_id: app.id,
          kind: 'other',
          sha256: kept.sha256,
          file_name: 'x.pdf',
          mime: 'application/pdf',
          size: kept.size,
          uploaded_by: a.id,
          uploaded_at: new Date().toISOString(),
          deleted_at: null,
        })
        .execute();
      // What a crashed instance leaves: an upload's temporary object.
      await client.send(
        new PutObjectCommand({ Bucket: o.bucket, Key: `tmp/${randomUUID()}`, Body: Buffer.alloc(1234) }),
      );
      const config = { SESSION_IDLE_MINUTES: 30 };
      const later = (ms: number) => new Date(Date.now() + ms);
      const nothing = { sessions: expect.any(Number), idempotencyKeys: expect.any(Number) };

      expect(await runRetention(db, store, config, { now: later(10 * 60_000) })).toEqual({
        ...nothing,
        tempFiles: 0,
        tempBytes: 0,
        blobs: 0,
        blobBytes: 0,
      });
      expect(await runRetention(db, store, config, { now: later(20 * HOUR) })).toEqual({
        ...nothing,
        tempFiles: 1,
        tempBytes: 1234,
        blobs: 0,
        blobBytes: 0,
      });
      const lines: string[] = [];
      const figures = await runRetention(db, store, config, {
        now: later(2 * DAY),
        log: { info: (_: object, msg: string) => lines.push(msg) },
      });
      expect(figures).toMatchObject({ tempFiles: 0, blobs: 1, blobBytes: orphan.size });
      expect(lines[0]).toContain(`1 unreferenced files (${orphan.size} bytes)`);
      expect(await store.has(kept.sha256)).toBe(true);
      expect(await store.has(orphan.sha256)).toBe(false);
      const left = await client.send(new ListObjectsV2Command({ Bucket: o.bucket }));
      expect((left.Contents ?? []).map((c) => c.Key)).toEqual([`files/${kept.sha256.slice(0, 2)}/${kept.sha256}`]);

      // Content stored again is fresh again (its grace period starts over), as a touched local file.
      const head = () =>
        client.send(
          new HeadObjectCommand({ Bucket: o.bucket, Key: `files/${kept.sha256.slice(0, 2)}/${kept.sha256}` }),
        );
      const before = (await head()).LastModified!;
      await new Promise((r) => setTimeout(r, 1100));
      await saveFile(store, keptData);
      expect((await head()).LastModified!.getTime()).toBeGreaterThan(before.getTime());
    }, 60_000);
  });
});
