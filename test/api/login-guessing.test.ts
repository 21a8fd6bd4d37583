import { expect, it } from 'vitest';
import { describeEachDb, TEST_PASSWORD } from '../helpers/env.js';
import { buildCityReviewer } from '../factories.js';
import { MINUTE } from '../../src/server/clock.js';
import { loadConfig } from '../../src/server/config.js';

const SAME_WORDING = '连续输错 5 次，账号将锁定 15 分钟';
const LOCKED_WORDING = '用户名或密码错误，已连续输错 5 次，请 15 分钟后再试';

describeEachDb('guessing passwords (issue 11 item 7)', (env) => {
  const loginFrom = (remoteAddress: string, username: string, password: string) =>
    env().app.inject({ method: 'POST', url: '/api/session', remoteAddress, payload: { username, password } });

  it('limits failed logins per client address: the 31st attempt in 10 minutes answers 429, even with the right password', async () => {
    const u = await buildCityReviewer(env().db);
    for (let i = 0; i < 30; i++) {
      const r = await loginFrom('10.9.0.1', `nobody-${i}`, 'Wrong@123');
      expect(r.statusCode).toBe(401);
    }
    const limited = await loginFrom('10.9.0.1', u.username, TEST_PASSWORD);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toMatchObject({
      code: 'rate_limited',
      message: expect.stringMatching(/登录失败次数过多/),
    });
    // Another address is not affected; the limited one may try again once the window has passed.
    expect((await loginFrom('10.9.0.2', u.username, TEST_PASSWORD)).statusCode).toBe(200);
    env().clock.advance(10 * MINUTE + 1000);
    expect((await loginFrom('10.9.0.1', u.username, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('answers a wrong password, an unknown user and a locked account with the same 401, words and attempts left', async () => {
    const u = await buildCityReviewer(env().db);
    const known: Awaited<ReturnType<typeof loginFrom>>[] = [];
    const unknown: Awaited<ReturnType<typeof loginFrom>>[] = [];
    for (let i = 0; i < 5; i++) {
      known.push(await loginFrom('10.9.1.1', u.username, 'Wrong@123'));
      unknown.push(await loginFrom('10.9.1.2', 'nobody-at-all', 'Wrong@123'));
    }
    // Locked now: the right password gets the same answer as a wrong one, and so does the unknown name.
    known.push(await loginFrom('10.9.1.1', u.username, TEST_PASSWORD));
    unknown.push(await loginFrom('10.9.1.2', 'nobody-at-all', TEST_PASSWORD));
    const left = [4, 3, 2, 1, 0, 0];
    known.forEach((r, i) => {
      expect(r.statusCode).toBe(401);
      expect(r.json()).toEqual(unknown[i]!.json());
      expect(r.json().error).toMatchObject({ code: 'invalid_credentials', attemptsLeft: left[i] });
    });
    expect(known[0]!.json().error.message).toBe(`用户名或密码错误，还可尝试 4 次（${SAME_WORDING}）`);
    expect(known[4]!.json().error.message).toBe(LOCKED_WORDING);
    expect(known[5]!.json().error.message).toBe(LOCKED_WORDING);
    // Both count again after the lock.
    env().clock.advance(16 * MINUTE);
    expect((await loginFrom('10.9.1.2', 'nobody-at-all', 'x')).json().error.attemptsLeft).toBe(4);
    // The audit log keeps the real reason.
    const reasons = await env()
      .db.selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'session.login')
      .where('target_id', '=', u.id)
      .orderBy('seq')
      .execute();
    expect(reasons.map((r) => JSON.parse(r.summary).reason)).toEqual([
      ...Array(5).fill('invalid_credentials'),
      'account_locked',
    ]);
    env().clock.advance(16 * MINUTE);
    expect((await loginFrom('10.9.1.1', u.username, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('ends the session after five wrong current passwords in the password change', async () => {
    const u = await buildCityReviewer(env().db);
    const c = await env().login(u.username);
    for (let i = 1; i <= 4; i++) {
      const r = await c.post('/api/session/password', { currentPassword: 'Wrong@1234', newPassword: 'New#Pass2026' });
      expect(r.statusCode).toBe(422);
      expect(r.json().error.details[0]).toEqual({
        path: 'currentPassword',
        message: `当前密码不正确（还可尝试 ${5 - i} 次）`,
      });
    }
    const fifth = await c.post('/api/session/password', { currentPassword: 'Wrong@1234', newPassword: 'New#Pass2026' });
    expect(fifth.statusCode).toBe(401);
    expect(fifth.json().error.message).toMatch(/会话已结束/);
    expect((await c.get('/api/session')).statusCode).toBe(401);
    const sessions = await env().db.selectFrom('sessions').select('id').where('user_id', '=', u.id).execute();
    expect(sessions).toHaveLength(0);
    const audited = await env()
      .db.selectFrom('audit_log')
      .select(['outcome', 'summary'])
      .where('action', '=', 'session.password_change')
      .where('target_id', '=', u.id)
      .execute();
    expect(audited).toHaveLength(5);
    expect(audited.every((a) => a.outcome === 'failure')).toBe(true);
    // The password is unchanged, and a new session starts counting afresh.
    const again = await env().login(u.username);
    const ok = await again.post('/api/session/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'New#Pass2026',
    });
    expect(ok.statusCode).toBe(200);
  });
});

describeEachDb(
  'one trusted proxy hop (issue 11 item 6)',
  (env) => {
    /** A request through the proxy at 127.0.0.1, which appended the real client's address. */
    const viaProxy = (forged: string, client: string, payload: unknown) =>
      env().app.inject({
        method: 'POST',
        url: '/api/session',
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': `${forged}, ${client}` },
        payload: payload as Record<string, string>,
      });

    it('a forged X-Forwarded-For neither escapes the per-address limit nor enters the audit log', async () => {
      for (let i = 0; i < 30; i++) {
        const r = await viaProxy(`203.0.113.${i}`, '198.51.100.7', { username: `ghost-${i}`, password: 'x' });
        expect(r.statusCode).toBe(401);
      }
      const limited = await viaProxy('203.0.113.99', '198.51.100.7', { username: 'ghost', password: 'x' });
      expect(limited.statusCode).toBe(429);
      const ips = await env()
        .db.selectFrom('audit_log')
        .select('ip')
        .where('action', '=', 'session.login')
        .where('actor_name', 'like', 'ghost-%')
        .execute();
      expect(ips).toHaveLength(30);
      expect(new Set(ips.map((r) => r.ip))).toEqual(new Set(['198.51.100.7']));
    });
  },
  { TRUST_PROXY: '1' },
);

describeEachDb(
  'trusted proxies by address (issue 11 item 6)',
  (env) => {
    it('takes the last hop that is not a trusted proxy as the client', async () => {
      const u = await buildCityReviewer(env().db);
      const res = await env().app.inject({
        method: 'POST',
        url: '/api/session',
        remoteAddress: '10.0.0.5',
        headers: { 'x-forwarded-for': '203.0.113.1, 198.51.100.9, 10.0.0.4' },
        payload: { username: u.username, password: TEST_PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      const row = await env()
        .db.selectFrom('sessions')
        .select('ip')
        .where('user_id', '=', u.id)
        .executeTakeFirstOrThrow();
      expect(row.ip).toBe('198.51.100.9');
    });
  },
  { TRUST_PROXY: '10.0.0.0/8, ::1' },
);

it('validates TRUST_PROXY at start', () => {
  const load = (TRUST_PROXY: string) => () => loadConfig({ NODE_ENV: 'test', TRUST_PROXY });
  for (const ok of ['0', '1', '2', '10.0.0.1', '10.0.0.0/8,192.168.1.0/24', 'fd00::/8, 127.0.0.1'])
    expect(load(ok)).not.toThrow();
  for (const bad of ['yes', '10.0.0.0/33', '10.0.0', '1,', 'fd00::/129', '99'])
    expect(load(bad)).toThrow(/TRUST_PROXY/);
});
