import { expect, it } from 'vitest';
import { NOTIFICATION_KINDS, type NotificationKind } from '../../src/domain/schemas/notifications.js';
import { verificationCode } from '../../src/domain/verification-code.js';
import { describeEachDb } from '../helpers/env.js';
import { act, expectError, PLEDGE } from '../helpers/applications.js';
import {
  buildAcceptanceClerk,
  buildBatch,
  buildCityApprover,
  buildCityReviewer,
  buildMinistryOfficer,
  buildProvinceApprover,
  buildProvinceOfficer,
  buildUscc,
  NANJING,
} from '../factories.js';
import { registrationExtras } from '../helpers/registrations.js';
import {
  BASE,
  CHINESE,
  CITY_PLEDGE,
  FROM,
  notificationsOf,
  notificationSuite,
  START,
} from '../helpers/notifications.js';

describeEachDb('notifications: in the app and by e-mail through the outbox, reminders', (env) => {
  const { mail: smtp, pass, person, submittedApp, ok } = notificationSuite(env);

  it('writes each notification with its event and e-mails every kind with a Chinese subject and a link to its page', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const reviewer = await person(buildCityReviewer(db));
    const approver = await person(buildCityApprover(db));
    const clerk = await person(buildAcceptanceClerk(db));
    const officer = await person(buildProvinceOfficer(db));
    const leader = await person(buildProvinceApprover(db));
    const ministry = await person(buildMinistryOfficer(db));

    // returned: written in the same transaction as the return, before any e-mail is sent.
    const A = await submittedApp(batch.id);
    await ok(reviewer.client, 'post', `/api/applications/${A.id}/actions/return`, { comment: '请补充盖章页' });
    const [returned] = await notificationsOf(db, A.applicant.id);
    expect(returned).toMatchObject({ kind: 'returned', link: `/applications/${A.id}`, read_at: null });
    expect(returned!.body).toContain('请补充盖章页');
    const queued = await db
      .selectFrom('email_outbox')
      .selectAll()
      .where('notification_id', '=', returned!.id)
      .execute();
    expect(queued).toMatchObject([{ status: 'pending', attempts: 0, to_address: A.applicant.email }]);
    // A refused action notifies nobody.
    expectError(await act(approver.client, A.id, 'recommend'), 409, 'invalid_transition');
    expect(await notificationsOf(db, A.applicant.id)).toHaveLength(1);
    await act(A.applicant.client, A.id, 'submit', { pledge: PLEDGE });

    // declined
    const B = await submittedApp(batch.id);
    await ok(reviewer.client, 'post', `/api/applications/${B.id}/actions/decline`, { comment: '专业化程度不足' });

    // recommended (the applicant, and the approver who is to send), dispatched (the applicant and the acceptance centre), received (the city)
    const C = await submittedApp(batch.id);
    const D = await submittedApp(batch.id);
    for (const x of [A, C, D]) await ok(reviewer.client, 'post', `/api/applications/${x.id}/actions/recommend`);
    const cityDispatch = (
      await ok(reviewer.client, 'post', '/api/dispatches', {
        applicationIds: [A.id, C.id, D.id],
        letter: '南京市科学技术局推荐函',
      })
    ).dispatch;
    await ok(approver.client, 'post', `/api/dispatches/${cityDispatch.id}/actions/send`, { pledge: CITY_PLEDGE });
    await ok(clerk.client, 'post', `/api/dispatches/${cityDispatch.id}/actions/receive`);
    for (const x of [A, D]) {
      const code = verificationCode((await clerk.client.get(`/api/applications/${x.id}`)).json().snapshot.sha256);
      await ok(clerk.client, 'post', `/api/applications/${x.id}/paper-copies`, {
        count: 2,
        receivedOn: '2026-06-01',
        code,
      });
      await ok(clerk.client, 'post', `/api/applications/${x.id}/actions/accept`);
      await ok(officer.client, 'post', `/api/applications/${x.id}/actions/province_recommend`);
    }
    // correction requested (the applicant and the city reviewer)
    await ok(clerk.client, 'post', `/api/applications/${C.id}/actions/request_correction`, {
      comment: '缺少盖章页原件',
    });
    // the province's dispatch to the Ministry, received, filed and not filed
    const provDispatch = (
      await ok(officer.client, 'post', '/api/dispatches', {
        applicationIds: [A.id, D.id],
        letter: '江苏省科学技术厅推荐函',
      })
    ).dispatch;
    await ok(leader.client, 'post', `/api/dispatches/${provDispatch.id}/actions/send`, { pledge: CITY_PLEDGE });
    await ok(ministry.client, 'post', `/api/dispatches/${provDispatch.id}/actions/receive`);
    await ok(ministry.client, 'post', `/api/applications/${A.id}/actions/file`);
    await ok(ministry.client, 'post', `/api/applications/${D.id}/actions/reject`, { comment: '孵化成效不足' });
    // The applicants hear 予以备案 / 不予备案 when the Ministry publishes the batch's list.
    await ok(ministry.client, 'post', `/api/batches/${batch.id}/publications`, {
      documentNo: '国科火字〔2026〕7号',
      publishedOn: '2026-06-01',
    });

    // account approved: the new applicant account, at the address the unit registered with
    const email = `newunit.${process.pid}@example.com`;
    const reg = await env()
      .anonymous()
      .post('/api/registrations', {
        unitName: '南京通知测试科技有限公司',
        uscc: buildUscc('320100'),
        cityOrgId: NANJING,
        contactName: '赵联系',
        mobile: '13912345678',
        email,
        username: `notify${process.pid}`,
        password: 'Unit@2026pw',
        ...(await registrationExtras(env().anonymous())),
      });
    expect(reg.statusCode, reg.body).toBe(200);
    await ok(reviewer.client, 'post', `/api/registrations/${reg.json().registration.id}/actions/approve`);
    const newUser = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', `notify${process.pid}`)
      .executeTakeFirstOrThrow();

    // Who heard what (in the app).
    const kinds = async (userId: string) => (await notificationsOf(db, userId)).map((n) => n.kind);
    expect(await kinds(A.applicant.id)).toEqual(['returned', 'recommended', 'dispatched', 'dispatched', 'filed']);
    expect(await kinds(B.applicant.id)).toEqual(['declined']);
    expect(await kinds(C.applicant.id)).toEqual(['recommended', 'dispatched', 'correction_requested']);
    expect(await kinds(D.applicant.id)).toEqual(['recommended', 'dispatched', 'dispatched', 'not_filed']);
    expect(await kinds(approver.id)).toEqual([
      'recommended',
      'recommended',
      'recommended',
      'dispatch_to_sign',
      'received',
    ]);
    expect(await kinds(leader.id)).toEqual(['dispatch_to_sign', 'received']);
    expect(await kinds(reviewer.id)).toEqual(['received', 'correction_requested']);
    expect(await kinds(clerk.id)).toEqual(['dispatched']);
    expect(await kinds(ministry.id)).toEqual(['dispatched']);
    expect(await kinds(officer.id)).toEqual(['received']);
    expect(await kinds(newUser.id)).toEqual(['account_approved']);
    const links = (await notificationsOf(db, clerk.id)).map((n) => n.link);
    expect(links).toEqual([`/dispatches/${cityDispatch.id}`]);

    // The e-mails: one pass sends them all, each with its Chinese subject and the link.
    const outbox = await db.selectFrom('email_outbox').selectAll().execute();
    const before = smtp.messages.length;
    const r = await pass();
    expect(r).toEqual({ sent: outbox.length, retried: 0, failed: 0 });
    const mails = smtp.messages.slice(before);
    expect(mails).toHaveLength(outbox.length);
    expect(mails.every((m) => m.auth === null && m.from === FROM)).toBe(true);
    const all = await db.selectFrom('notifications').selectAll().execute();
    const addressOf = new Map(
      (await db.selectFrom('users').select(['id', 'email']).execute()).map((u) => [u.id, u.email]),
    );
    const seen = new Set<NotificationKind>();
    for (const n of all) {
      const link = `查看详情：${BASE}${n.link}`;
      const mail = mails.find(
        (m) => m.to[0] === addressOf.get(n.user_id) && m.subject === n.subject && m.text.includes(link),
      );
      expect(mail, `${n.kind} ${n.subject}`).toBeDefined();
      expect(mail!.subject).toMatch(CHINESE);
      expect(mail!.text).toContain(n.body);
      seen.add(n.kind as NotificationKind);
    }
    expect([...seen].sort()).toEqual(
      [
        'returned',
        'declined',
        'recommended',
        'dispatched',
        'received',
        'correction_requested',
        'filed',
        'not_filed',
        'account_approved',
        'dispatch_to_sign',
      ].sort(),
    );
    const approved = mails.find((m) => m.to[0] === email)!;
    expect(approved.subject).toContain('注册通过');
    expect(approved.text).toContain(`${BASE}/login`);
    const filed = mails.find((m) => m.to[0] === A.applicant.email && m.subject.includes('予以备案'))!;
    expect(filed.text).toContain(`${BASE}/applications/${A.id}`);
    expect((await db.selectFrom('email_outbox').select('status').distinct().execute()).map((x) => x.status)).toEqual([
      'sent',
    ]);
    // A second pass sends nothing again.
    expect(await pass()).toEqual({ sent: 0, retried: 0, failed: 0 });
    env().clock.set(START);
  });

  it('lists one’s own notifications with the unread count, paged; marks one or all read', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const reviewer = await person(buildCityReviewer(db));
    const X = await submittedApp(batch.id);
    await ok(reviewer.client, 'post', `/api/applications/${X.id}/actions/return`, { comment: '请修改' });
    await act(X.applicant.client, X.id, 'submit', { pledge: PLEDGE });
    await ok(reviewer.client, 'post', `/api/applications/${X.id}/actions/recommend`);
    const me = X.applicant.client;

    const page1 = (await me.get('/api/notifications?pageSize=1')).json();
    expect(page1).toMatchObject({ unreadCount: 2, total: 2, page: 1, pageSize: 1 });
    expect(page1.items).toHaveLength(1);
    expect(page1.items[0].kind).toBe('recommended');
    const page2 = (await me.get('/api/notifications?pageSize=1&page=2')).json();
    expect(page2.items[0].kind).toBe('returned');
    expect((await me.get('/api/notifications?pageSize=1&page=3')).json()).toMatchObject({ items: [], total: 2 });
    expect((await me.get('/api/notifications/unread-count')).json()).toEqual({ unreadCount: 2 });

    // Another user's notification is not there for me.
    const others = (await reviewer.client.get('/api/notifications')).json();
    expect(others.items).toEqual([]);
    expectError(await reviewer.client.post(`/api/notifications/${page1.items[0].id}/read`), 404, 'not_found');

    const read = await me.post(`/api/notifications/${page1.items[0].id}/read`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({ unreadCount: 1, notification: { readAt: env().clock.now().toISOString() } });
    expect(
      (await me.get('/api/notifications?unreadOnly=true')).json().items.map((n: { kind: string }) => n.kind),
    ).toEqual(['returned']);
    expect((await me.post('/api/notifications/read-all')).json()).toEqual({ updated: 1, unreadCount: 0 });
    expect((await me.post('/api/notifications/read-all')).json()).toEqual({ updated: 0, unreadCount: 0 });
    const audits = await db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'notification.read')
      .where('actor_id', '=', X.applicant.id)
      .execute();
    // Marking notifications read needs no audit record (issue 12).
    expect(audits).toHaveLength(0);
    expect(NOTIFICATION_KINDS).toContain('reminder_7d');
    env().clock.set(START);
  });
});
