import { expect, it } from 'vitest';
import { examplePledge } from '../../src/domain/example-content.js';
import type { Role } from '../../src/domain/roles.js';
import {
  APPLICATION_ACTIONS,
  findTransition,
  TRANSITIONS,
  type ApplicationAction,
  type ApplicationStatus,
} from '../../src/domain/workflow.js';
import type { Db } from '../../src/server/db/database.js';
import { describeEachDb, type Client } from '../helpers/env.js';
import {
  buildAdmin,
  buildApplicant,
  buildApplication,
  buildBatch,
  buildCityApprover,
  buildCityReviewer,
  buildMinistryOfficer,
  buildProvinceApprover,
  buildProvinceOfficer,
  buildUser,
  JS_DEPT_ID,
  SUZHOU,
  type BuiltUser,
} from '../factories.js';

const CITY_PLEDGE = { signerName: '周建华', agreed: true };

/** The status each action starts from, so that only jurisdiction (not state) can refuse it. */
const FROM: Record<ApplicationAction, ApplicationStatus> = {
  submit: 'draft',
  withdraw: 'submitted',
  reopen: 'withdrawn',
  return: 'submitted',
  decline: 'submitted',
  recommend: 'submitted',
  unrecommend: 'recommended',
  dispatch_to_province: 'recommended',
  accept: 'dispatched_to_province',
  request_correction: 'dispatched_to_province',
  province_recommend: 'accepted',
  province_decline: 'accepted',
  dispatch_to_ministry: 'province_recommended',
  file: 'dispatched_to_ministry',
  reject: 'dispatched_to_ministry',
  cancel_for_dishonesty: 'submitted',
};

