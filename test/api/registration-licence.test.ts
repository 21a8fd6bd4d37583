import { expect, it } from 'vitest';
import { describeEachDb } from '../helpers/env.js';
import { act, completeContent, createApplication, PNG, pdf } from '../helpers/applications.js';
import { licenceToken, uploadLicence } from '../helpers/registrations.js';
import type { RegistrationRequest } from '../../src/domain/schemas/registrations.js';
import {
  buildAdmin,
  buildApplicant,
  buildBatch,
  buildCityApprover,
  buildCityReviewer,
  buildRegistrationBody,
  buildMinistryOfficer,
  buildProvinceOfficer,
  buildUser,
  NANJING,
  SUZHOU,
} from '../factories.js';

/** The evidence this file registers with (besides its licence). */
const evidence = { legalRepresentative: '周法人', address: '南京市鼓楼区汉中路 180 号' };
const registration = (over: Partial<RegistrationRequest> = {}) => buildRegistrationBody({ ...evidence, ...over });

describeEachDb('registration: licence, legal representative and address (issue 17)', (env) => {
  const anon = () => env().anonymous();
  const register = (body: Record<string, unknown>) => anon().post('/api/registrations', body);
  const count = async (table: 'registrations' | 'registration_licences') =>
    Number(
      (
        await env()
          .db.selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('checks the evidence given (422, nothing created); the original eight-field body still registers, without a licence', async () => {
    const before = await count('registrations');
    const missing = await register({ ...registration(), legalRepresentative: ' ', address: '' });
    expect(missing.statusCode).toBe(422);
    const paths = (missing.json().error.details as { path: string; message: string }[]).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['legalRepresentative', 'address']));
    // A token nobody issued is refused, after the form's own checks.
    const forged = await register({ ...registration(), licenceToken: 'not-a-token' });
    expect(forged.statusCode).toBe(422);
    expect(forged.json().error.details[0]).toMatchObject({ path: 'licenceToken' });
    expect(forged.json().error.message).toContain('营业执照');
    expect(await count('registrations')).toBe(before);

    // The body of the original contract (issue 3) keeps working: the registration records no licence,
    // and the city reviewer is shown that (the web form always asks for all three).
    const ok = await register(buildRegistrationBody());
    expect(ok.statusCode, ok.body).toBe(200);
    const row = await env()
      .db.selectFrom('registrations')
      .select(['legal_representative', 'address', 'licence_sha256'])
      .where('id', '=', ok.json().registration.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ legal_representative: null, address: null, licence_sha256: null });
    const reviewer = await env().login((await buildCityReviewer(env().db)).username);
    const listed = await reviewer.get(`/api/registrations/${ok.json().registration.id}`);
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().registration).toMatchObject({ legalRepresentative: null, address: null, licence: null });
    expect((await reviewer.get(`/api/registrations/${ok.json().registration.id}/licence`)).statusCode).toBe(404);
  });

  it('refuses a licence that is not a PDF, JPG or PNG by its content (415) and keeps nothing', async () => {
    const before = await count('registration_licences');
    const word = await uploadLicence(anon(), {
      name: '营业执照.pdf',
      data: Buffer.from('PK\u0003\u0004not really'),
      type: 'application/pdf',
    });
    expect(word.statusCode).toBe(415);
    expect(word.json().error.message).toContain('PDF、JPG、PNG');
    const text = await uploadLicence(anon(), { name: 'licence.png', data: Buffer.from('hello, I am text') });
    expect(text.statusCode).toBe(415);
    const big = await uploadLicence(anon(), {
      name: 'big.pdf',
      data: Buffer.concat([pdf(), Buffer.alloc(10 * 1024 * 1024)]),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.message).toContain('10 MB');
    const none = await anon().post('/api/registrations/licence', {});
    expect(none.statusCode).toBe(400);
    expect(none.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await count('registration_licences')).toBe(before);
  });

  it('registers with the licence, shows it to the city, and the token binds only once', async () => {
    const upload = await uploadLicence(anon(), { name: '../../营业执照 扫描.png', data: PNG, type: 'image/png' });
    expect(upload.statusCode, upload.body).toBe(201);
    const lic = upload.json().licence;
    expect(lic).toMatchObject({ fileName: '营业执照 扫描.png', mime: 'image/png', size: PNG.length });
    expect(lic.token).toMatch(/^[\w-]{20,}$/);
    // Only the token's hash is stored.
    const rows = await env().db.selectFrom('registration_licences').selectAll().execute();
    expect(rows.some((r) => r.token_hash === lic.token)).toBe(false);

    const body = registration({ licenceToken: lic.token });
    const res = await register(body);
    expect(res.statusCode, res.body).toBe(200);
    const id = res.json().registration.id as string;
    // The same upload cannot serve a second registration.
    const again = await register(registration({ licenceToken: lic.token }));
    expect(again.statusCode).toBe(422);
    expect(again.json().error.details[0].path).toBe('licenceToken');

    const reviewer = await env().login((await buildCityReviewer(env().db, NANJING)).username);
    const detail = await reviewer.get(`/api/registrations/${id}`);
    expect(detail.json().registration).toMatchObject({
      ...evidence,
      licence: { fileName: '营业执照 扫描.png', mime: 'image/png', size: PNG.length },
    });
    const listed = await reviewer.get(`/api/registrations?q=${body.uscc}`);
    expect(listed.json().items[0].licence.mime).toBe('image/png');
    const file = await reviewer.get(`/api/registrations/${id}/licence?disposition=inline`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['content-disposition']).toMatch(/^inline;/);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.rawPayload.equals(PNG)).toBe(true);
    const audited = await env()
      .db.selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', id)
      .where('action', '=', 'download.registration_licence')
      .execute();
    expect(audited).toHaveLength(1);

    // Approval copies the legal representative and address to the unit.
    const approved = await reviewer.post(`/api/registrations/${id}/actions/approve`, {});
    expect(approved.statusCode, approved.body).toBe(200);
    const org = await env()
      .db.selectFrom('orgs')
      .select(['legal_representative', 'address'])
      .where('uscc', '=', body.uscc)
      .executeTakeFirstOrThrow();
    expect(org).toEqual({ legal_representative: evidence.legalRepresentative, address: evidence.address });
  });

  it('the licence is served to the city and province officials and the admins, 404 to anyone else', async () => {
    const res = await register(registration({ licenceToken: await licenceToken(anon()) }));
    const id = res.json().registration.id as string;
    const db = env().db;
    const allowed = [
      await buildCityReviewer(db, NANJING),
      await buildCityApprover(db, NANJING),
      await buildProvinceOfficer(db),
      await buildAdmin(db, 'system_admin'),
    ];
    for (const u of allowed) {
      const r = await (await env().login(u.username)).get(`/api/registrations/${id}/licence`);
      expect(r.statusCode, u.username).toBe(200);
      expect(r.headers['content-type']).toBe('application/pdf');
      expect(r.headers['content-disposition']).toMatch(/^attachment;/);
    }
    const refused = [
      await buildCityReviewer(db, SUZHOU),
      await buildCityApprover(db, SUZHOU),
      await buildApplicant(db),
      await buildUser(db, { roles: ['expert'], orgId: NANJING }),
      await buildMinistryOfficer(db),
      await buildAdmin(db, 'audit_admin'),
    ];
    for (const u of refused) {
      const r = await (await env().login(u.username)).get(`/api/registrations/${id}/licence`);
      expect(r.statusCode, u.username).toBe(404);
      expect(r.headers['content-type']).toMatch(/json/);
    }
    expect((await anon().get(`/api/registrations/${id}/licence`)).statusCode).toBe(401);
  });

  it('the pledge signer is checked against the registered legal representative where the application names none', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const applicant = await buildApplicant(db);
    const unit = applicant.unit;
    await db.updateTable('orgs').set({ legal_representative: '周法人' }).where('id', '=', unit.id).execute();
    const client = await env().login(applicant.username);
    const created = await createApplication(client, batch.id);
    expect(created.unitLegalRepresentative).toBe('周法人');
    const content = completeContent(unit);
    (content.basicInfo as { legalRepresentative: { name?: string } }).legalRepresentative.name = undefined;
    const saved = await client.patch(`/api/applications/${created.id}`, { version: created.version, ...content });
    expect(saved.statusCode, saved.body).toBe(200);
    const res = await act(client, created.id, 'submit', { pledge: { signerName: '王建国', agreed: true } });
    expect(res.statusCode).toBe(422);
    const mismatch = (res.json().error.details as { path: string; message: string }[]).find(
      (d) => d.path === 'pledge.signerMismatchConfirmed',
    );
    expect(mismatch?.message).toContain('单位注册时登记的法定代表人“周法人”');
  });

  it('keeps the earlier fixes: check-character message once, upper-cased USCC', async () => {
    const body = registration({ licenceToken: await licenceToken(anon()) });
    const wrong = body.uscc.slice(0, 17) + (body.uscc[17] === '0' ? '1' : '0');
    const bad = await register({ ...body, uscc: wrong });
    expect(bad.statusCode).toBe(422);
    const usccProblems = (bad.json().error.details as { path: string }[]).filter((d) => d.path === 'uscc');
    expect(usccProblems).toHaveLength(1);
    const ok = await register({ ...body, uscc: body.uscc.toLowerCase() });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().registration.uscc).toBe(body.uscc);
  });

  it('a licence upload is kept for its registration by the retention job (referenced)', async () => {
    const { BLOB_REFERENCES } = await import('../../src/server/retention.js');
    expect(BLOB_REFERENCES).toContainEqual({ table: 'registrations', column: 'licence_sha256' });
  });
});
