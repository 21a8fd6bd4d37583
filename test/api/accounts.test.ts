import { expect, it } from 'vitest';
import { describeEachDb, TEST_PASSWORD } from '../helpers/env.js';
import { buildAdmin, buildCityReviewer, buildUser, JS_DEPT_ID, NANJING } from '../factories.js';
import { cityId } from '../../src/server/db/seed/reference-orgs.js';
import { resetAdminPassword } from '../../src/server/commands/accounts/resetAdminPassword.js';

describeEachDb('accounts (security administrator)', (env) => {
  it('creates an account with a temporary password that must be changed at first login', async () => {
    const sec = await env().login((await buildAdmin(env().db, 'security_admin')).username);
    const res = await sec.post('/api/accounts', {
      username: 'nj-new-reviewer',
      displayName: '新经办人',
      orgId: NANJING,
      roles: ['city_reviewer'],
    });
    expect(res.statusCode).toBe(200);
    const { account, temporaryPassword } = res.json();
    expect(account).toMatchObject({
      username: 'nj-new-reviewer',
      roles: ['city_reviewer'],
      status: 'active',
      mustChangePassword: true,
    });
    const login = await env()
      .anonymous()
      .post('/api/session', { username: 'nj-new-reviewer', password: temporaryPassword });
    expect(login.statusCode).toBe(200);
    expect(login.json().user.mustChangePassword).toBe(true);
    const audit = await env()
      .db.selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'account.create')
      .where('target_id', '=', account.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.summary).not.toContain(temporaryPassword);
  });

  it('blocks every other API while the password change is pending', async () => {
    const u = await buildUser(env().db, { roles: ['security_admin'], orgId: JS_DEPT_ID, mustChangePassword: true });
    const client = await env().login(u.username);
    const res = await client.get('/api/accounts');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('password_change_required');
  });

  it('refuses role sets that break the separation of the three administrators', async () => {
    const sec = await env().login((await buildAdmin(env().db, 'security_admin')).username);
    const cases = [
      // Administrator roles are never given online (三员分立): 403 before any other check.
      { roles: ['system_admin', 'audit_admin'], orgId: JS_DEPT_ID, status: 403, msg: /只能由运维人员在服务器上/ },
      {
        roles: ['security_admin', 'province_officer'],
        orgId: JS_DEPT_ID,
        status: 403,
        msg: /只能由运维人员在服务器上/,
      },
      { roles: ['acceptance_clerk'], orgId: NANJING, status: 422, msg: /不适用于该类单位/ },
    ];
    for (const [i, c] of cases.entries()) {
      const res = await sec.post('/api/accounts', {
        username: `bad-combo-${i}`,
        displayName: '测试',
        orgId: c.orgId,
        roles: c.roles,
      });
      expect(res.statusCode).toBe(c.status);
      const text = [
        res.json().error.message,
        ...(res.json().error.details ?? []).map((d: { message: string }) => d.message),
      ];
      expect(text.join()).toMatch(c.msg);
    }
    const n = await env().db.selectFrom('users').select('id').where('username', 'like', 'bad-combo-%').execute();
    expect(n).toHaveLength(0);
    const target = await buildCityReviewer(env().db);
    const put = await sec.put(`/api/accounts/${target.id}/roles`, { roles: ['city_reviewer', 'audit_admin'] });
    expect(put.statusCode).toBe(403);
    const twoWorkflow = await sec.put(`/api/accounts/${target.id}/roles`, { roles: ['city_reviewer', 'applicant'] });
    expect(twoWorkflow.statusCode).toBe(422);
    const roles = await env().db.selectFrom('user_roles').select('role').where('user_id', '=', target.id).execute();
    expect(roles.map((r) => r.role)).toEqual(['city_reviewer']);
  });

  it('三员分立: no online administrator manages an administrator account; admin:reset-password does, on the server (issue 11 item 5)', async () => {
    const db = env().db;
    const sec = await env().login((await buildAdmin(db, 'security_admin')).username);
    const auditor = await buildAdmin(db, 'audit_admin');
    const sysadmin = await buildAdmin(db, 'system_admin');
    const otherSec = await buildAdmin(db, 'security_admin');
    for (let i = 0; i < 5; i++)
      await env().anonymous().post('/api/session', { username: auditor.username, password: 'Wrong@1234' });
    const before = await db.selectFrom('users').select(['id', 'version', 'password_hash', 'status']).execute();
    for (const target of [auditor, sysadmin, otherSec]) {
      for (const action of ['reset-password', 'unlock', 'disable', 'enable']) {
        const res = await sec.post(`/api/accounts/${target.id}/actions/${action}`);
        expect(res.statusCode, `${action} ${target.username}`).toBe(403);
        expect(res.json().error.message).toMatch(/服务器上用命令行/);
        expect(res.json()).not.toHaveProperty('temporaryPassword');
      }
      expect((await sec.put(`/api/accounts/${target.id}/roles`, { roles: ['province_officer'] })).statusCode).toBe(403);
      expect((await sec.patch(`/api/accounts/${target.id}`, { version: 1, displayName: '改名' })).statusCode).toBe(403);
    }
    // A second security administrator cannot be created (it could then move the first into audit_admin).
    const second = await sec.post('/api/accounts', {
      username: 'second-secadmin',
      displayName: '第二安全管理员',
      orgId: JS_DEPT_ID,
      roles: ['security_admin'],
    });
    expect(second.statusCode).toBe(403);
    expect(await db.selectFrom('users').select(['id', 'version', 'password_hash', 'status']).execute()).toEqual(before);
    // The list offers no action on administrator accounts, and every action on a workflow account.
    const list = await sec.get('/api/accounts?pageSize=100');
    const byId = new Map(
      list.json().items.map((a: { id: string; allowedActions: string[] }) => [a.id, a.allowedActions]),
    );
    expect(byId.get(auditor.id)).toEqual([]);
    expect(byId.get(sysadmin.id)).toEqual([]);
    const reviewer = await buildCityReviewer(db);
    const one = await sec.get(`/api/accounts?q=${reviewer.username}`);
    expect(one.json().items[0].allowedActions).toEqual(['edit', 'roles', 'disable', 'reset-password']);

    // On the server: a new password, to be changed at the next login, the lock lifted, audited.
    await resetAdminPassword(db, auditor.username, 'Reset#Audit2026', env().clock.now());
    const login = await env()
      .anonymous()
      .post('/api/session', { username: auditor.username, password: 'Reset#Audit2026' });
    expect(login.statusCode).toBe(200);
    expect(login.json().user.mustChangePassword).toBe(true);
    const audit = await db
      .selectFrom('audit_log')
      .select(['actor_name', 'summary'])
      .where('action', '=', 'account.reset_password')
      .where('target_id', '=', auditor.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_name).toBe('cli');
    expect(audit[0]!.summary).not.toContain('Reset#Audit2026');
    await expect(resetAdminPassword(db, reviewer.username, 'Reset#Audit2026', env().clock.now())).rejects.toThrow(
      /not an administrator/,
    );
    await expect(resetAdminPassword(db, sysadmin.username, 'weak', env().clock.now())).rejects.toThrow(
      /ADMIN_PASSWORD/,
    );
  });

  it('only the security administrator manages accounts; the other administrators get 403', async () => {
    for (const role of ['system_admin', 'audit_admin'] as const) {
      const c = await env().login((await buildAdmin(env().db, role)).username);
      expect((await c.get('/api/accounts')).statusCode).toBe(403);
      const res = await c.post('/api/accounts', {
        username: `x-${role}`,
        displayName: 'x',
        orgId: NANJING,
        roles: ['city_reviewer'],
      });
      expect(res.statusCode).toBe(403);
    }
    const reviewer = await env().login((await buildCityReviewer(env().db)).username);
    expect((await reviewer.get('/api/accounts')).statusCode).toBe(403);
  });

  it('disables (ending sessions), enables, unlocks and resets passwords', async () => {
    const sec = await env().login((await buildAdmin(env().db, 'security_admin')).username);
    const target = await buildCityReviewer(env().db);
    const targetClient = await env().login(target.username);
    expect((await sec.post(`/api/accounts/${target.id}/actions/disable`)).json().account.status).toBe('disabled');
    expect((await targetClient.get('/api/session')).statusCode).toBe(401);
    const disabledLogin = await env()
      .anonymous()
      .post('/api/session', { username: target.username, password: TEST_PASSWORD });
    expect(disabledLogin.statusCode).toBe(403);
    expect(disabledLogin.json().error.code).toBe('account_disabled');
    expect((await sec.post(`/api/accounts/${target.id}/actions/disable`)).statusCode).toBe(409);
    expect((await sec.post(`/api/accounts/${target.id}/actions/enable`)).json().account.status).toBe('active');

    for (let i = 0; i < 5; i++)
      await env().anonymous().post('/api/session', { username: target.username, password: 'Wrong@1234' });
    const list = await sec.get(`/api/accounts?q=${target.username}`);
    expect(list.json().items[0].locked).toBe(true);
    expect((await sec.post(`/api/accounts/${target.id}/actions/unlock`)).json().account.locked).toBe(false);
    expect(
      (await env().anonymous().post('/api/session', { username: target.username, password: TEST_PASSWORD })).statusCode,
    ).toBe(200);

    const reset = await sec.post(`/api/accounts/${target.id}/actions/reset-password`);
    const temp = reset.json().temporaryPassword;
    expect(temp).toMatch(/.{12}/);
    expect(
      (await env().anonymous().post('/api/session', { username: target.username, password: TEST_PASSWORD })).statusCode,
    ).toBe(401);
    const after = await env().anonymous().post('/api/session', { username: target.username, password: temp });
    expect(after.json().user.mustChangePassword).toBe(true);
  });

  it('an administrator cannot change its own roles or disable itself', async () => {
    const me = await buildAdmin(env().db, 'security_admin');
    const sec = await env().login(me.username);
    expect((await sec.put(`/api/accounts/${me.id}/roles`, { roles: ['security_admin'] })).statusCode).toBe(403);
    expect((await sec.post(`/api/accounts/${me.id}/actions/disable`)).statusCode).toBe(403);
    expect((await sec.post(`/api/accounts/${me.id}/actions/reset-password`)).statusCode).toBe(403);
  });

  it('a provincial security administrator does not see accounts of another province (404)', async () => {
    const sec = await env().login((await buildAdmin(env().db, 'security_admin')).username);
    const other = await buildUser(env().db, { roles: ['province_officer'], orgId: 'prov-330000' });
    expect((await sec.post(`/api/accounts/${other.id}/actions/disable`)).statusCode).toBe(404);
    const list = await sec.get(`/api/accounts?q=${other.username}`);
    expect(list.json().total).toBe(0);
    const row = await env()
      .db.selectFrom('users')
      .select('status')
      .where('id', '=', other.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('active');
  });

  it('rejects a stale version when editing', async () => {
    const sec = await env().login((await buildAdmin(env().db, 'security_admin')).username);
    const target = await buildCityReviewer(env().db, cityId('320200'));
    expect((await sec.patch(`/api/accounts/${target.id}`, { version: 1, displayName: '改名一' })).statusCode).toBe(200);
    const stale = await sec.patch(`/api/accounts/${target.id}`, { version: 1, displayName: '改名二' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    const row = await env()
      .db.selectFrom('users')
      .select('display_name')
      .where('id', '=', target.id)
      .executeTakeFirstOrThrow();
    expect(row.display_name).toBe('改名一');
  });

  it('lists cities publicly in official order, but nothing else without a session', async () => {
    const res = await env().anonymous().get('/api/orgs?kind=city');
    expect(res.statusCode).toBe(200);
    const names = res.json().items.map((o: { shortName: string }) => o.shortName);
    expect(names).toEqual([
      '南京市',
      '无锡市',
      '徐州市',
      '常州市',
      '苏州市',
      '南通市',
      '连云港市',
      '淮安市',
      '盐城市',
      '扬州市',
      '镇江市',
      '泰州市',
      '宿迁市',
    ]);
    expect((await env().anonymous().get('/api/orgs?kind=applicant_unit')).statusCode).toBe(401);
    const provinces = await (
      await env().login((await buildAdmin(env().db, 'system_admin')).username)
    ).get('/api/orgs?kind=province');
    expect(provinces.json().items).toHaveLength(37);
  });
});
