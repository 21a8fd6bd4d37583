import { expect, it } from 'vitest';
import { describeEachDb } from '../helpers/env.js';
import { helmetHeaders } from '../../src/server/plugins/securityHeaders.js';

// The app's CSP (src/server/app.ts) as helmet renders it.
const CSP =
  "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'none';" +
  "img-src 'self' data: blob:;object-src 'none';script-src 'self';script-src-attr 'none';" +
  "style-src 'self' 'unsafe-inline';connect-src 'self'";

const HELMET = {
  'content-security-policy': CSP,
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

describeEachDb('security headers', (env) => {
  it("sends helmet's headers with the app's CSP on every answer: public, refused and not found", async () => {
    for (const url of ['/api/health', '/api/applications', '/api/no-such-route']) {
      const res = await env().anonymous().get(url);
      expect(res.headers).toMatchObject(HELMET);
      // Not in production: no HSTS.
      expect(res.headers['strict-transport-security']).toBeUndefined();
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it("keeps Swagger UI's own CSP on its pages", async () => {
    const res = await env().anonymous().get('/api/docs/static/index.html');
    expect(res.headers['content-security-policy']).toMatch(
      /^default-src 'self'; base-uri 'self';.*validator\.swagger\.io/,
    );
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });
});

it('computes the same headers as helmet, HSTS included when asked for', () => {
  const { set } = helmetHeaders({ hsts: true });
  const names = set.map(([name]) => name.toLowerCase());
  expect(names).toContain('strict-transport-security');
  expect(Object.fromEntries(set.map(([n, v]) => [n.toLowerCase(), v]))['strict-transport-security']).toBe(
    'max-age=31536000; includeSubDomains',
  );
  expect(helmetHeaders({ hsts: false }).set.map(([n]) => n.toLowerCase())).not.toContain('strict-transport-security');
});
