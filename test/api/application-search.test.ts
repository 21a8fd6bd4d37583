import { expect, it } from 'vitest';
import { describeEachDb, type Client } from '../helpers/env.js';
import {
  buildApplication,
  buildApplicant,
  buildBatch,
  buildCityReviewer,
  buildProvinceOfficer,
  buildUnit,
  buildUser,
  NANJING,
  SUZHOU,
} from '../factories.js';
import { completeApplication } from '../helpers/applications.js';

// The reviewer queue's search (migration 0080): names by substring through the trigram index (three
// characters or more) or the narrow rows (fewer), USCC and number exactly; always within the scope.
describeEachDb('application search', (env) => {
  const ids = async (client: Client, url: string) => {
    const res = await client.get(url);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: { id: string }[] }).items.map((i) => i.id).sort();
  };

  it('finds by space or unit name (3+, 2 and 1 characters), USCC and number, only in the reviewer’s city', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const unitA = await buildUnit(db, { name: '南京紫金山科技服务有限公司' });
    const unitB = await buildUnit(db, { name: '南京麒麟创业服务有限公司' });
    const unitC = await buildUnit(db, { name: 'Nanjing Abacus Technology Co., Ltd.' });
    const unitSz = await buildUnit(db, { cityOrgId: SUZHOU, name: '苏州紫金山科技服务有限公司' });
    const a = await buildApplication(db, { batchId: batch.id, unit: unitA, spaceName: '芯谷集成电路专业化众创空间' });
    const b = await buildApplication(db, { batchId: batch.id, unit: unitB, spaceName: '麒麟生物医药专业化众创空间' });
    const c = await buildApplication(db, { batchId: batch.id, unit: unitC, spaceName: 'Abacus AI 众创空间' });
    const sz = await buildApplication(db, { batchId: batch.id, unit: unitSz, spaceName: '芯谷智能制造专业化众创空间' });
    const draft = await buildApplication(db, {
      batchId: batch.id,
      unit: await buildUnit(db, { name: '南京紫金草科技有限公司' }),
      status: 'draft',
      spaceName: '紫金草众创空间',
    });
    const reviewer = await env().login((await buildCityReviewer(db)).username);
    const q = (s: string) => `/api/applications?batchId=${batch.id}&q=${encodeURIComponent(s)}`;

    // Three characters or more: the trigram index; a space name, a unit name, both.
    expect(await ids(reviewer, q('集成电路'))).toEqual([a.id]);
    expect(await ids(reviewer, q('紫金山科技'))).toEqual([a.id]);
    expect(await ids(reviewer, q('专业化众创空间'))).toEqual([a.id, b.id].sort());
    // Two characters and one: the fallback, still within the city (苏州's 芯谷 and 紫金山 are not found).
    expect(await ids(reviewer, q('芯谷'))).toEqual([a.id]);
    expect(await ids(reviewer, q('麒麟'))).toEqual([b.id]);
    expect(await ids(reviewer, q('紫金'))).toEqual([a.id, draft.id].sort());
    expect(await ids(reviewer, q('芯'))).toEqual([a.id]);
    expect(await ids(reviewer, q('南京'))).toEqual([a.id, b.id, draft.id].sort());
    // Latin letters, whatever the index.
    expect(await ids(reviewer, q('Abacus'))).toEqual([c.id]);
    expect(await ids(reviewer, q('AI'))).toEqual([c.id]);
    // USCC (any case) and number exactly; a part of a USCC is not a name.
    expect(await ids(reviewer, q(unitB.uscc))).toEqual([b.id]);
    expect(await ids(reviewer, q(unitB.uscc.toLowerCase()))).toEqual([b.id]);
    const number = (
      await db.selectFrom('applications').select('number').where('id', '=', b.id).executeTakeFirstOrThrow()
    ).number!;
    expect(await ids(reviewer, q(number))).toEqual([b.id]);
    expect(await ids(reviewer, q(unitSz.uscc))).toEqual([]);
    // Nothing, and characters that mean something to FTS5 or LIKE taken as text.
    expect(await ids(reviewer, q('不存在的名称'))).toEqual([]);
    expect(await ids(reviewer, q('"芯谷 OR 麒麟"'))).toEqual([]);
    expect(await ids(reviewer, q('紫金草'))).toEqual([draft.id]);
    // The status filter and the search together.
    expect(await ids(reviewer, `${q('众创空间')}&status=submitted`)).toEqual([a.id, b.id, c.id].sort());

    // The province sees both cities; the Suzhou applicant only its own.
    const officer = await env().login((await buildProvinceOfficer(db)).username);
    expect(await ids(officer, q('芯谷'))).toEqual([a.id, sz.id].sort());
    expect(await ids(officer, q('芯谷集成'))).toEqual([a.id]);
    expect(await ids(officer, `${q('紫金山')}&cityId=${SUZHOU}`)).toEqual([sz.id]);
    expect(await ids(officer, q('紫金草'))).toEqual([draft.id]);
    const szApplicant = await env().login((await buildUser(db, { roles: ['applicant'], orgId: unitSz.id })).username);
    expect(await ids(szApplicant, q('芯谷'))).toEqual([sz.id]);
    expect(await ids(szApplicant, q('芯谷智能'))).toEqual([sz.id]);
  });

  it('keeps the index in step: an autosaved space name, a renamed unit, a new application', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const applicant = await buildApplicant(db);
    const client = await env().login(applicant.username);
    const app = await completeApplication(client, batch.id, applicant.unit, '旧名称专业化众创空间');
    const officer = await env().login((await buildProvinceOfficer(db)).username);
    const q = (s: string) => `/api/applications?batchId=${batch.id}&q=${encodeURIComponent(s)}`;
    expect(await ids(officer, q('旧名称'))).toEqual([app.id]);

    const current = (await client.get(`/api/applications/${app.id}`)).json();
    const saved = await client.patch(`/api/applications/${app.id}`, {
      version: current.version,
      basicInfo: { ...current.content.basicInfo, spaceName: '新起点专业化众创空间' },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(await ids(officer, q('旧名称'))).toEqual([]);
    expect(await ids(officer, q('新起点'))).toEqual([app.id]);
    expect(await ids(officer, q('起点'))).toEqual([app.id]);

    await db.updateTable('orgs').set({ name: '更名后的运营公司' }).where('id', '=', applicant.unit.id).execute();
    expect(await ids(officer, q('更名后的'))).toEqual([app.id]);
    expect(await ids(officer, q('更名'))).toEqual([app.id]);

    const other = await buildApplicant(db, { cityOrgId: NANJING });
    const added = await buildApplication(db, { batchId: batch.id, unit: other.unit, spaceName: '新起点二号众创空间' });
    expect(await ids(officer, q('新起点'))).toEqual([app.id, added.id].sort());
  });
});
