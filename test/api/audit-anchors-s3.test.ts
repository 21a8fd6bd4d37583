import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { FileAnchorSink, TeeAnchorSink } from '../../src/server/audit/anchors.js';
import { loadSigningKey } from '../../src/server/audit/keys.js';
import { S3AnchorSink } from '../../src/server/audit/s3Anchors.js';
import { toSealHead } from '../../src/server/audit/seal.js';
import { sealOnce } from '../../src/server/audit/sealer.js';
import { anchorSink } from '../../src/server/audit/service.js';
import { verifyAuditChain } from '../../src/server/audit/verify.js';
import { loadConfig } from '../../src/server/config.js';
import { s3Client } from '../../src/server/files/s3Store.js';
import { buildApplicant, buildBatch } from '../factories.js';
import { createApplication } from '../helpers/applications.js';
import { intrude } from '../helpers/audit.js';
import { describeEachDb } from '../helpers/env.js';

/**
 * Issue 12: seal heads anchored in an S3 bucket with Object Lock, against a real implementation (Ceph
 * RGW, scripts/ceph-rgw.sh; .ci/run sets TEST_S3_ENDPOINT). A locked head cannot be deleted, a delete
 * marker does not hide it, and a seal rolled back in the database is found against it.
 */
const S3_ENDPOINT = process.env.TEST_S3_ENDPOINT;
const s3 = {
  endpoint: S3_ENDPOINT,
  region: process.env.TEST_S3_REGION ?? 'us-east-1',
  accessKeyId: process.env.TEST_S3_ACCESS_KEY_ID ?? 'MSFTESTACCESSKEY0001',
  secretAccessKey: process.env.TEST_S3_SECRET_ACCESS_KEY ?? 'msf-test-secret-key-0000000000000000000001',
};
const bucketName = () => `msf-anchors-${randomBytes(5).toString('hex')}`;
const createBucket = async (client: S3Client, Bucket: string, lock: boolean) => {
  await client.send(new CreateBucketCommand({ Bucket, ObjectLockEnabledForBucket: lock }));
};

if (!S3_ENDPOINT) console.log('\nS3 anchor tests skipped: set TEST_S3_ENDPOINT (scripts/ceph-rgw.sh env)\n');

describe.skipIf(!S3_ENDPOINT)('audit anchors in an Object Lock bucket', () => {
  it('refuses a bucket without Object Lock', async () => {
    const Bucket = bucketName();
    const client = s3Client({ ...s3, bucket: Bucket, forcePathStyle: true });
    await createBucket(client, Bucket, false);
    const sink = new S3AnchorSink(client, { bucket: Bucket, mode: 'GOVERNANCE', retentionDays: 1 });
    const head = {
      id: 1,
      first_seq: 1,
      last_seq: 1,
      leaf_count: 1,
      root: '00',
      prev_hash: '00',
      sealed_at: new Date().toISOString(),
      key_id: 'k',
      hash: '00',
      signature: '00',
    };
    await expect(sink.append([head])).rejects.toThrow(/no Object Lock/);
  });

  it('AUDIT_ANCHOR_S3_BUCKET adds the bucket beside the directory, with the S3 settings', () => {
    const sink = anchorSink(
      loadConfig({
        NODE_ENV: 'test',
        DATA_DIR: '/tmp/msf-anchor-config',
        S3_ENDPOINT: S3_ENDPOINT!,
        S3_ACCESS_KEY_ID: s3.accessKeyId,
        S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
        S3_FORCE_PATH_STYLE: '1',
        AUDIT_ANCHOR_S3_BUCKET: 'msf-anchors-config',
        AUDIT_ANCHOR_S3_LOCK_MODE: 'GOVERNANCE',
      }),
    );
    expect(sink).toBeInstanceOf(TeeAnchorSink);
    expect(sink.name).toBe('file:/tmp/msf-anchor-config/audit-anchors + s3:msf-anchors-config/audit-anchors/');
  });
});

