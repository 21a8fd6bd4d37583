import { expect, it } from 'vitest';
import { describeEachDb } from '../helpers/env.js';
import { expectError, PNG } from '../helpers/applications.js';
import { licenceToken, uploadLicence } from '../helpers/registrations.js';
import { buildCityReviewer, buildUscc, NANJING } from '../factories.js';
import { ownRegistrationActions } from '../../src/server/policies/registrations.js';

let n = 0;
function registration(licenceToken: string) {
  n += 1;
  return {
    unitName: `南京自助执照测试科技有限公司${n}`,
    uscc: buildUscc('320100'),
    cityOrgId: NANJING,
    contactName: '李联系',
    mobile: '13812345678',
    email: `own${n}@example.com`,
    username: `own${process.pid}x${n}`,
    password: 'Unit@2026pw',
    legalRepresentative: '周法人',
    address: '南京市鼓楼区汉中路 180 号',
    licenceToken,
  };
}

it('policy: the registrant sees its licence while pending or refused and replaces it only while pending', () => {
  const withFile = { licence_sha256: 'abc' };
  expect(ownRegistrationActions({ ...withFile, status: 'pending' })).toEqual(['view_licence', 'replace_licence']);
  expect(ownRegistrationActions({ ...withFile, status: 'refused' })).toEqual(['view_licence']);
  expect(ownRegistrationActions({ ...withFile, status: 'approved' })).toEqual([]);
  expect(ownRegistrationActions({ licence_sha256: null, status: 'pending' })).toEqual(['replace_licence']);
});

// Issue 17: a unit whose registration is pending or refused has no account; it sees the 营业执照 it
// uploaded and replaces it while pending, proving itself with the login name and password it chose.
describeEachDb('registration: the registrant’s own licence', (env) => {
  const anon = () => env().anonymous();

  it('shows the pending registration and its licence, replaces it (audited), refuses it after the decision (409)', async () => {
    const body = registration(await licenceToken(anon()));
    const created = await anon().post('/api/registrations', body);
    expect(created.statusCode, created.body).toBe(200);
    const id = created.json().registration.id as string;
    const creds = { username: body.username, password: body.password };

    const own = await anon().post('/api/registrations/own', creds);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({
      registration: { id, status: 'pending', licence: { fileName: '营业执照.pdf', mime: 'application/pdf' } },
      allowedActions: ['view_licence', 'replace_licence'],
    });
    const file = await anon().post('/api/registrations/own/licence/file', creds);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.subarray(0, 8).toString()).toBe('%PDF-1.4');

    // Wrong password or unknown name: the login's 401, nothing shown.
    expectError(
      await anon().post('/api/registrations/own', { ...creds, password: 'Wrong@2026pw' }),
      401,
      'invalid_credentials',
    );
    expectError(
      await anon().post('/api/registrations/own', { username: 'nobody-here', password: 'x' }),
      401,
      'invalid_credentials',
    );
    expectError(
      await anon().post('/api/registrations/own/licence/file', { ...creds, password: 'nope' }),
      401,
      'invalid_credentials',
    );
    expectError(await anon().post('/api/registrations/own', { username: '', password: '' }), 422, 'validation_failed');

    // Replace with a PNG: the reviewer sees the new one; the replacement is audited.
    const upload = await uploadLicence(anon(), { name: '新执照.png', data: PNG, type: 'image/png' });
    expect(upload.statusCode, upload.body).toBe(201);
    const replaced = await anon().put('/api/registrations/own/licence', {
      ...creds,
      licenceToken: upload.json().licence.token,
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json().registration.licence).toMatchObject({ fileName: '新执照.png', mime: 'image/png' });
    const reviewer = await env().login((await buildCityReviewer(env().db, NANJING)).username);
    const seen = await reviewer.get(`/api/registrations/${id}/licence`);
    expect(seen.statusCode).toBe(200);
    expect(seen.rawPayload.equals(PNG)).toBe(true);
    const audit = await env()
      .db.selectFrom('audit_log')
      .select(['action', 'target_id'])
      .where('action', '=', 'registration.licence_replace')
      .where('target_id', '=', id)
      .execute();
    expect(audit).toHaveLength(1);
    // A token is bound once: used again it is 422 and changes nothing.
    expectError(
      await anon().put('/api/registrations/own/licence', { ...creds, licenceToken: upload.json().licence.token }),
      422,
      'validation_failed',
    );

    // Refused: the unit still sees its licence (to re-register with a correct one) but cannot replace it.
    const refuse = await reviewer.post(`/api/registrations/${id}/actions/refuse`, { comment: '营业执照模糊不清' });
    expect(refuse.statusCode, refuse.body).toBe(200);
    const after = (await anon().post('/api/registrations/own', creds)).json();
    expect(after).toMatchObject({
      registration: { status: 'refused', comment: '营业执照模糊不清', licence: { fileName: '新执照.png' } },
      allowedActions: ['view_licence'],
    });
    expect((await anon().post('/api/registrations/own/licence/file', creds)).statusCode).toBe(200);
    const late = await anon().put('/api/registrations/own/licence', {
      ...creds,
      licenceToken: await licenceToken(anon()),
    });
    expectError(late, 409, 'invalid_transition');
    expect(late.json().error.message).toContain('重新注册');
    const row = await env()
      .db.selectFrom('registrations')
      .select(['licence_name', 'status'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ licence_name: '新执照.png', status: 'refused' });
  });
});
