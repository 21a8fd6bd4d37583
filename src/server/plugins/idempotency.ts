import type { FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../../domain/errors.js';
import { withFirstStatement } from '../db/transactionStart.js';

const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** status_code of a claimed key whose answer has not been stored yet. */
const IN_PROGRESS = 0;

/**
 * How long a claimed key may wait for its answer before it is taken for lost: the claim commits with
 * the command, and the answer is stored as it is sent, so only a process that died in between leaves
 * a claim without an answer.
 */
const LOST_ANSWER_MS = 60_000;

interface Claim {
  key: string;
  userId: string;
  /** Set once the command's transaction holding the claim has committed: only then is the answer stored. */
  committed: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyClaim: Claim | null;
  }
}

const IN_FLIGHT = '使用该 Idempotency-Key 的请求正在处理中，请稍后查看结果';

/**
 * Idempotency-Key (draft-ietf-httpapi-idempotency-key-header; as Stripe does): a client may name a
 * mutation; repeating it (a retry after a lost answer) replays the first answer instead of acting again.
 *
 * The key is claimed inside the transaction of the command the request runs — the first statement of
 * the first transaction its handler begins (db/transactionStart.ts) — so that:
 * - concurrent requests with one key act once: the (user, key) primary key lets one claim in; the
 *   others wait for its transaction (PostgreSQL's unique index, SQLite's single writer), find the key
 *   taken and answer 409 without changing anything;
 * - a command that fails leaves no claim (its transaction rolls back with the claim), and neither does
 *   a request refused before its command began (validation, policy): a retry then acts;
 * - the answer of a committed command is stored as it is sent, and a later retry gets it back
 *   (`Idempotency-Replayed: true`); a retry that arrives between the commit and the stored answer
 *   gets 409, as the draft prescribes for a request still being processed.
 * A key reused for another method or path is refused with 422. Keys are kept a day (retention.ts).
 * Without the header, the state checks of each command (status and version) still keep a repeated
 * request from acting twice.
 */
export default fp(async (app) => {
  app.decorateRequest('idempotencyClaim', null);

  // Each route's handler runs with its claim pending for the first transaction it begins; an error
  // handler's transaction (the audit of a refusal) comes after the handler settled and never claims.
  app.addHook('onRoute', (route) => {
    const handler = route.handler as RouteHandlerMethod;
    route.handler = function (this: typeof app, req: FastifyRequest, reply: FastifyReply) {
      const claim = req.idempotencyClaim;
      if (!claim) return handler.call(this, req, reply);
      return withFirstStatement(
        {
          run: async (connection) => {
            const insert = app.db
              .insertInto('idempotency_keys')
              .values({
                key: claim.key,
                user_id: claim.userId,
                route: routeOf(req),
                status_code: IN_PROGRESS,
                body: '',
                created_at: app.clock.now().toISOString(),
              })
              .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
              .compile();
            const result = await connection.executeQuery(insert);
            if (Number(result.numAffectedRows ?? 0) !== 1) throw new AppError('conflict', IN_FLIGHT);
          },
          committed: () => {
            claim.committed = true;
          },
        },
        async () => handler.call(this, req, reply),
      );
    };
  });

  app.addHook('preHandler', async (req, reply) => {
    const key = req.headers['idempotency-key'];
    if (!MUTATIONS.has(req.method) || typeof key !== 'string' || !req.actor) return;
    if (!/^[\w-]{8,100}$/.test(key))
      throw new AppError('bad_request', 'Idempotency-Key 格式不正确（8–100 位字母、数字、下划线或连字符）');
    const seen = await app.db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('user_id', '=', req.actor.userId)
      .where('key', '=', key)
      .executeTakeFirst();
    if (!seen) {
      req.idempotencyClaim = { key, userId: req.actor.userId, committed: false };
      return;
    }
    if (seen.route !== routeOf(req))
      throw new AppError(
        'validation_failed',
        '该 Idempotency-Key 已用于另一请求，请为新的请求使用新的 Idempotency-Key',
      );
    if (Number(seen.status_code) === IN_PROGRESS) {
      const lost = app.clock.now().getTime() - new Date(seen.created_at).getTime() > LOST_ANSWER_MS;
      throw new AppError(
        'conflict',
        lost ? '使用该 Idempotency-Key 的请求已执行，但其应答未能保存；请刷新页面查看结果' : IN_FLIGHT,
      );
    }
    reply.code(Number(seen.status_code)).header('idempotency-replayed', 'true');
    // An answer that was not JSON text (a stream) is not kept: the replay says only how it ended.
    return seen.body === '' ? reply.send() : reply.type('application/json').send(seen.body);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const claim = req.idempotencyClaim;
    if (!claim?.committed) return payload;
    req.idempotencyClaim = null;
    await app.db
      .updateTable('idempotency_keys')
      .set({
        status_code: reply.statusCode,
        body: typeof payload === 'string' ? payload : '',
      })
      .where('user_id', '=', claim.userId)
      .where('key', '=', claim.key)
      .where('status_code', '=', IN_PROGRESS)
      .execute();
    return payload;
  });
});

function routeOf(req: FastifyRequest): string {
  return `${req.method} ${req.url}`;
}
