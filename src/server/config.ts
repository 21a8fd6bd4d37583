import path from 'node:path';
import { z } from 'zod';

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
  /** Behind an https proxy: mark cookies Secure and trust X-Forwarded-* from it. */
  TRUST_PROXY: z.enum(['0', '1']).default('0'),
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
  /** Audit log (issue 12): how often the sealer seals new records, in milliseconds. */
  AUDIT_SEAL_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(5000),
  /** The seals' Ed25519 key (PEM); default DATA_DIR/keys/audit-signing.pem, created 0600 at first start. */
  AUDIT_SIGNING_KEY_FILE: z.string().min(1).optional(),
  /** Where seal heads are anchored as JSON lines, one file per day; default DATA_DIR/audit-anchors. */
  AUDIT_ANCHOR_DIR: z.string().min(1).optional(),
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
  return {
    ...c,
    dataDir: path.resolve(c.DATA_DIR),
    production: c.NODE_ENV === 'production',
    auditSigningKeyFile: path.resolve(c.AUDIT_SIGNING_KEY_FILE ?? path.join(c.DATA_DIR, 'keys', 'audit-signing.pem')),
    auditAnchorDir: path.resolve(c.AUDIT_ANCHOR_DIR ?? path.join(c.DATA_DIR, 'audit-anchors')),
    publicBaseUrl: (c.PUBLIC_BASE_URL ?? `http://localhost:${c.PORT}`).replace(/\/+$/, ''),
  };
}
