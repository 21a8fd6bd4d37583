import type { Config } from '../config.js';
import { localFileStore, type FileStore } from './fileStore.js';
import { s3FileStore, type S3StoreOptions } from './s3Store.js';

/** The S3 settings of the configuration, or null when files stay in DATA_DIR. */
export function s3Options(config: Config): S3StoreOptions | null {
  if (!config.S3_BUCKET) return null;
  return {
    endpoint: config.S3_ENDPOINT,
    bucket: config.S3_BUCKET,
    region: config.S3_REGION,
    accessKeyId: config.S3_ACCESS_KEY_ID,
    secretAccessKey: config.S3_SECRET_ACCESS_KEY,
    forcePathStyle: config.S3_FORCE_PATH_STYLE === '1',
  };
}

/** The configured file store: S3 when S3_BUCKET is set, else DATA_DIR/files. */
export function createFileStore(config: Config): FileStore {
  const s3 = s3Options(config);
  return s3 ? s3FileStore(s3) : localFileStore(config.dataDir);
}
