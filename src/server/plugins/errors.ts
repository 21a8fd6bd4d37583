import fp from 'fastify-plugin';
import type { FastifyError, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, type ErrorDetail, errorMessage, errorStatus } from '../../domain/errors.js';
import { appendAudit } from '../audit/audit.js';
import { recordSecurityEvent } from '../audit/securityEvents.js';

const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Fastify's own error codes that map onto ours. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_REQ_FILE_TOO_LARGE: 'payload_too_large',
  FST_FILES_LIMIT: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'bad_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad_request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'bad_request',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'bad_request',
};

/**
 * Errors of the multipart parser (@fastify/busboy and its boundary search) on a malformed body: the
 * client's fault, so 400, not 500 (issue 11, item 8; found by the OpenAPI fuzz test). They carry no
 * code, hence the messages.
 */
const MALFORMED_MULTIPART =
  /^(Multipart: Boundary not found|Unexpected end of (multipart data|form)|Malformed part header|The needle cannot have a length bigger than)/;
const isMalformedMultipart = (err: FastifyError, req: FastifyRequest) =>
  !err.statusCode && req.isMultipart() && MALFORMED_MULTIPART.test(err.message ?? '');

/** Turns zod's instancePath ("/basicInfo/head/mobile") into "basicInfo.head.mobile". */
const toPath = (instancePath: string) => instancePath.replace(/^\//, '').replace(/\//g, '.');

/**
 * The one error handler: every error leaves as {"error":{"code","message","details?"}},
 * never with a stack trace. A refused mutation with a session is written to the audit log; one
 * without a session is only counted in security_events (issue 11 item 3).
 */
export default fp(async (app) => {
  app.setErrorHandler(async (err: FastifyError | AppError, req, reply) => {
    let code: ErrorCode;
    let message: string;
    let details: ErrorDetail[] | undefined;
    let attemptsLeft: number | undefined;
    if (err instanceof AppError) {
      ({ code, message, details, attemptsLeft } = err);
    } else if (hasZodFastifySchemaValidationErrors(err)) {
      code = 'validation_failed';
      message = errorMessage.validation_failed;
      details = err.validation.map((v) => ({ path: toPath(v.instancePath), message: v.message ?? '格式不正确' }));
    } else if (err.code && FASTIFY_CODES[err.code]) {
      code = FASTIFY_CODES[err.code]!;
      message = errorMessage[code];
    } else if (isMalformedMultipart(err, req)) {
      code = 'bad_request';
      message = errorMessage.bad_request;
    } else if (err.statusCode === 429) {
      code = 'rate_limited';
      message = errorMessage.rate_limited;
    } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      code = 'bad_request';
      message = errorMessage.bad_request;
    } else {
      req.log.error({ err }, 'unhandled error');
      code = 'internal';
      message = errorMessage.internal;
    }
    const status = errorStatus[code];
    if (MUTATIONS.has(req.method) && status !== 500 && !req.routeOptions.config.skipCsrf) {
      await auditRefusal(req, code).catch((e) => req.log.error({ err: e }, 'audit of refused request failed'));
    }
    return reply.status(status).send({
      error: {
        code,
        message,
        ...(details ? { details } : {}),
        ...(attemptsLeft !== undefined ? { attemptsLeft } : {}),
      },
    });
  });

  app.setNotFoundHandler(async (req, reply) => {
    return reply.status(404).send({ error: { code: 'not_found', message: errorMessage.not_found } });
  });
});

async function auditRefusal(req: FastifyRequest, code: ErrorCode): Promise<void> {
  const ctx = req.ctx();
  if (!ctx.actor) {
    const path = req.url.split('?')[0] ?? '';
    await recordSecurityEvent(req.server.db, { ip: ctx.ip, method: req.method, path, code, now: ctx.now });
    return;
  }
  const url = req.routeOptions.url ?? req.url.split('?')[0];
  await req.server.db.transaction().execute((trx) =>
    appendAudit(trx, ctx, {
      action: 'request.denied',
      outcome: 'failure',
      target:
        req.params && typeof req.params === 'object' && 'id' in req.params
          ? { type: 'request', id: String((req.params as { id: unknown }).id) }
          : undefined,
      summary: { method: req.method, route: url, code },
    }),
  );
}
