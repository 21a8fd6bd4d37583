import type { Config } from './config.js';
import type { FileStore } from './files/fileStore.js';
import type { Clock } from './clock.js';
import type { Actor, RequestContext } from './context.js';
import type { Db, Dialect } from './db/database.js';
import type { AuditService } from './audit/service.js';
import type { PreloadKind, Preloaded } from './repositories/sessionPreload.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    dialect: Dialect;
    clock: Clock;
    config: Config;
    /** The file store (local directory or S3). */
    files: FileStore;
    /** True once shutdown began: /api/health answers 503 so the balancer stops sending requests. */
    draining: boolean;
    /** The audit log's signing key, anchors and sealing interval (issue 12). */
    audit: AuditService;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
    csrfToken: string | null;
    mustChangePassword: boolean;
    /** The row the route's config.preload named, read with the session (repositories/sessionPreload.ts). */
    preload: Preloaded | null;
    /** The context commands receive: actor, client IP, request id and the clock's time. */
    ctx(): RequestContext;
  }
  interface FastifyContextConfig {
    /** 'public' routes need no session; the default requires one. */
    auth?: 'public' | 'session';
    /** Routes a user may call while a password change is pending. */
    allowDuringPasswordChange?: boolean;
    /** Mutations without CSRF check (only login and public registration). */
    skipCsrf?: boolean;
    /** A row read in the session lookup's statement (a speed-up, repositories/sessionPreload.ts). */
    preload?: PreloadKind;
  }
}
