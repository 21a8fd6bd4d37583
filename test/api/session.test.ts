import { expect, it } from 'vitest';
import { describeEachDb, TEST_PASSWORD } from '../helpers/env.js';
import { buildCityReviewer, buildUser, NANJING } from '../factories.js';
import { MINUTE } from '../../src/server/clock.js';

describeEachDb('session', (env) => {
  it('reports health with the database kind and the Node.js runtime (24, the supported LTS)', async () => {
    const res = await env().anonymous().get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'ok',
      db: env().dialect,
      database: 'ok',
      files: 'ok',
      node: process.version,
    });
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(24);
  });

  it('logs in, returns the user and a CSRF token, and sets an HttpOnly SameSite=Strict cookie', async () => {
    const u = await buildCityReviewer(env().db);
    const res = await env().anonymous().post('/api/session', { username: u.username, password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toMatchObject({ id: u.id, username: u.username, roles: ['city_reviewer'], orgId: NANJING });
    expect(body.csrfToken).toMatch(/.{20,}/);
    const cookie = res.cookies.find((c) => c.name === 'msf_sid')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    const me = await env().app.inject({
      method: 'GET',
      url: '/api/session',
      headers: { cookie: `msf_sid=${cookie.value}` },
    });
    expect(me.json().user.username).toBe(u.username);
  });

  it('answers 401 with a Chinese message for a wrong password and an unknown user', async () => {
    const u = await buildCityReviewer(env().db);
    for (const payload of [
      { username: u.username, password: 'Wrong@123' },
      { username: 'nobody-here', password: 'x' },
    ]) {
      const res = await env().anonymous().post('/api/session', payload);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('invalid_credentials');
      expect(res.json().error.message).toBe('用户名或密码错误，还可尝试 4 次（连续输错 5 次，账号将锁定 15 分钟）');
      expect(res.json().error.attemptsLeft).toBe(4);
    }
  });

  it('locks the account for 15 minutes after five failures, and unlocks after', async () => {
    const u = await buildCityReviewer(env().db);
    const anon = env().anonymous();
    for (let i = 0; i < 5; i++) {
      const r = await anon.post('/api/session', { username: u.username, password: 'Wrong@123' });
      expect(r.statusCode).toBe(401);
    }
    // A locked account answers like a wrong password (issue 11 item 7), even to the right one.
    const locked = await anon.post('/api/session', { username: u.username, password: TEST_PASSWORD });
    expect(locked.statusCode).toBe(401);
    expect(locked.json().error.code).toBe('invalid_credentials');
    env().clock.advance(14 * MINUTE);
    expect((await anon.post('/api/session', { username: u.username, password: TEST_PASSWORD })).statusCode).toBe(401);
    env().clock.advance(2 * MINUTE);
    expect((await anon.post('/api/session', { username: u.username, password: TEST_PASSWORD })).statusCode).toBe(200);
  });

  it('requires the CSRF header on mutations', async () => {
    const u = await buildCityReviewer(env().db);
    const client = await env().login(u.username);
    const without = await client.request({ method: 'DELETE', url: '/api/session', headers: { 'x-csrf-token': '' } });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('csrf_invalid');
    const wrong = await client.request({
      method: 'DELETE',
      url: '/api/session',
      headers: { 'x-csrf-token': 'forged' },
    });
    expect(wrong.statusCode).toBe(403);
    expect((await client.get('/api/session')).statusCode).toBe(200);
    expect((await client.delete('/api/session')).statusCode).toBe(200);
    expect((await client.get('/api/session')).statusCode).toBe(401);
  });

  it('ends a session idle for more than 30 minutes', async () => {
    const u = await buildCityReviewer(env().db);
    const client = await env().login(u.username);
    env().clock.advance(29 * MINUTE);
    expect((await client.get('/api/session')).statusCode).toBe(200);
    env().clock.advance(29 * MINUTE); // activity above reset the idle timer
    expect((await client.get('/api/session')).statusCode).toBe(200);
    env().clock.advance(31 * MINUTE);
    const res = await client.get('/api/session');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('session_expired');
  });

  it('forces a password change at first login, enforcing complexity', async () => {
    const u = await buildUser(env().db, { roles: ['city_reviewer'], orgId: NANJING, mustChangePassword: true });
    const client = await env().login(u.username);
    expect((await client.get('/api/session')).json().user.mustChangePassword).toBe(true);
    const blocked = await client.get('/api/health'); // public routes stay open
    expect(blocked.statusCode).toBe(200);
    const weak = await client.post('/api/session/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'abcdefgh',
    });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error.details[0].path).toBe('newPassword');
    expect(weak.json().error.details[0].message).toMatch(/至少 8 位/);
    const ok = await client.post('/api/session/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'New#Pass2026',
    });
    expect(ok.statusCode).toBe(200);
    expect((await client.get('/api/session')).json().user.mustChangePassword).toBe(false);
    expect(
      (await env().anonymous().post('/api/session', { username: u.username, password: 'New#Pass2026' })).statusCode,
    ).toBe(200);
  });

  it('errors never carry a stack trace and unknown API paths answer 404 JSON', async () => {
    expect((await env().anonymous().get('/api/does-not-exist')).statusCode).toBe(401);
    const u = await buildCityReviewer(env().db);
    const res = await (await env().login(u.username)).get('/api/does-not-exist');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'not_found', message: '请求的记录不存在' } });
    const bad = await env()
      .anonymous()
      .request({
        method: 'POST',
        url: '/api/session',
        payload: '{bad',
        headers: { 'content-type': 'application/json' },
      });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).not.toMatch(/at .*\.ts/);
  });
});
