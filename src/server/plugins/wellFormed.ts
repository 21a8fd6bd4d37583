import fp from 'fastify-plugin';
import { AppError } from '../../domain/errors.js';

/**
 * Refuses any request whose parsed body, query or path parameters hold a string that is not
 * well-formed UTF-16 (a lone surrogate), with 422 before any handler runs. Such a string cannot be
 * stored as it was received (the database keeps U+FFFD), so a hash over the received value — the
 * audit chain's — would no longer match what is stored (issue 11, item 2; found by the OpenAPI fuzz
 * test through POST /api/session {"username":"\ud800"}). NUL is refused likewise.
 */
const MAX_DEPTH = 64;
/**
 * An unpaired surrogate (in unicode mode only those match; String.prototype.isWellFormed is ES2024),
 * or NUL, which PostgreSQL's text cannot hold (it answered 500 on PostgreSQL for /api/applications/%00).
 */
// eslint-disable-next-line no-control-regex -- NUL is the point
const UNSTORABLE = /[\ud800-\udfff\u0000]/u;
const isWellFormed = (s: string) => !UNSTORABLE.test(s);

function illFormedPath(value: unknown, path: string[], depth = 0): string[] | null {
  if (typeof value === 'string') return isWellFormed(value) ? null : path;
  if (!value || typeof value !== 'object' || depth > MAX_DEPTH) return null;
  for (const [k, v] of Object.entries(value)) {
    if (!isWellFormed(k)) return [...path, '(字段名)'];
    const found = illFormedPath(v, [...path, k], depth + 1);
    if (found) return found;
  }
  return null;
}

export default fp(async (app) => {
  app.addHook('preValidation', async (req) => {
    for (const [where, value] of [
      ['params', req.params],
      ['query', req.query],
      ['body', req.body],
    ] as const) {
      const found = illFormedPath(value, []);
      if (found) {
        const path = found.join('.') || where;
        throw new AppError('validation_failed', '请求中含有无效字符（不完整的 Unicode 代理项）', [
          { path, message: '含有无效字符' },
        ]);
      }
    }
  });
});