if (S3_ENDPOINT)
  describeEachDb('audit anchors in an Object Lock bucket', (env) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'msf-s3-anchors-'));
    const key = loadSigningKey(path.join(dir, 'keys', 'audit.pem'));
    const Bucket = bucketName();
    const client = s3Client({ ...s3, bucket: Bucket, forcePathStyle: true });
    const s3Sink = new S3AnchorSink(client, { bucket: Bucket, mode: 'COMPLIANCE', retentionDays: 1 });
    const anchors = new TeeAnchorSink([new FileAnchorSink(path.join(dir, 'anchors')), s3Sink]);
    /**
     * One seal; on PostgreSQL the sealer waits for transactions of the whole cluster that began before
     * it (the horizon), so on a machine busy with other test files it may give up a round: try again.
     */
    const seal = async () => {
      for (let i = 0; ; i++) {
        const r = await sealOnce(env().db, { key, anchors, now: () => new Date(), horizonWaitMs: 5000 });
        if ((r.status !== 'horizon' && r.status !== 'busy') || i >= 5) return r;
      }
    };
    /** Audited writes: an applicant's application and its autosaves. */
    const writes = async (n: number) => {
      const db = env().db;
      const batch = await buildBatch(db);
      const unit = await buildApplicant(db);
      const client = await env().login(unit.username);
      const app = await createApplication(client, batch.id);
      for (let i = 0; i < n; i++) {
        const res = await client.patch(`/api/applications/${app.id}`, {
          version: app.version + i,
          basicInfo: { spaceName: `锚定${i}` },
        });
        expect(res.statusCode, res.body).toBe(200);
      }
    };

    it('writes every seal head to the bucket, locked, and verification against the bucket alone passes', async () => {
      await createBucket(client, Bucket, true);
      await writes(3);
      expect((await seal()).status).toBe('sealed');
      await writes(2);
      expect((await seal()).status).toBe('sealed');
      const seals = await env().db.selectFrom('audit_seals').select(['id', 'hash']).orderBy('id').execute();
      const heads = await s3Sink.readAll();
      expect(heads.map((h) => [Number(h.id), h.hash])).toEqual(seals.map((s) => [Number(s.id), s.hash]));
      expect(await s3Sink.lastId()).toBe(Number(seals.at(-1)!.id));
      const r = await verifyAuditChain(env().db, { publicKey: key.publicKey, anchors: s3Sink });
      expect(r, r.reason).toMatchObject({ ok: true, anchored: seals.length });
    });

    it('a locked head cannot be deleted or hidden; an overwrite does not replace it', async () => {
      const listed = await client.send(new ListObjectVersionsCommand({ Bucket, Prefix: 'audit-anchors/' }));
      const v = listed.Versions![0]!;
      expect(v.VersionId).toBeTruthy();
      // Deleting the locked version itself is refused (COMPLIANCE: even for the bucket's owner).
      await expect(
        client.send(new DeleteObjectCommand({ Bucket, Key: v.Key!, VersionId: v.VersionId! })),
      ).rejects.toMatchObject({ name: 'AccessDenied' });
      // A plain delete only adds a delete marker; a forged head written over it is a second version.
      await client.send(new DeleteObjectCommand({ Bucket, Key: v.Key! }));
      const heads = await s3Sink.readAll();
      const original = heads.find((h) => `audit-anchors/${String(h.id).padStart(12, '0')}.json` === v.Key);
      expect(original).toBeDefined();
      await client.send(
        new PutObjectCommand({ Bucket, Key: v.Key!, Body: JSON.stringify({ ...original, hash: 'f'.repeat(64) }) }),
      );
      const r = await verifyAuditChain(env().db, { publicKey: key.publicKey, anchors: s3Sink });
      expect(r.ok).toBe(false);
      expect(r.reason).toMatch(/与锚定副本不一致/);
    });

    it('the last seal rolled back with its records in the database is found against the bucket', async () => {
      const fresh = new S3AnchorSink(client, { bucket: Bucket, mode: 'COMPLIANCE', retentionDays: 1, prefix: 'b/' });
      await writes(2);
      await seal();
      // Re-anchor every seal under a clean prefix (no forged version), as a second copy would be.
      const all = await env().db.selectFrom('audit_seals').selectAll().orderBy('id').execute();
      await fresh.append(all.map(toSealHead));
      const last = all.at(-1)!;
      await intrude(env().db, env().dialect, [
        `delete from audit_log where seq >= ${Number(last.first_seq)}`,
        `delete from audit_seals where id = ${Number(last.id)}`,
      ]);
      const r = await verifyAuditChain(env().db, { publicKey: key.publicKey, anchors: fresh });
      expect(r.ok).toBe(false);
      expect(r.sealId).toBe(Number(last.id));
      expect(r.reason).toMatch(/在数据库中不存在/);
    });
  });
