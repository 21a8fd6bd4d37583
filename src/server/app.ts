import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import { rateLimitBackend } from './plugins/rateLimitStore.js';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config.js';
import type { Clock } from './clock.js';
import type { Database } from './db/database.js';
import authPlugin from './plugins/auth.js';
import errorsPlugin from './plugins/errors.js';
import idempotencyPlugin from './plugins/idempotency.js';
import securityHeaders from './plugins/securityHeaders.js';
import { requestLogController } from './requestLog.js';
import wellFormedPlugin, { ILL_FORMED_MESSAGE, parseQueryStrict } from './plugins/wellFormed.js';
import { errorMessage, errorStatus } from '../domain/errors.js';
import { trustProxySetting } from './trustProxy.js';
import { LOGIN_WINDOW_MS } from './auth/loginLimit.js';
import { MemoryAttemptCounter, type AttemptCounter } from './auth/attemptCounter.js';
import { registerRoutes } from './routes/index.js';
import { onContentProblems } from './repositories/content.js';
import verifyRoutes from './routes/verify.js';
import { MAX_UPLOAD_BYTES } from './files/store.js';
import type { FileStore } from './files/fileStore.js';
import { createFileStore } from './files/createFileStore.js';
import { similarityIdle } from './similarity/scheduler.js';
import { auditService } from './audit/service.js';

z.config(z.locales.zhCN());

export interface AppDeps {
  config: Config;
  database: Database;
  clock: Clock;
  /** Directory of the built web app; served when it exists. */
  webDir?: string;
  /** Where files live (default: the configured store, S3 or DATA_DIR/files). */
  files?: FileStore;
  /**
   * The @fastify/rate-limit store (default: PostgreSQL-backed on PostgreSQL so limits count across
   * instances, in memory on SQLite).
   */
  rateLimitStore?: unknown;
  /** Failed-login counters per client address; in memory unless a shared store is injected. */
  loginAttempts?: AttemptCounter;
}

/** Vite's hashed files under assets/ never change; the rest must be revalidated. */
export function webCacheControl(filePath: string): string {
  return /[\\/]assets[\\/]/.test(filePath) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/** Builds the application: plugins, then routes, then the web app. Listening is main.ts's job. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger:
      config.LOG_LEVEL === 'silent'
        ? false
        : {
            level: config.LOG_LEVEL,
            redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
          },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    },
    // Structured request lines at info in production, one debug line per request in development.
    logController: requestLogController(config.production),
    trustProxy: trustProxySetting(config.TRUST_PROXY),
    bodyLimit: 2 * 1024 * 1024,
    routerOptions: { querystringParser: parseQueryStrict },
    // Errors raised before routing (a path whose percent-escapes are not UTF-8) answer in our shape.
    frameworkErrors: (err, _req, reply: FastifyReply) => {
      const bad = err.code === 'FST_ERR_BAD_URL';
      const code = bad ? 'validation_failed' : 'bad_request';
      const message = bad ? ILL_FORMED_MESSAGE : errorMessage.bad_request;
      void reply.status(errorStatus[code]).send({ error: { code, message } });
    },
  }).withTypeProvider<ZodTypeProvider>();

  onContentProblems((where, problems) => app.log.warn({ where, problems }, 'stored content does not parse'));
  app.decorate('db', deps.database.db);
  app.decorate('dialect', deps.database.dialect);
  app.decorate('clock', deps.clock);
  app.decorate('config', config);
  app.decorate('files', deps.files ?? createFileStore(config));
  app.decorate('draining', false);
  app.decorate('loginAttempts', deps.loginAttempts ?? new MemoryAttemptCounter(LOGIN_WINDOW_MS, 1000));
  // 查重 checks run in the background: let them finish before the database closes.
  app.addHook('onClose', () => similarityIdle());
  app.decorate('audit', auditService(config));
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  await app.register(cookie);
  // helmet's headers, computed once (the same as @fastify/helmet's, which rebuilt them for every request).
  await app.register(securityHeaders, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: config.production,
  });
  await app.register(swagger, {
    openapi: {
      info: { title: '专业化众创空间备案申报推荐系统 API', version: '1.0.0' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'msf_sid' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  // Per-route limits only (config.rateLimit), e.g. the public unit registration.
  // Shared across instances: Redis when REDIS_URL is set, else PostgreSQL; in memory on SQLite.
  await app.register(rateLimit, { global: false, ...rateLimitBackend(app, deps) });
  // Uploads: one file per request; one byte over the limit so that the file store can tell an over-size file.
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES + 1, files: 1, fields: 10, fieldSize: 1024 } });
  await app.register(errorsPlugin);
  // Ill-formed strings and NUL in body, query, params and multipart parts: 422 before any handler (issue 11, item 2).
  await app.register(wellFormedPlugin);
  await app.register(authPlugin);
  await app.register(idempotencyPlugin);
  await app.register(registerRoutes, { prefix: '/api' });
  // The public verification page (/verify/{code}, printed as a QR code on every PDF page) and its JSON twin.
  await app.register(verifyRoutes);
  app.get('/api/openapi.json', { schema: { hide: true }, config: { auth: 'public' } }, async () => app.swagger());

  const webDir = deps.webDir;
  if (webDir && fs.existsSync(path.join(webDir, 'index.html'))) {
    // Brotli/gzip twins written at build (scripts/precompress.mjs); hashed assets are immutable for a
    // year, everything else (index.html above all) is revalidated on every load.
    await app.register(fastifyStatic, {
      root: webDir,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, filePath) => {
        reply.header('cache-control', webCacheControl(filePath));
      },
    });
    // Client-side routes: any other GET outside /api answers the SPA shell.
    app.get('/*', { schema: { hide: true }, config: { auth: 'public' } }, async (req, reply) => {
      if (req.url.startsWith('/api/'))
        return reply.status(404).send({ error: { code: 'not_found', message: '请求的记录不存在' } });
      return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
    });
  }
  return app;
}
