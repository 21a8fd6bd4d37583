import { expect, it } from 'vitest';
import { describeEachDb, TEST_PASSWORD } from '../helpers/env.js';
import { readSheet } from '../helpers/xlsx.js';
import { registrationExtras } from '../helpers/registrations.js';
import {
  buildAdmin,
  buildCityApprover,
  buildCityReviewer,
  buildRegistrationBody,
  buildUnit,
  buildUser,
  NANJING,
  SUZHOU,
} from '../factories.js';

/** Changes the check character of a valid USCC to a wrong one. */
const breakCheckChar = (uscc: string) => uscc.slice(0, 17) + (uscc[17] === '0' ? '1' : '0');

describeEachDb('unit registrations', (env) => {
  const registrationsWith = (where: { uscc?: string; username?: string }) =>
    env()
      .db.selectFrom('registrations')
      .selectAll()
      .$if(!!where.uscc, (q) => q.where('uscc', '=', where.uscc!))
      .$if(!!where.username, (q) => q.where('username', '=', where.username!))
      .execute();
  // Every registration carries its licence, legal representative and address (issue 17) unless a test says otherwise.
  const register = async (body: Record<string, unknown>) =>
    env()
      .anonymous()
      .post('/api/registrations', { ...(await registrationExtras(env().anonymous())), ...body });
  const loginAttempt = (username: string, password: string) =>
    env().anonymous().post('/api/session', { username, password });

  it('registers a unit publicly (no session, no CSRF), normalising the USCC; the password is stored hashed', async () => {
    const body = buildRegistrationBody();
    const res = await register({ ...body, uscc: body.uscc.toLowerCase() });
    expect(res.statusCode).toBe(200);
    expect(res.json().registration).toMatchObject({
      uscc: body.uscc,
      username: body.username,
      cityOrgId: NANJING,
      status: 'pending',
    });
    expect(res.json().message).toContain('审核');
    // Rate-limited per client IP (a generous limit under test).
    expect(res.headers['x-ratelimit-limit']).toBeDefined();
    const rows = await registrationsWith({ uscc: body.uscc });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.password_hash).toMatch(/^\$argon2id\$/);
    expect(rows[0]!.status).toBe('pending');
    const audit = await env()
      .db.selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'registration.create')
      .where('target_id', '=', rows[0]!.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.summary).not.toContain('Unit@2026pw');
  });

  it('refuses a USCC with a wrong check character, with the Chinese message, and stores nothing', async () => {
    const body = buildRegistrationBody();
    const res = await register({ ...body, uscc: breakCheckChar(body.uscc) });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('validation_failed');
    expect(res.json().error.details).toContainEqual({ path: 'uscc', message: '统一社会信用代码校验位不正确，请核对' });
    expect(await registrationsWith({ username: body.username })).toHaveLength(0);
  });

  it('refuses a second registration of a USCC already held by a unit or by a pending registration (409 on uscc)', async () => {
    const unit = await buildUnit(env().db);
    const againstOrg = await register(buildRegistrationBody({ uscc: unit.uscc }));
    expect(againstOrg.statusCode).toBe(409);
    expect(againstOrg.json().error.code).toBe('conflict');
    expect(againstOrg.json().error.details).toContainEqual({
      path: 'uscc',
      message: expect.stringContaining('已注册'),
    });

    const first = buildRegistrationBody();
    expect((await register(first)).statusCode).toBe(200);
    const againstPending = await register(buildRegistrationBody({ uscc: first.uscc }));
    expect(againstPending.statusCode).toBe(409);
    expect(againstPending.json().error.details[0].path).toBe('uscc');
    expect(await registrationsWith({ uscc: first.uscc })).toHaveLength(1);
    expect(await registrationsWith({ uscc: unit.uscc })).toHaveLength(0);
  });

  it('does not tell anyone that a login name exists: the answer is the same, the city decides at approval (issue 11 item 7)', async () => {
    const user = await buildCityReviewer(env().db);
    const fresh = await register(buildRegistrationBody());
    const taken = await register(buildRegistrationBody({ username: user.username }));
    expect(taken.statusCode).toBe(200);
    expect(taken.json().message).toBe(fresh.json().message);
    const first = buildRegistrationBody();
    await register(first);
    const again = await register(buildRegistrationBody({ username: first.username }));
    expect(again.statusCode).toBe(200);
    expect(again.json().message).toBe(fresh.json().message);
    // The city reviewer, approving, learns that the name is taken; nothing is created.
    const reviewer = await env().login((await buildCityReviewer(env().db, NANJING)).username);
    const approve = await reviewer.post(`/api/registrations/${taken.json().registration.id}/actions/approve`, {});
    expect(approve.statusCode).toBe(409);
    expect(approve.json().error.message).toMatch(/已被其他账号使用/);
    expect(await registrationsWith({ username: user.username })).toMatchObject([{ status: 'pending' }]);
    // Of two pending registrations under one name, the first approved gets it; the second is refused.
    const second = again.json().registration.id;
    const firstId = (await registrationsWith({ username: first.username })).find((r) => r.id !== second)!.id;
    expect((await reviewer.post(`/api/registrations/${firstId}/actions/approve`, {})).statusCode).toBe(200);
    expect((await reviewer.post(`/api/registrations/${second}/actions/approve`, {})).statusCode).toBe(409);
  });

  it('refuses a weak password, a city that is not a city bureau, and a malformed mobile, all at once', async () => {
    const body = buildRegistrationBody({ password: 'password1', cityOrgId: 'prov-320000', mobile: '12345' });
    const weak = await register(buildRegistrationBody({ password: 'password1' }));
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error.details).toContainEqual({
      path: 'password',
      message: '密码至少 8 位，且须包含大写字母、小写字母、数字、特殊符号中的至少三类',
    });
    const several = await register(body);
    expect(several.statusCode).toBe(422);
    expect(
      several
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['mobile', 'password']);
    const notCity = await register(buildRegistrationBody({ cityOrgId: 'prov-320000' }));
    expect(notCity.statusCode).toBe(422);
    expect(notCity.json().error.details).toEqual([{ path: 'cityOrgId', message: '请选择所在设区市科技局' }]);
    expect(await registrationsWith({ username: body.username })).toHaveLength(0);
  });

  it('a pending unit cannot log in: 403 account_pending (with the right password), audited', async () => {
    const body = buildRegistrationBody();
    await register(body);
    const res = await loginAttempt(body.username, body.password);
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({
      code: 'account_pending',
      message: '单位注册尚待所在市科技局审核，审核通过后方可登录',
    });
    // A wrong password tells nothing about the registration.
    const wrong = await loginAttempt(body.username, 'Wrong@2026pw');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('invalid_credentials');
    const audit = await env()
      .db.selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'session.login')
      .where('actor_name', '=', body.username)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => [a.outcome, JSON.parse(a.summary).reason])).toEqual([
      ['failure', 'account_pending'],
      ['failure', 'invalid_credentials'],
    ]);
    expect(audit[0]!.org_id).toBe(NANJING);
  });

  it('the city reviewer lists its pending registrations and approves one: unit and account in one step, then login works', async () => {
    const body = buildRegistrationBody();
    const id = (await register(body)).json().registration.id;
    const reviewer = await env().login((await buildCityReviewer(env().db, NANJING)).username);
    const list = await reviewer.get('/api/registrations');
    expect(list.statusCode).toBe(200);
    const listed = list.json().items.find((r: { id: string }) => r.id === id);
    expect(listed).toMatchObject({
      status: 'pending',
      uscc: body.uscc,
      cityName: '南京市科学技术局',
      username: body.username,
    });
    expect(JSON.stringify(list.json())).not.toContain('argon2');
    // The same list as Excel, with a title row and 序号; the export is audited.
    const xlsx = await reviewer.get(`/api/registrations/export.xlsx?status=pending&q=${encodeURIComponent(body.uscc)}`);
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    const sheet = await readSheet(xlsx.rawPayload);
    expect(sheet.rows[0]![0]).toBe('南京市科学技术局申报单位注册申请');
    expect(sheet.rows[2]!.slice(0, 3)).toEqual(['序号', '单位名称', '统一社会信用代码']);
    expect(sheet.rows.slice(3).map((r) => r.slice(0, 3))).toEqual([[1, body.unitName, body.uscc]]);
    expect(
      await env()
        .db.selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'export.registrations_xlsx')
        .execute(),
    ).not.toHaveLength(0);
    const approver = await env().login((await buildCityApprover(env().db, NANJING)).username);
    expect((await approver.get('/api/registrations/export.xlsx')).statusCode).toBe(403);

    const res = await reviewer.post(`/api/registrations/${id}/actions/approve`, {});
    expect(res.statusCode).toBe(200);
    const reg = res.json().registration;
    expect(reg).toMatchObject({ status: 'approved', orgId: expect.any(String), userId: expect.any(String) });

    const org = await env().db.selectFrom('orgs').selectAll().where('id', '=', reg.orgId).executeTakeFirstOrThrow();
    expect(org).toMatchObject({
      kind: 'applicant_unit',
      name: body.unitName,
      uscc: body.uscc,
      parent_id: NANJING,
      city_id: NANJING,
      province_id: 'prov-320000',
      region_code: body.uscc.slice(2, 8),
    });
    const user = await env().db.selectFrom('users').selectAll().where('id', '=', reg.userId).executeTakeFirstOrThrow();
    expect(user).toMatchObject({
      username: body.username,
      org_id: reg.orgId,
      status: 'active',
      must_change_password: 0,
    });
    const roles = await env().db.selectFrom('user_roles').select('role').where('user_id', '=', reg.userId).execute();
    expect(roles).toEqual([{ role: 'applicant' }]);

    const login = await loginAttempt(body.username, body.password);
    expect(login.statusCode).toBe(200);
    expect(login.json().user).toMatchObject({ roles: ['applicant'], orgId: reg.orgId, mustChangePassword: false });
    expect((await reviewer.get('/api/registrations')).json().items.map((r: { id: string }) => r.id)).not.toContain(id);
    expect(
      (await reviewer.get('/api/registrations?status=approved')).json().items.map((r: { id: string }) => r.id),
    ).toContain(id);
    const audit = await env()
      .db.selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'registration.approve')
      .where('target_id', '=', id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_role).toBe('city_reviewer');

    // The USCC is now a unit's: registering it again is refused.
    expect((await register(buildRegistrationBody({ uscc: body.uscc }))).statusCode).toBe(409);
  });

  it('refusal needs a reason; the refused unit is then told why when it logs in', async () => {
    const body = buildRegistrationBody();
    const id = (await register(body)).json().registration.id;
    const reviewer = await env().login((await buildCityReviewer(env().db, NANJING)).username);
    const bare = await reviewer.post(`/api/registrations/${id}/actions/refuse`, { comment: '   ' });
    expect(bare.statusCode).toBe(422);
    expect(bare.json().error.details).toEqual([{ path: 'comment', message: '请填写驳回理由' }]);
    expect((await registrationsWith({ username: body.username }))[0]!.status).toBe('pending');

    const res = await reviewer.post(`/api/registrations/${id}/actions/refuse`, { comment: '营业执照与单位名称不符' });
    expect(res.statusCode).toBe(200);
    expect(res.json().registration).toMatchObject({
      status: 'refused',
      comment: '营业执照与单位名称不符',
      orgId: null,
    });
    const login = await loginAttempt(body.username, body.password);
    expect(login.statusCode).toBe(403);
    expect(login.json().error).toEqual({
      code: 'account_disabled',
      message: '单位注册未通过审核：营业执照与单位名称不符',
    });
    expect(
      await env().db.selectFrom('users').select('id').where('username', '=', body.username).execute(),
    ).toHaveLength(0);

    // A refused unit may register again under the same USCC.
    expect((await register(buildRegistrationBody({ uscc: body.uscc }))).statusCode).toBe(200);
  });

  it('another city’s reviewer gets 404 and nothing changes; other roles get 403', async () => {
    const body = buildRegistrationBody();
    const id = (await register(body)).json().registration.id;
    const sz = await env().login((await buildCityReviewer(env().db, SUZHOU)).username);
    expect((await sz.get(`/api/registrations/${id}`)).statusCode).toBe(404);
    expect((await sz.get('/api/registrations?status=all')).json().items.map((r: { id: string }) => r.id)).not.toContain(
      id,
    );
    for (const action of ['approve', 'refuse']) {
      const res = await sz.post(`/api/registrations/${id}/actions/${action}`, { comment: '越权' });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    const approver = await env().login((await buildCityApprover(env().db, NANJING)).username);
    expect((await approver.post(`/api/registrations/${id}/actions/approve`, {})).statusCode).toBe(403);
    const sec = await env().login((await buildAdmin(env().db, 'security_admin')).username);
    expect((await sec.post(`/api/registrations/${id}/actions/approve`, {})).statusCode).toBe(403);

    const row = (await registrationsWith({ username: body.username }))[0]!;
    expect(row).toMatchObject({ status: 'pending', version: 1, decided_by: null, org_id: null });
    expect(await env().db.selectFrom('orgs').select('id').where('uscc', '=', body.uscc).execute()).toHaveLength(0);
  });

  it('a decided registration cannot be decided again (409), and nothing is created twice', async () => {
    const body = buildRegistrationBody();
    const id = (await register(body)).json().registration.id;
    const reviewer = await env().login((await buildCityReviewer(env().db, NANJING)).username);
    expect((await reviewer.post(`/api/registrations/${id}/actions/approve`, {})).statusCode).toBe(200);
    const twice = await reviewer.post(`/api/registrations/${id}/actions/approve`, {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('invalid_transition');
    const refuse = await reviewer.post(`/api/registrations/${id}/actions/refuse`, { comment: '改主意' });
    expect(refuse.statusCode).toBe(409);
    expect(await env().db.selectFrom('orgs').select('id').where('uscc', '=', body.uscc).execute()).toHaveLength(1);
    expect(
      await env().db.selectFrom('users').select('id').where('username', '=', body.username).execute(),
    ).toHaveLength(1);
    expect((await registrationsWith({ username: body.username }))[0]).toMatchObject({ status: 'approved', version: 2 });
  });

  it('approval is refused when the login name was taken by an account meanwhile', async () => {
    const body = buildRegistrationBody();
    const id = (await register(body)).json().registration.id;
    await buildUser(env().db, { roles: ['city_reviewer'], orgId: SUZHOU, username: body.username });
    const reviewer = await env().login((await buildCityReviewer(env().db, NANJING)).username);
    const res = await reviewer.post(`/api/registrations/${id}/actions/approve`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain(body.username);
    expect((await registrationsWith({ username: body.username }))[0]!.status).toBe('pending');
    expect(await env().db.selectFrom('orgs').select('id').where('uscc', '=', body.uscc).execute()).toHaveLength(0);
    // The existing account still logs in with its own password.
    expect((await loginAttempt(body.username, TEST_PASSWORD)).statusCode).toBe(200);
  });
});
