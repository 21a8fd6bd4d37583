import type { Config } from '../config.js';
import { FileAnchorSink, type AnchorSink } from './anchors.js';
import { loadSigningKey, type AuditSigningKey } from './keys.js';

export interface AuditService {
  key: AuditSigningKey;
  anchors: AnchorSink;
  intervalMs: number;
}

/** The audit log's key (created at first start) and anchor sink, from the configuration. */
export function auditService(config: Config): AuditService {
  return {
    key: loadSigningKey(config.auditSigningKeyFile),
    anchors: new FileAnchorSink(config.auditAnchorDir),
    intervalMs: config.AUDIT_SEAL_INTERVAL_MS,
  };
}
