import path from 'node:path';
import { z } from 'zod';
import { trustProxyProblem } from './trustProxy.js';

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// or postgresql:// URL')
    .optional(),
  DEMO_PASSWORD: z.string().default('Demo@2020js'),
  /** Set to "0" to start an empty database without demo data outside production. */
  SEED_DEMO: z.enum(['0', '1']).default('1'),
  /**
   * Behind proxies: a hop count ("1" = one reverse proxy) or a comma-separated list of proxy addresses
   * and CIDR ranges whose X-Forwarded-* headers are trusted; the client is the last untrusted hop.
   */
  TRUST_PROXY: z
    .string()
    .default('0')
    .superRefine((v, ctx) => {
      const problem = trustProxyProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  COOKIE_SECURE: z.enum(['auto', '0', '1']).default('auto'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  PASSWORD_MAX_AGE_DAYS: z.coerce.number().int().min(0).default(90),
  /** Public unit registrations allowed per client IP per 10 minutes (default 20). */
  RATE_LIMIT_REGISTRATIONS: z.coerce.number().int().min(1).optional(),
  /** Failed logins allowed per client IP per 10 minutes before 429 (default 30). */
  RATE_LIMIT_LOGIN: z.coerce.number().int().min(1).default(30),
  /** Requests to the public list allowed per client IP per minute (default 120). */
  RATE_LIMIT_PUBLIC: z.coerce.number().int().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * Outgoing mail: smtp://user:pass@host:port (STARTTLS when the server offers it) or smtps://… (TLS
   * from the start). Unset: e-mails stay queued in the outbox; in-app notifications still appear.
   */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'SMTP_URL must be an smtp:// or smtps:// URL')
    .optional(),
  /** The sender address of notification e-mails. */
  SMTP_FROM: z.email('SMTP_FROM must be an e-mail address').default('noreply@makerspace-filing.local'),
  /** Where the public verification page is reached; printed in the QR code on every PDF page. */
  PUBLIC_BASE_URL: z
    .string()
    .regex(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, 'PUBLIC_BASE_URL must be an http:// or https:// URL')
    .optional(),
  // National deployment (issue 16): object storage, database pool, shared rate limits.
  /** S3-compatible object storage for files; when S3_BUCKET is set, files live there instead of DATA_DIR. */
  S3_ENDPOINT: z.url('S3_ENDPOINT must be a URL').optional(),
  S3_BUCKET: z.string().min(3).optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  /** 1: path-style URLs (http://host/bucket/key), as Ceph RGW and most on-premises stores need. */
  S3_FORCE_PATH_STYLE: z.enum(['0', '1']).default('0'),
  /** On SIGTERM, how long /api/health answers 503 before the instance stops listening (ms). */
  DRAIN_NOTICE_MS: z.coerce.number().int().min(0).max(60_000).default(3000),
  /** Connections per instance to PostgreSQL. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(1000).default(10),
  /** 0: no named prepared statements (PgBouncer in transaction mode). */
  DATABASE_PREPARED_STATEMENTS: z.enum(['0', '1']).default('1'),
  /** Redis for the shared rate limits (redis://host:port); else PostgreSQL holds them, or memory on SQLite. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/[^\s]+$/, 'REDIS_URL must be a redis:// or rediss:// URL')
    .optional(),
  /** Audit log (issue 12): how often the sealer seals new records, in milliseconds. */
  AUDIT_SEAL_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(5000),
  /** The seals' Ed25519 key (PEM); default DATA_DIR/keys/audit-signing.pem, created 0600 at first start. */
  AUDIT_SIGNING_KEY_FILE: z.string().min(1).optional(),
  /** Where seal heads are anchored as JSON lines, one file per day; default DATA_DIR/audit-anchors. */
  AUDIT_ANCHOR_DIR: z.string().min(1).optional(),
  /** Also anchor each seal head in this S3 bucket (Object Lock enabled), with the S3_* endpoint and keys. */
  AUDIT_ANCHOR_S3_BUCKET: z.string().min(3).optional(),
  AUDIT_ANCHOR_S3_LOCK_MODE: z.enum(['COMPLIANCE', 'GOVERNANCE']).default('COMPLIANCE'),
  AUDIT_ANCHOR_S3_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(3650),
});

export type Config = z.infer<typeof envSchema> & {
  dataDir: string;
  production: boolean;
  /** PUBLIC_BASE_URL without a trailing slash, or http://localhost:PORT. */
  publicBaseUrl: string;
  auditSigningKeyFile: string;
  auditAnchorDir: string;
};

/** Reads and validates the environment once at start; a bad value stops the process with a clear message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  if (c.S3_ENDPOINT && !c.S3_BUCKET && !c.AUDIT_ANCHOR_S3_BUCKET)
    throw new Error('Invalid configuration:\n  S3_BUCKET: required with S3_ENDPOINT');
  if (!!c.S3_ACCESS_KEY_ID !== !!c.S3_SECRET_ACCESS_KEY)
    throw new Error('Invalid configuration:\n  S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together');
  return {
    ...c,
    dataDir: path.resolve(c.DATA_DIR),
    production: c.NODE_ENV === 'production',
    auditSigningKeyFile: path.resolve(c.AUDIT_SIGNING_KEY_FILE ?? path.join(c.DATA_DIR, 'keys', 'audit-signing.pem')),
    auditAnchorDir: path.resolve(c.AUDIT_ANCHOR_DIR ?? path.join(c.DATA_DIR, 'audit-anchors')),
    publicBaseUrl: (c.PUBLIC_BASE_URL ?? `http://localhost:${c.PORT}`).replace(/\/+$/, ''),
  };
}
