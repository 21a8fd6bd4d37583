import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../domain/errors.js';
import type { ReceivedUpload } from '../files/store.js';

/** The parser's own limits keep their status (413); every other parser error is the client's (400). */
const PARSER_LIMITS = new Set(['FST_REQ_FILE_TOO_LARGE', 'FST_FILES_LIMIT', 'FST_PARTS_LIMIT', 'FST_FIELDS_LIMIT']);

const MALFORMED = '上传内容格式不正确（multipart/form-data 不完整或格式有误），请重新选择文件上传';

/** A multipart parser error as the client's mistake: 400 with a Chinese message, never 500. */
export function multipartError(err: unknown): unknown {
  if (err instanceof AppError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && PARSER_LIMITS.has(code)) return err;
  return new AppError('bad_request', MALFORMED);
}

/**
 * The reading of a multipart upload (fields first, then one file), deferred: the upload commands
 * call it only after they have checked the session's role, jurisdiction and the record's state, so a
 * refused request never has its body parsed or stored (issue 11, item 8). Errors of a malformed body
 * — while finding the file or while streaming it — answer 400.
 */
export function uploadReceiver(
  req: FastifyRequest,
  what: { notMultipart: string; missingFile: string },
): () => Promise<ReceivedUpload> {
  return async () => {
    if (!req.isMultipart()) throw new AppError('bad_request', what.notMultipart);
    let part: Awaited<ReturnType<FastifyRequest['file']>>;
    try {
      part = await req.file();
    } catch (err) {
      throw multipartError(err);
    }
    if (!part) throw new AppError('validation_failed', what.missingFile, [{ path: 'file', message: what.missingFile }]);
    const fields: Record<string, string> = {};
    for (const [name, value] of Object.entries(part.fields)) {
      if (value && !Array.isArray(value) && value.type === 'field') fields[name] = String(value.value);
    }
    // Iterating (rather than piping) also sees a file stream the parser destroyed before we got it,
    // as when the body ends inside the file; destroying this stream ends the parsing too.
    const file = part.file;
    async function* guarded() {
      try {
        for await (const chunk of file) yield chunk as Buffer;
      } catch (err) {
        throw multipartError(err);
      }
    }
    return { fields, fileName: part.filename, stream: Readable.from(guarded(), { objectMode: false }) };
  };
}
