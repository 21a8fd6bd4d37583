import fc from 'fast-check';

/**
 * Bad requests for an OpenAPI operation, generated with fast-check: wrong types, huge strings,
 * ill-formed UTF-16, negative and huge numbers, missing and extra fields, bad ids and enums, deep
 * nesting, odd content types and broken bodies. Where a value is not the one under attack it is a
 * plausible one, so that a request gets past the first check and reaches the deeper ones.
 */

/** The part of JSON Schema that the generated OpenAPI document uses. */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minLength?: number;
  minimum?: number;
  minItems?: number;
  nullable?: boolean;
}

export interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema?: JsonSchema;
}

export interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  /** The JSON body's schema; null when the operation takes none (or a multipart one). */
  body: JsonSchema | null;
}

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

const nest = (depth: number, leaf: unknown, wrap: (v: unknown) => unknown) => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = wrap(v);
  return v;
};

/** Values that are wrong for almost any field. */
export const badValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    true,
    0,
    -1,
    -0.5,
    1.5,
    -1e308,
    1e308,
    Number.MAX_SAFE_INTEGER + 2,
    -(2 ** 63),
    '',
    ' ',
    [],
    {},
    '\ud800',
    'a\udfffb',
    '\udc00\ud800',
    'x'.repeat(100_000),
    '测'.repeat(50_000),
    '😀'.repeat(5_000),
    '\u0000',
    '__proto__',
    '../../../../etc/passwd',
    '<img src=x onerror=alert(1)>',
    "' or 1=1 --",
    '=cmd|"/c calc"!A1',
    '9'.repeat(400),
    '1e309',
    'NaN',
    '2026-02-30T25:61:00Z',
    '00000000-0000-0000-0000-000000000000',
    nest(3000, 1, (v) => ({ a: v })),
    nest(3000, 1, (v) => [v]),
    Array.from({ length: 10_000 }, (_, i) => i),
    { __proto__: null, constructor: { prototype: { admin: true } } },
  ),
  // Ill-formed UTF-16 (a lone surrogate somewhere in an otherwise ordinary string), often: it is the
  // value that broke the audit chain (issue 11, item 2).
  fc
    .tuple(fc.string({ maxLength: 10 }), fc.integer({ min: 0xd800, max: 0xdfff }), fc.string({ maxLength: 10 }))
    .map(([a, code, b]) => a + String.fromCharCode(code) + b),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.object({ maxDepth: 3 }),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 5 }),
);

/** A value the schema accepts, as far as a simple reading of it can tell. */
export function plausible(schema: JsonSchema | undefined, ids: readonly string[]): unknown {
  if (!schema) return 'x';
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const alt = schema.anyOf ?? schema.oneOf;
  if (alt?.length) return plausible(alt.find((s) => s.type !== 'null') ?? alt[0], ids);
  if (schema.allOf?.length) return Object.assign({}, ...schema.allOf.map((s) => plausible(s, ids) as object));
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, s] of Object.entries(schema.properties ?? {})) out[k] = plausible(s, ids);
      return out;
    }
    case 'array':
      return Array.from({ length: Math.min(schema.minItems ?? 1, 5) }, () => plausible(schema.items, ids));
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'string':
      if (schema.format === 'date-time') return '2026-07-01T00:00:00.000Z';
      if (schema.format === 'date') return '2026-07-01';
      if (schema.format === 'email') return 'fuzz@example.com';
      if (schema.format === 'uuid') return ids[0] ?? '00000000-0000-4000-8000-000000000000';
      return '测试'.padEnd(Math.max(schema.minLength ?? 1, 2), '试');
    default:
      return 'x';
  }
}

/** Every property path of an object schema, for picking the field to break. */
function fieldPaths(schema: JsonSchema | undefined, prefix: string[] = [], depth = 0): string[][] {
  if (!schema || depth > 3) return [];
  const out: string[][] = [];
  for (const [k, s] of Object.entries(schema.properties ?? {})) {
    out.push([...prefix, k]);
    out.push(...fieldPaths(s, [...prefix, k], depth + 1));
  }
  return out;
}

function setPath(obj: unknown, path: string[], value: unknown, remove = false): unknown {
  if (path.length === 0) return value;
  const base = obj && typeof obj === 'object' && !Array.isArray(obj) ? { ...(obj as Record<string, unknown>) } : {};
  const [head, ...rest] = path as [string, ...string[]];
  if (rest.length === 0 && remove) delete base[head];
  else base[head] = setPath(base[head], rest, value, remove);
  return base;
}

/** A JSON body: the plausible one with one field broken, removed or joined by extras, or a bad body outright. */
function jsonBody(schema: JsonSchema, ids: readonly string[]): fc.Arbitrary<string> {
  const base = plausible(schema, ids);
  const paths = fieldPaths(schema);
  const asJson = (v: unknown) => JSON.stringify(v) ?? 'null';
  const field = paths.length ? fc.constantFrom(...paths) : fc.constant<string[]>([]);
  return fc.oneof(
    { weight: 5, arbitrary: fc.tuple(field, badValue).map(([p, v]) => asJson(setPath(base, p, v))) },
    { weight: 2, arbitrary: field.map((p) => asJson(setPath(base, p, undefined, true))) },
    {
      weight: 2,
      arbitrary: fc
        .dictionary(fc.string({ unit: 'binary', maxLength: 20 }), badValue, { maxKeys: 4 })
        .map((extra) => asJson({ ...(base as object), ...extra })),
    },
    { weight: 2, arbitrary: badValue.map(asJson) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '',
        '{',
        '{"a":',
        'null',
        '[]',
        '"text"',
        '{"__proto__":{"isAdmin":true}}',
        '{"constructor":{"prototype":{"x":1}}}',
        '{"a":1,"a":2}',
        '\ufeff{}',
        '{"s":"\\ud800"}',
        '{"s":"\\udfff\\ud800"}',
        'x'.repeat(3 * 1024 * 1024),
      ),
    },
  );
}

