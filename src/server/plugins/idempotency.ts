import fp from 'fastify-plugin';
import { AppError } from '../../domain/errors.js';

const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** status_code of a claimed key whose request has not answered yet. */
const IN_PROGRESS = 0;

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyKey: string | null;
  }
}

/**
 * Idempotency-Key: a client may name a mutation; repeating it (a retry after a lost answer)
 * replays the first answer instead of acting again. The key is claimed before the request acts — an
 * insert that the primary key (user, key) lets only one request win — so that concurrent requests
 * with one key act once (issue 11 item 8: ten at once all acted when the key was only written after
 * the answer). A request that finds the key claimed but unanswered gets 409; a 5xx answer releases
 * the claim so that a retry may act. Without the header, the state checks of each command (status
 * and version) still keep a repeated request from acting twice.
 */
export default fp(async (app) => {
  app.decorateRequest('idempotencyKey', null);

  app.addHook('preHandler', async (req, reply) => {
    const key = req.headers['idempotency-key'];
    if (!MUTATIONS.has(req.method) || typeof key !== 'string' || !req.actor) return;
    if (!/^[\w-]{8,100}$/.test(key))
      throw new AppError('bad_request', 'Idempotency-Key 格式不正确（8–100 位字母、数字、下划线或连字符）');
    const route = `${req.method} ${req.url}`;
    const claim = await app.db
      .insertInto('idempotency_keys')
      .values({
        key,
        user_id: req.actor.userId,
        route,
        status_code: IN_PROGRESS,
        body: '',
        created_at: app.clock.now().toISOString(),
      })
      .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
      .executeTakeFirst();
    if (Number(claim.numInsertedOrUpdatedRows ?? 0) === 1) {
      req.idempotencyKey = key;
      return;
    }
    const seen = await app.db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('user_id', '=', req.actor.userId)
      .where('key', '=', key)
      .executeTakeFirst();
    if (seen && seen.route !== route) throw new AppError('conflict', '该 Idempotency-Key 已用于另一请求');
    if (!seen || Number(seen.status_code) === IN_PROGRESS)
      throw new AppError('conflict', '使用该 Idempotency-Key 的请求正在处理中，请稍后查看结果');
    return reply
      .code(Number(seen.status_code))
      .header('idempotency-replayed', 'true')
      .type('application/json')
      .send(seen.body);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    if (!req.idempotencyKey || !req.actor) return payload;
    if (reply.statusCode >= 500 || typeof payload !== 'string') {
      // Nothing to replay: release the claim so that a retry may act.
      await app.db
        .deleteFrom('idempotency_keys')
        .where('user_id', '=', req.actor.userId)
        .where('key', '=', req.idempotencyKey)
        .where('status_code', '=', IN_PROGRESS)
        .execute();
    } else {
      await app.db
        .updateTable('idempotency_keys')
        .set({ status_code: reply.statusCode, body: payload })
        .where('user_id', '=', req.actor.userId)
        .where('key', '=', req.idempotencyKey)
        .execute();
    }
    req.idempotencyKey = null;
    return payload;
  });
});
