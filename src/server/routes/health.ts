import { sql } from 'kysely';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['system'],
        summary: '健康检查',
        response: {
          200: z.object({ status: z.literal('ok'), db: z.enum(['sqlite', 'postgres']), node: z.string() }),
        },
      },
    },
    async () => {
      await sql`select 1`.execute(app.db);
      // The runtime's version (process.version), so an operator sees which Node.js serves.
      return { status: 'ok' as const, db: app.dialect, node: process.version };
    },
  );
};
export default routes;
