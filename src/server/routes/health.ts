import { sql } from 'kysely';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** A check that does not answer within this time counts as unreachable. */
const CHECK_TIMEOUT_MS = 3000;

const within = <T>(p: Promise<T>): Promise<T> =>
  Promise.race([
    p,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS).unref()),
  ]);

const healthBody = z.object({
  status: z.enum(['ok', 'unavailable']),
  db: z.enum(['sqlite', 'postgres']),
  /** Whether the database answered. */
  database: z.enum(['ok', 'unreachable']),
  /** Whether the file store (local directory or S3) answered. */
  files: z.enum(['ok', 'unreachable']),
  fileStore: z.enum(['local', 's3']),
  /** Set while the instance drains before shutdown: the balancer should send nothing new. */
  draining: z.boolean(),
  /** process.version of the serving instance. */
  node: z.string(),
});

/**
 * The load balancer's check: 200 when the database and the file store answer, 503 otherwise (and
 * while the instance drains before shutdown), so a broken instance is taken out of rotation.
 */
const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['system'],
        summary: '健康检查（数据库与文件存储均可用时 200，否则 503）',
        response: { 200: healthBody, 503: healthBody },
      },
    },
    async (_req, reply) => {
      const [database, files] = await Promise.all([
        within(sql`select 1`.execute(app.db)).then(
          () => 'ok' as const,
          (err: unknown) => (app.log.warn({ err }, 'health: database unreachable'), 'unreachable' as const),
        ),
        within(app.files.check()).then(
          () => 'ok' as const,
          (err: unknown) => (app.log.warn({ err }, 'health: file store unreachable'), 'unreachable' as const),
        ),
      ]);
      const draining = app.draining;
      const ok = database === 'ok' && files === 'ok' && !draining;
      return reply.code(ok ? 200 : 503).send({
        status: ok ? 'ok' : 'unavailable',
        db: app.dialect,
        database,
        files,
        fileStore: app.files.kind,
        draining,
        // The runtime's version, so an operator sees which Node.js serves.
        node: process.version,
      });
    },
  );
};
export default routes;
