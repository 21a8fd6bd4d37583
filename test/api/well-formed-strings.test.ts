import { expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/server/audit/verify.js';
import { buildApplicant } from '../factories.js';
import { describeEachDb } from '../helpers/env.js';

/** Issue 11, item 2: a lone surrogate is refused with 422 and never reaches the audit chain. */
describeEachDb('ill-formed UTF-16', (env) => {
  it('refuses lone surrogates in bodies and queries, and the audit chain stays intact', async () => {
    const { app, db } = env();
    const login = await app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":"\\ud800","password":"Wrong@2026pw"}',
    });
    expect(login.statusCode, login.body).toBe(422);
    expect(login.json().error.details[0].path).toBe('username');
    const c = await env().login((await buildApplicant(db)).username);
    const bad = await c.request({
      method: 'POST',
      url: '/api/applications',
      headers: { 'content-type': 'application/json' },
      payload: '{"batchId":"a\\udfffb","x":{"\\ud800":1}}',
    });
    expect(bad.statusCode, bad.body).toBe(422);
    // NUL cannot be stored in PostgreSQL's text: refused on both databases alike.
    for (const url of ['/api/applications/%00', '/api/orgs?q=a%00b']) {
      const nul = await c.get(url);
      expect(nul.statusCode, `${url} ${nul.body}`).toBe(422);
    }
    const q = await c.get('/api/orgs?q=%ED%A0%80');
    expect(q.statusCode).toBeLessThan(500);
    // A paired surrogate (an emoji) is well-formed and passes this check.
    const ok = await app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":"\\ud83d\\ude00","password":"Wrong@2026pw"}',
    });
    expect(ok.statusCode).toBe(401);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});
