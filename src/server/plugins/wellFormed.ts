import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { AppError, type ErrorDetail } from '../../domain/errors.js';

/**
 * Refuses strings that are not well-formed Unicode (a lone UTF-16 surrogate, or percent-escapes that
 * do not decode as UTF-8) at every entry: JSON bodies, query strings, path parameters, multipart
 * field values, field names and file names. Such a string cannot be stored and hashed as the same
 * bytes (the database keeps U+FFFD), so it is refused with 422 before any route or command sees it.
 */
declare global {
  interface String {
    /** ES2024; present in Node 20 and later. */
    isWellFormed(): boolean;
  }
}

export const ILL_FORMED_MESSAGE = '包含无效的字符编码（不完整的 Unicode 字符或空字符），请检查后重新输入';

/**
 * Well-formed UTF-16 and no NUL: PostgreSQL's text cannot hold NUL (it answered 500 for
 * /api/applications/%00), and a lone surrogate is stored as U+FFFD, unlike what was hashed.
 */
export const isStorable = (s: string): boolean => s.isWellFormed() && !s.includes('\u0000');

/** Marks a parsed query whose raw text held a percent-escape that is not UTF-8. */
const ILL_FORMED_QUERY = Symbol('ill-formed query');

const MAX_DEPTH = 64;

/** The path of the first string (value or key) that is not well-formed, or null. */
export function findIllFormed(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return isStorable(value) ? null : path;
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = findIllFormed(v, `${path}.${i}`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  if (Buffer.isBuffer(value)) return null;
  for (const [k, v] of Object.entries(value)) {
    const at = path ? `${path}.${k}` : k;
    if (!isStorable(k)) return path || 'body';
    const found = findIllFormed(v, at, depth + 1);
    if (found) return found;
  }
  return null;
}

function refuse(path: string): never {
  const details: ErrorDetail[] = [{ path, message: ILL_FORMED_MESSAGE }];
  throw new AppError('validation_failed', ILL_FORMED_MESSAGE, details);
}

function check(value: unknown, path: string): void {
  const found = findIllFormed(value, path);
  if (found !== null) refuse(found);
}

const decodeComponent = (s: string): string | null => {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return null;
  }
};

/**
 * The query string parser: like Fastify's default (repeated keys become arrays, "+" is a space), but a
 * percent-escape that does not decode as UTF-8 (e.g. %ED%A0%80, an encoded surrogate) marks the whole
 * query as ill-formed instead of being passed on undecoded.
 */
export function parseQueryStrict(query: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  if (!query) return out;
  for (const pair of query.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const key = decodeComponent(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? '' : decodeComponent(pair.slice(eq + 1));
    if (key === null || value === null) {
      Object.defineProperty(out, ILL_FORMED_QUERY, { value: true, enumerable: false });
      continue;
    }
    const prev = out[key];
    if (prev === undefined) out[key] = value;
    else if (Array.isArray(prev)) prev.push(value);
    else out[key] = [prev, value];
  }
  return out;
}

interface PartLike {
  fieldname?: string;
  filename?: string;
  fields?: Record<string, unknown>;
}

/** Checks a multipart part: its field name, its file name and the fields read so far. */
export function checkMultipartPart(part: PartLike): void {
  if (part.fieldname !== undefined) check(part.fieldname, 'file');
  if (part.filename !== undefined) check(part.filename, 'fileName');
  for (const [name, field] of Object.entries(part.fields ?? {})) {
    if (!isStorable(name)) refuse('fields');
    for (const f of Array.isArray(field) ? field : [field]) {
      const v = f as { type?: string; value?: unknown; filename?: string };
      if (v.type === 'field') check(v.value, name);
      else if (v.filename !== undefined) check(v.filename, 'fileName');
    }
  }
}

export default fp(async (app) => {
  app.addHook('preValidation', async (req: FastifyRequest) => {
    const query = req.query as Record<PropertyKey, unknown> | undefined;
    if (query && query[ILL_FORMED_QUERY]) refuse('query');
    check(req.params, '');
    check(req.query, '');
    if (req.body !== undefined) check(req.body, '');
    // Multipart bodies are read by the handler: every part it reads is checked as it arrives.
    if (req.isMultipart()) {
      const read = req.file.bind(req);
      const checked = async (...args: Parameters<typeof read>) => {
        const part = await read(...args);
        if (part) checkMultipartPart(part as PartLike);
        return part;
      };
      req.file = checked as typeof req.file;
    }
  });
});
