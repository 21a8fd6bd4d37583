import fp from 'fastify-plugin';
import { AppError } from '../../domain/errors.js';

const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyKey: string | null;
  }
}

/**
 * Idempotency-Key: a client may name a mutation; repeating it (a retry after a lost answer)
 * replays the first answer instead of acting again. Without the header, the state checks of each
 * command (status and version) still keep a repeated request from acting twice.
 */
export default fp(async (app) => {
  app.decorateRequest('idempotencyKey', null);

  app.addHook('preHandler', async (req, reply) => {
    const key = req.headers['idempotency-key'];
    if (!MUTATIONS.has(req.method) || typeof key !== 'string' || !req.actor) return;
    if (!/^[\w-]{8,100}$/.test(key))
      throw new AppError('bad_request', 'Idempotency-Key 格式不正确（8–100 位字母、数字、下划线或连字符）');
    const route = `${req.method} ${req.url}`;
    const seen = await app.db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('user_id', '=', req.actor.userId)
      .where('key', '=', key)
      .executeTakeFirst();
    if (seen) {
      if (seen.route !== route) throw new AppError('conflict', '该 Idempotency-Key 已用于另一请求');
      return reply
        .code(seen.status_code)
        .header('idempotency-replayed', 'true')
        .type('application/json')
        .send(seen.body);
    }
    req.idempotencyKey = key;
  });

  app.addHook('onSend', async (req, reply, payload) => {
    if (!req.idempotencyKey || !req.actor || reply.statusCode >= 500 || typeof payload !== 'string') return payload;
    await app.db
      .insertInto('idempotency_keys')
      .values({
        key: req.idempotencyKey,
        user_id: req.actor.userId,
        route: `${req.method} ${req.url}`,
        status_code: reply.statusCode,
        body: payload,
        created_at: app.clock.now().toISOString(),
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
    return payload;
  });
});
