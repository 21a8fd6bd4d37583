import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { fileKey, notInStore, SHA256_RE, type FileStore, type StoredObject } from './fileStore.js';

export interface S3StoreOptions {
  endpoint?: string;
  bucket: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
}

/** Parts of a multipart upload; a file under this size goes as one PutObject. */
const PART_BYTES = 8 * 1024 * 1024;

export function s3Client(o: S3StoreOptions): S3Client {
  return new S3Client({
    region: o.region,
    forcePathStyle: o.forcePathStyle,
    ...(o.endpoint ? { endpoint: o.endpoint } : {}),
    // Without keys the SDK's default chain applies (environment, instance profile …).
    ...(o.accessKeyId && o.secretAccessKey
      ? { credentials: { accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey } }
      : {}),
    maxAttempts: 3,
  });
}

const isMissing = (err: unknown) =>
  err instanceof S3ServiceException &&
  (err.name === 'NoSuchKey' || err.name === 'NotFound' || err.$metadata.httpStatusCode === 404);

/**
 * The S3 store, shared by every instance: a write streams to tmp/<uuid> (multipart above 8 MB, no
 * local temporary file), then is copied to files/<2 hex>/<sha256> once its hash is known and the
 * temporary object deleted. Identical content is stored once; downloads stream from the store.
 * A temporary object left by a crashed instance is removed by the retention job after an hour (or by a
 * bucket lifecycle rule on tmp/); content stored again is copied onto itself, which makes its
 * LastModified fresh, as the local store touches its file, so that the retention job's grace period
 * for unreferenced files starts again.
 */
export function s3FileStore(o: S3StoreOptions, client: S3Client = s3Client(o)): FileStore {
  const Bucket = o.bucket;
  const has = async (sha256: string) => {
    if (!SHA256_RE.test(sha256)) return false;
    try {
      await client.send(new HeadObjectCommand({ Bucket, Key: fileKey(sha256) }));
      return true;
    } catch (err) {
      if (isMissing(err)) return false;
      throw err;
    }
  };
  const remove = (Key: string) => client.send(new DeleteObjectCommand({ Bucket, Key })).catch(() => {});
  return {
    kind: 's3',
    async begin() {
      const tmpKey = `tmp/${randomUUID()}`;
      const body = new PassThrough();
      const upload = new Upload({
        client,
        params: { Bucket, Key: tmpKey, Body: body },
        partSize: PART_BYTES,
        queueSize: 2,
      });
      const done = upload.done();
      // Observed by write/commit/abort; never an unhandled rejection.
      done.catch(() => {});
      const ended = done.then(
        () => Promise.reject(new Error('S3 upload ended before its content')),
        (err: unknown) => Promise.reject(err),
      );
      ended.catch(() => {});
      return {
        async write(chunk) {
          if (!body.write(chunk)) await Promise.race([once(body, 'drain'), ended]);
        },
        async commit(sha256) {
          body.end();
          try {
            await done;
            const Key = fileKey(sha256);
            if (!(await has(sha256)))
              await client.send(new CopyObjectCommand({ Bucket, Key, CopySource: `${Bucket}/${tmpKey}` }));
            else
              await client.send(
                new CopyObjectCommand({ Bucket, Key, CopySource: `${Bucket}/${Key}`, MetadataDirective: 'REPLACE' }),
              );
          } finally {
            await remove(tmpKey);
          }
        },
        async abort() {
          body.destroy();
          await upload.abort().catch(() => {});
          await done.catch(() => {});
          await remove(tmpKey);
        },
      };
    },
    async open(sha256) {
      try {
        const res = await client.send(new GetObjectCommand({ Bucket, Key: fileKey(sha256) }));
        if (!(res.Body instanceof Readable)) throw new Error('S3 GetObject returned no stream');
        return { stream: res.Body, size: Number(res.ContentLength ?? 0) };
      } catch (err) {
        if (isMissing(err)) throw notInStore();
        throw err;
      }
    },
    has,
    async check() {
      await client.send(new HeadBucketCommand({ Bucket }));
    },
    async *list() {
      for (const Prefix of ['tmp/', 'files/']) {
        let ContinuationToken: string | undefined;
        do {
          const page = await client.send(new ListObjectsV2Command({ Bucket, Prefix, ContinuationToken }));
          const objects: StoredObject[] = [];
          for (const o of page.Contents ?? []) {
            const key = o.Key ?? '';
            const size = Number(o.Size ?? 0);
            const modifiedAt = o.LastModified ?? new Date(0);
            if (Prefix === 'tmp/') objects.push({ kind: 'temporary', key, size, modifiedAt });
            else {
              const sha256 = key.slice('files/xx/'.length);
              if (SHA256_RE.test(sha256) && key === fileKey(sha256))
                objects.push({ kind: 'file', sha256, size, modifiedAt });
            }
          }
          if (objects.length) yield objects;
          ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
        } while (ContinuationToken);
      }
    },
    async removeIfOlder(object, cutoff) {
      const Key = object.kind === 'file' ? fileKey(object.sha256) : object.key;
      if (object.kind === 'temporary' && !Key.startsWith('tmp/')) return null;
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket, Key }));
        if (!head.LastModified || head.LastModified.getTime() >= cutoff.getTime()) return null;
        await client.send(new DeleteObjectCommand({ Bucket, Key }));
        return Number(head.ContentLength ?? object.size);
      } catch (err) {
        if (isMissing(err)) return null;
        throw err;
      }
    },
  };
}

/** Creates the bucket unless it exists (tests and first installs; production buckets are made by the operator). */
export async function ensureBucket(o: S3StoreOptions, client: S3Client = s3Client(o)): Promise<void> {
  try {
    await client.send(new HeadBucketCommand({ Bucket: o.bucket }));
  } catch (err) {
    if (!isMissing(err)) throw err;
    await client.send(new CreateBucketCommand({ Bucket: o.bucket })).catch((e: unknown) => {
      // Another instance created it first.
      if (!(e instanceof S3ServiceException && /BucketAlready/.test(e.name))) throw e;
    });
  }
}
