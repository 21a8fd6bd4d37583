import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
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
import { registerRoutes } from './routes/index.js';
import verifyRoutes from './routes/verify.js';
import { MAX_UPLOAD_BYTES } from './files/store.js';
import { auditService } from './audit/service.js';

z.config(z.locales.zhCN());

export interface AppDeps {
  config: Config;
  database: Database;
  clock: Clock;
  /** Directory of the built web app; served when it exists. */
  webDir?: string;
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
    trustProxy: config.TRUST_PROXY === '1',
    bodyLimit: 2 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  app.decorate('db', deps.database.db);
  app.decorate('dialect', deps.database.dialect);
  app.decorate('clock', deps.clock);
  app.decorate('config', config);
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
  await app.register(rateLimit, { global: false });
  // Uploads: one file per request; one byte over the limit so that the file store can tell an over-size file.
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES + 1, files: 1, fields: 10, fieldSize: 1024 } });
  await app.register(errorsPlugin);
  await app.register(authPlugin);
  await app.register(idempotencyPlugin);
  await app.register(registerRoutes, { prefix: '/api' });
  // The public verification page (/verify/{code}, printed as a QR code on every PDF page) and its JSON twin.
  await app.register(verifyRoutes);
  app.get('/api/openapi.json', { schema: { hide: true }, config: { auth: 'public' } }, async () => app.swagger());

  const webDir = deps.webDir;
  if (webDir && fs.existsSync(path.join(webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: false, index: ['index.html'] });
    // Client-side routes: any other GET outside /api answers the SPA shell.
    app.get('/*', { schema: { hide: true }, config: { auth: 'public' } }, async (req, reply) => {
      if (req.url.startsWith('/api/'))
        return reply.status(404).send({ error: { code: 'not_found', message: '请求的记录不存在' } });
      return reply.type('text/html').sendFile('index.html');
    });
  }
  return app;
}