/** Percent-encoding that also writes lone surrogates (as the invalid UTF-8 of their code points). */
function encode(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff)
      out +=
        `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
    else out += encodeURIComponent(ch);
  }
  return out;
}

const rawSegment = fc.constantFrom(
  '%',
  '%E4%B8',
  '%ED%A0%80',
  '%C0%AE%C0%AE',
  '..%2F..%2Fetc',
  '%00',
  '-1',
  '1e999',
  'x'.repeat(5000),
  '%F0%9F%98%80',
  'a%20b',
  '__proto__',
  'constructor',
);

/** A path parameter: a real id, an unknown one, or a bad one. */
function pathValue(p: Parameter, ids: readonly string[]): fc.Arbitrary<string> {
  const known: string[] = [...ids, '00000000-0000-4000-8000-000000000000'];
  if (p.schema?.enum?.length) known.push(...p.schema.enum.map(String));
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...known).map(encodeURIComponent) },
    { weight: 2, arbitrary: rawSegment },
    { weight: 2, arbitrary: badValue.map((v) => encode(typeof v === 'string' ? v : (JSON.stringify(v) ?? 'x'))) },
  );
}

/** A query string: each parameter left out, plausible, bad, repeated or raw. */
function queryString(params: Parameter[], ids: readonly string[]): fc.Arbitrary<string> {
  const one = (p: Parameter) =>
    fc.oneof(
      fc.constant(''),
      fc.constant(`${p.name}=${encode(String(plausible(p.schema, ids)))}`),
      badValue.map((v) => `${p.name}=${encode(typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))}`),
      rawSegment.map((v) => `${p.name}=${v}`),
      fc.constant(`${p.name}=1&${p.name}=2&${p.name}[]=3`),
      fc.constant(`${p.name}[a][b]=1`),
    );
  return fc
    .tuple(
      fc.tuple(...params.map(one)),
      fc.constantFrom('', '__proto__[x]=1', 'extra=%ED%A0%80', 'a=' + 'b'.repeat(9000)),
    )
    .map(([parts, extra]) => [...parts, extra].filter(Boolean).join('&'));
}

const CONTENT_TYPES = [
  'application/json',
  'application/json',
  'application/json',
  'application/json; charset=latin1',
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/xml',
  'multipart/form-data',
  'multipart/form-data; boundary=X',
  'application/octet-stream',
  '',
] as const;

/** Multipart bodies, broken in the ways a client or an attacker can break them. */
const multipartBody = fc.constantFrom(
  {
    type: 'multipart/form-data; boundary=X',
    body: '--X\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF',
  },
  { type: 'multipart/form-data; boundary=X', body: '--X--\r\n' },
  { type: 'multipart/form-data; boundary=X', body: 'garbage' },
  { type: 'multipart/form-data; boundary=X', body: '' },
  { type: 'multipart/form-data', body: '--X\r\n\r\n' },
  {
    type: 'multipart/form-data; boundary=X',
    body: '--X\r\nContent-Disposition: form-data; name="kind"\r\n\r\n\ud800\r\n--X\r\nContent-Disposition: form-data; name="file"; filename="\ud800.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--X--\r\n',
  },
  {
    type: 'multipart/form-data; boundary=X',
    body:
      '--X\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n' +
      'A'.repeat(1000) +
      '\r\n--X--\r\n',
  },
  { type: 'multipart/form-data; boundary=' + 'B'.repeat(500), body: '--' + 'B'.repeat(500) + '--' },
);

/** Bad requests for one operation. */
export function badRequests(op: Operation, ids: readonly string[]): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const url = fc
    .tuple(fc.tuple(...pathParams.map((p) => pathValue(p, ids))), queryString(queryParams, ids))
    .map(([values, q]) => {
      let path = op.path;
      pathParams.forEach((p, i) => (path = path.replace(`{${p.name}}`, values[i]!)));
      return q ? `${path}?${q}` : path;
    });
  if (op.method === 'GET' || op.method === 'DELETE')
    return url.map((u) => ({ method: op.method, url: u, headers: {} }));
  const body: fc.Arbitrary<{ type: string; body: string }> = op.body
    ? fc.tuple(fc.constantFrom(...CONTENT_TYPES), jsonBody(op.body, ids)).map(([type, body]) => ({ type, body }))
    : fc.oneof(
        multipartBody,
        fc.constantFrom(...CONTENT_TYPES).map((type) => ({ type, body: '{}' })),
      );
  return fc.tuple(url, body).map(([u, b]): FuzzRequest => {
    const headers: Record<string, string> = {};
    if (b.type) headers['content-type'] = b.type;
    return { method: op.method, url: u, headers, payload: b.body };
  });
}

/** The operations of an OpenAPI document. */
export function operations(doc: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(item)) {
      const content = (op.requestBody as { content?: Record<string, { schema?: JsonSchema }> } | undefined)?.content;
      out.push({
        method: method.toUpperCase(),
        path,
        parameters: (op.parameters as Parameter[] | undefined) ?? [],
        body: content?.['application/json']?.schema ?? null,
      });
    }
  return out;
}
