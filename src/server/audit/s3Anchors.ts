import { createHash } from 'node:crypto';
import {
  GetObjectCommand,
  GetObjectLockConfigurationCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { AnchorSink } from './anchors.js';
import type { SealHead } from './seal.js';

export type ObjectLockMode = 'COMPLIANCE' | 'GOVERNANCE';

export interface S3AnchorOptions {
  bucket: string;
  /** COMPLIANCE: nobody, not even the bucket's owner, can delete or shorten a head before its date. */
  mode: ObjectLockMode;
  /** How long each head is locked. */
  retentionDays: number;
  /** Key prefix of the heads (default audit-anchors/). */
  prefix?: string;
}

const ID_DIGITS = 12;

/**
 * AUDIT_ANCHOR_S3_BUCKET: each seal head is one object, `audit-anchors/<id, 12 digits>.json`, written
 * with an Object Lock retention (mode and date per object), so it cannot be deleted or overwritten
 * until then — in COMPLIANCE mode not even with the bucket owner's keys. The bucket must have been
 * created with Object Lock enabled (which also enables versioning); a bucket without it is refused
 * at the first append. A deleted key (a delete marker) or a second version never removes the locked
 * version: the store keeps it, and the province reads it with its own keys.
 */
export class S3AnchorSink implements AnchorSink {
  readonly name: string;
  private readonly prefix: string;
  private lockChecked = false;
  /** The highest id this process saw anchored; listings continue after it instead of from the start. */
  private knownLast: number | null = null;

  constructor(
    private readonly client: S3Client,
    private readonly o: S3AnchorOptions,
  ) {
    this.prefix = o.prefix ?? 'audit-anchors/';
    this.name = `s3:${o.bucket}/${this.prefix}`;
  }

  private key(id: number): string {
    return `${this.prefix}${String(id).padStart(ID_DIGITS, '0')}.json`;
  }

  private idOf(key: string): number | null {
    const m = /^(\d+)\.json$/.exec(key.slice(this.prefix.length));
    return m ? Number(m[1]) : null;
  }

  /** Refuses a bucket whose objects could be deleted: without Object Lock an anchor proves nothing. */
  async checkObjectLock(): Promise<void> {
    if (this.lockChecked) return;
    let enabled = false;
    try {
      const res = await this.client.send(new GetObjectLockConfigurationCommand({ Bucket: this.o.bucket }));
      enabled = res.ObjectLockConfiguration?.ObjectLockEnabled === 'Enabled';
    } catch (err) {
      if ((err as { name?: string }).name !== 'ObjectLockConfigurationNotFoundError') throw err;
    }
    if (!enabled)
      throw new Error(
        `AUDIT_ANCHOR_S3_BUCKET ${this.o.bucket}: the bucket has no Object Lock (create it with Object Lock enabled)`,
      );
    this.lockChecked = true;
  }

  async append(seals: readonly SealHead[]): Promise<void> {
    if (seals.length === 0) return;
    await this.checkObjectLock();
    for (const s of seals) {
      const body = JSON.stringify(s) + '\n';
      const retainUntil = new Date(Date.now() + this.o.retentionDays * 86_400_000);
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.o.bucket,
          Key: this.key(Number(s.id)),
          Body: body,
          ContentType: 'application/json',
          // S3 requires an integrity header on every write that carries a retention.
          ContentMD5: createHash('md5').update(body).digest('base64'),
          ObjectLockMode: this.o.mode,
          ObjectLockRetainUntilDate: retainUntil,
        }),
      );
      this.knownLast = Math.max(this.knownLast ?? -1, Number(s.id));
    }
  }

  /** Keys of the heads after `after` (all when null), in id order (the keys sort as the ids). */
  private async ids(after: number | null): Promise<number[]> {
    const out: number[] = [];
    let token: string | undefined;
    do {
      const res = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.o.bucket,
          Prefix: this.prefix,
          ...(token ? { ContinuationToken: token } : after !== null ? { StartAfter: this.key(after) } : {}),
        }),
      );
      for (const o of res.Contents ?? []) {
        const id = o.Key ? this.idOf(o.Key) : null;
        if (id !== null) out.push(id);
      }
      token = res.IsTruncated ? res.NextContinuationToken : undefined;
    } while (token);
    return out;
  }

  /**
   * Every version of every head, in id order, identical copies once: a delete marker does not hide a
   * locked head, and a later version written over one (a forged head) is compared with the database too.
   */
  async readAll(): Promise<SealHead[]> {
    const versions: { id: number; key: string; versionId?: string }[] = [];
    let keyMarker: string | undefined;
    let versionMarker: string | undefined;
    for (;;) {
      const res = await this.client.send(
        new ListObjectVersionsCommand({
          Bucket: this.o.bucket,
          Prefix: this.prefix,
          ...(keyMarker ? { KeyMarker: keyMarker } : {}),
          ...(versionMarker ? { VersionIdMarker: versionMarker } : {}),
        }),
      );
      for (const v of res.Versions ?? []) {
        const id = v.Key ? this.idOf(v.Key) : null;
        if (id !== null) versions.push({ id, key: v.Key!, ...(v.VersionId ? { versionId: v.VersionId } : {}) });
      }
      if (!res.IsTruncated) break;
      keyMarker = res.NextKeyMarker;
      versionMarker = res.NextVersionIdMarker;
    }
    versions.sort((a, b) => a.id - b.id);
    const seen = new Set<string>();
    const out: SealHead[] = [];
    for (const v of versions) {
      const res = await this.client.send(
        new GetObjectCommand({
          Bucket: this.o.bucket,
          Key: v.key,
          ...(v.versionId ? { VersionId: v.versionId } : {}),
        }),
      );
      const text = ((await res.Body?.transformToString('utf8')) ?? '').trim();
      if (seen.has(text)) continue;
      seen.add(text);
      out.push(JSON.parse(text) as SealHead);
    }
    return out;
  }

  async lastId(): Promise<number | null> {
    const ids = await this.ids(this.knownLast);
    if (ids.length) this.knownLast = ids.at(-1)!;
    return this.knownLast;
  }
}
