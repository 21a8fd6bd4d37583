import type { Config } from '../config.js';
import { s3Client } from '../files/s3Store.js';
import { FileAnchorSink, TeeAnchorSink, type AnchorSink } from './anchors.js';
import { loadSigningKey, type AuditSigningKey } from './keys.js';
import { S3AnchorSink } from './s3Anchors.js';

export interface AuditService {
  key: AuditSigningKey;
  anchors: AnchorSink;
  intervalMs: number;
}

/**
 * Where seal heads are anchored: AUDIT_ANCHOR_DIR, and with AUDIT_ANCHOR_S3_BUCKET also that Object
 * Lock bucket, reached with the file store's S3 settings (S3_ENDPOINT, S3_REGION, keys, path style).
 */
export function anchorSink(config: Config, dir: string = config.auditAnchorDir): AnchorSink {
  const file = new FileAnchorSink(dir);
  if (!config.AUDIT_ANCHOR_S3_BUCKET) return file;
  const client = s3Client({
    endpoint: config.S3_ENDPOINT,
    bucket: config.AUDIT_ANCHOR_S3_BUCKET,
    region: config.S3_REGION,
    accessKeyId: config.S3_ACCESS_KEY_ID,
    secretAccessKey: config.S3_SECRET_ACCESS_KEY,
    forcePathStyle: config.S3_FORCE_PATH_STYLE === '1',
  });
  const s3 = new S3AnchorSink(client, {
    bucket: config.AUDIT_ANCHOR_S3_BUCKET,
    mode: config.AUDIT_ANCHOR_S3_LOCK_MODE,
    retentionDays: config.AUDIT_ANCHOR_S3_RETENTION_DAYS,
  });
  return new TeeAnchorSink([file, s3]);
}

/** The audit log's key (created at first start) and anchor sinks, from the configuration. */
export function auditService(config: Config): AuditService {
  return {
    key: loadSigningKey(config.auditSigningKeyFile),
    anchors: anchorSink(config),
    intervalMs: config.AUDIT_SEAL_INTERVAL_MS,
  };
}