/** Every row a refused request could have touched (the audit log grows with the refusals, on purpose). */
async function state(db: Db) {
  const all = <T extends 'applications' | 'dispatches' | 'dispatch_items'>(t: T) =>
    db
      .selectFrom(t)
      .selectAll()
      .execute()
      .then((rows) => rows.map((r) => JSON.stringify(r)).sort());
  const count = async (
    t: 'application_events' | 'paper_copies' | 'credit_records' | 'application_snapshots' | 'pledges',
  ) =>
    Number(
      (
        await db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    applications: await all('applications'),
    dispatches: await all('dispatches'),
    items: await all('dispatch_items'),
    events: await count('application_events'),
    paperCopies: await count('paper_copies'),
    creditRecords: await count('credit_records'),
    snapshots: await count('application_snapshots'),
    pledges: await count('pledges'),
  };
}

describeEachDb('jurisdiction matrix: every action, as every role, from outside the jurisdiction', (env) => {
  it('answers 404 (or 403 where the actor sees the record but holds another role) and changes nothing', async () => {
    const db = env().db;
    const batch = await buildBatch(db);

    // The home jurisdiction: Nanjing, Jiangsu. One application in each starting status.
    const home: Partial<Record<ApplicationStatus, string>> = {};
    for (const status of new Set(Object.values(FROM))) {
      const a = await buildApplicant(db);
      home[status] = (await buildApplication(db, { batchId: batch.id, unit: a.unit, status })).id;
    }
    const more = async (status: ApplicationStatus) =>
      (await buildApplication(db, { batchId: batch.id, unit: (await buildApplicant(db)).unit, status })).id;
    // Dispatches of the home jurisdiction: a city draft, a sent city dispatch, a province draft, a sent province one.
    const njReviewer = await env().login((await buildCityReviewer(db)).username);
    const njApprover = await env().login((await buildCityApprover(db)).username);
    const jsOfficer = await env().login((await buildProvinceOfficer(db)).username);
    const jsLeader = await env().login((await buildProvinceApprover(db)).username);
    const create = async (c: Client, ids: string[]) => {
      const res = await c.post('/api/dispatches', { applicationIds: ids, letter: '推荐函' });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().dispatch.id as string;
    };
    const cityDraft = await create(njReviewer, [home.recommended!]);
    const citySent = await create(njReviewer, [await more('recommended')]);
    expect(
      (await njApprover.post(`/api/dispatches/${citySent}/actions/send`, { pledge: CITY_PLEDGE })).statusCode,
    ).toBe(200);
    const provDraft = await create(jsOfficer, [home.province_recommended!]);
    const provSent = await create(jsOfficer, [await more('province_recommended')]);
    expect((await jsLeader.post(`/api/dispatches/${provSent}/actions/send`, { pledge: CITY_PLEDGE })).statusCode).toBe(
      200,
    );

    // One outsider per role: another unit, another city, another province; experts without an
    // assignment and the three administrators (of the home province itself) reach nothing.
    const outsiders: [string, Role, BuiltUser][] = [
      ['applicant of another unit', 'applicant', await buildApplicant(db)],
      ['city_reviewer of another city', 'city_reviewer', await buildCityReviewer(db, SUZHOU)],
      ['city_approver of another city', 'city_approver', await buildCityApprover(db, SUZHOU)],
      [
        'acceptance_clerk of another province',
        'acceptance_clerk',
        await buildUser(db, { roles: ['acceptance_clerk'], orgId: 'prov-330000' }),
      ],
      [
        'province_officer of another province',
        'province_officer',
        await buildUser(db, { roles: ['province_officer'], orgId: 'prov-330000' }),
      ],
      [
        'province_approver of another province',
        'province_approver',
        await buildUser(db, { roles: ['province_approver'], orgId: 'prov-330000' }),
      ],
      ['expert without an assignment', 'expert', await buildUser(db, { roles: ['expert'], orgId: JS_DEPT_ID })],
      ['ministry_officer', 'ministry_officer', await buildMinistryOfficer(db)],
      ['system_admin', 'system_admin', await buildAdmin(db, 'system_admin')],
      ['security_admin', 'security_admin', await buildAdmin(db, 'security_admin')],
      ['audit_admin', 'audit_admin', await buildAdmin(db, 'audit_admin')],
    ];

    interface Attempt {
      what: string;
      method: 'GET' | 'POST' | 'PATCH';
      url: string;
      body?: object;
      /** What the Ministry, whose jurisdiction is the whole nation, gets; undefined: skipped for it (its own action). */
      ministry?: number;
    }
    const attempts: Attempt[] = [];
    for (const action of APPLICATION_ACTIONS) {
      const t = findTransition(FROM[action], action)!;
      attempts.push({
        what: `application ${action}`,
        method: 'POST',
        url: `/api/applications/${home[FROM[action]]}/actions/${action}`,
        body: { comment: '意见', pledge: examplePledge },
        // The Ministry sees every application: other roles' actions are 403 to it; system ones are not actions.
        ministry: t.system || t.roles.includes('ministry_officer') ? undefined : 403,
      });
    }
    attempts.push(
      { what: 'application detail', method: 'GET', url: `/api/applications/${home.draft}`, ministry: 200 },
      {
        what: 'application PATCH',
        method: 'PATCH',
        url: `/api/applications/${home.draft}`,
        body: { version: 1, basicInfo: { spaceName: '篡改专业化众创空间' } },
        ministry: 403,
      },
      {
        what: 'paper copies',
        method: 'POST',
        url: `/api/applications/${home.dispatched_to_province}/paper-copies`,
        body: { count: 2, receivedOn: '2026-06-01' },
        ministry: 403,
      },
      { what: 'city dispatch detail', method: 'GET', url: `/api/dispatches/${cityDraft}`, ministry: 404 },
      {
        what: 'city dispatch PATCH',
        method: 'PATCH',
        url: `/api/dispatches/${cityDraft}`,
        body: { version: 1, letter: '篡改' },
        ministry: 404,
      },
      {
        what: 'city dispatch send',
        method: 'POST',
        url: `/api/dispatches/${cityDraft}/actions/send`,
        body: { pledge: CITY_PLEDGE },
        ministry: 404,
      },
      {
        what: 'city dispatch return',
        method: 'POST',
        url: `/api/dispatches/${cityDraft}/actions/return`,
        body: { comment: '退回' },
        ministry: 404,
      },
      {
        what: 'city dispatch receive',
        method: 'POST',
        url: `/api/dispatches/${citySent}/actions/receive`,
        ministry: 404,
      },
      {
        what: 'province dispatch PATCH',
        method: 'PATCH',
        url: `/api/dispatches/${provDraft}`,
        body: { version: 1, letter: '篡改' },
        ministry: 404,
      },
      {
        what: 'province dispatch send (draft)',
        method: 'POST',
        url: `/api/dispatches/${provDraft}/actions/send`,
        ministry: 404,
      },
      {
        what: 'province dispatch return (draft)',
        method: 'POST',
        url: `/api/dispatches/${provDraft}/actions/return`,
        body: { comment: '退回' },
        ministry: 404,
      },
      {
        what: 'province dispatch send (sent)',
        method: 'POST',
        url: `/api/dispatches/${provSent}/actions/send`,
        ministry: 403,
      },
      { what: 'province dispatch receive', method: 'POST', url: `/api/dispatches/${provSent}/actions/receive` },
    );
    // Every workflow action of the table is tried.
    expect(new Set(attempts.filter((a) => a.what.startsWith('application ')).map((a) => a.what.split(' ')[1]))).toEqual(
      new Set([...new Set(TRANSITIONS.map((t) => t.action)), 'detail', 'PATCH']),
    );

    const before = await state(db);
    let tried = 0;
    for (const [who, role, user] of outsiders) {
      const c = await env().login(user.username);
      for (const a of attempts) {
        const expected = role === 'ministry_officer' ? a.ministry : 404;
        if (expected === undefined) continue;
        const res = await c.request({ method: a.method, url: a.url, ...(a.body ? { payload: a.body } : {}) });
        expect(res.statusCode, `${who}: ${a.what} → ${res.body}`).toBe(expected);
        if (expected === 404) expect(res.json().error.code).toBe('not_found');
        tried++;
      }
      // Assembling a dispatch out of the home jurisdiction's applications: refused, naming the item.
      const assembled = await c.post('/api/dispatches', {
        applicationIds: [home.recommended!],
        letter: '推荐函',
      });
      expect([403, 422], `${who}: assemble → ${assembled.body}`).toContain(assembled.statusCode);
      if (assembled.statusCode === 422) expect(assembled.json().error.details[0].path).toBe('applicationIds.0');
    }
    expect(tried).toBeGreaterThan(outsiders.length * 20);
    expect(await state(db)).toEqual(before);

    // The same requests, from inside, do act: the matrix refuses because of jurisdiction, not by accident.
    const ok = await njApprover.post(`/api/dispatches/${cityDraft}/actions/send`, { pledge: CITY_PLEDGE });
    expect(ok.statusCode).toBe(200);
    const rec = await njReviewer.post(`/api/applications/${home.submitted}/actions/recommend`, {});
    expect(rec.statusCode).toBe(200);
  });
});
