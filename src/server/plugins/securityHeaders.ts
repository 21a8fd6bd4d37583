import type { IncomingMessage, ServerResponse } from 'node:http';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The headers helmet (a direct dependency, through its documented Connect-style middleware) sets for
 * the options, computed once: the middleware is run against a recording response. The options must not depend on the request (no CSP directive functions, no
 * nonces) — ours do not.
 */
export function helmetHeaders(options: Readonly<HelmetOptions>): { set: [string, string][]; removed: string[] } {
  const headers = new Map<string, [string, string]>();
  const removed: string[] = [];
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.set(name.toLowerCase(), [name, Array.isArray(value) ? value.join(', ') : String(value)]);
      return recorder;
    },
    removeHeader(name: string) {
      headers.delete(name.toLowerCase());
      removed.push(name);
    },
    getHeader(name: string) {
      return headers.get(name.toLowerCase())?.[1];
    },
  };
  let failed: unknown;
  helmet(options)({ headers: {} } as IncomingMessage, recorder as unknown as ServerResponse, (err) => {
    failed = err;
  });
  if (failed) throw failed instanceof Error ? failed : new Error(String(failed));
  return { set: [...headers.values()], removed };
}

/**
 * The security headers of helmet on every response, as @fastify/helmet (no longer a dependency) set them (on the raw
 * response in onRequest, so that a route or plugin may still override one, as Swagger UI does with
 * its own CSP), but computed once at start instead of rebuilding helmet's middleware for every
 * request (bench/README.md, issue 7).
 */
export default fp<HelmetOptions>(
  async (app, options) => {
    const { set, removed } = helmetHeaders(options);
    app.addHook('onRequest', (_req, reply, done) => {
      const res = reply.raw;
      for (const name of removed) res.removeHeader(name);
      for (const [name, value] of set) res.setHeader(name, value);
      done();
    });
  },
  { name: 'security-headers' },
);
