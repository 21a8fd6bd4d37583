import { afterAll, beforeAll, expect, it } from 'vitest';
import { NOTIFICATION_KINDS, type NotificationKind } from '../../src/domain/schemas/notifications.js';
import { verificationCode } from '../../src/domain/verification-code.js';
import { DAY, MINUTE } from '../../src/server/clock.js';
import type { Db } from '../../src/server/db/database.js';
import { MAX_PERMANENT_ATTEMPTS, runOutboxPass } from '../../src/server/notifications/outbox.js';
import { jobDefinitions } from '../../src/server/jobs/definitions.js';
import { startInProcessRunner } from '../../src/server/jobs/inProcessRunner.js';
import { runReminders } from '../../src/server/notifications/reminders.js';
import { describeEachDb, type Client } from '../helpers/env.js';
import { act, completeApplication, expectError, PLEDGE } from '../helpers/applications.js';
import { closedPort, startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server.js';
import { closeMailTransports } from '../../src/server/notifications/smtp.js';
import {
  buildAcceptanceClerk,
  buildApplicant,
  buildApplication,
  buildBatch,
  buildCityApprover,
  buildCityReviewer,
  buildMinistryOfficer,
  buildProvinceApprover,
  buildProvinceOfficer,
  buildUscc,
  NANJING,
  SUZHOU,
} from '../factories.js';
import { registrationExtras } from '../helpers/registrations.js';

const BASE = 'https://filing.example.gov.cn';
const FROM = 'noreply@filing.example.gov.cn';
const START = '2026-06-01T02:00:00.000Z';
const CITY_PLEDGE = { signerName: '周建华', agreed: true };
const CHINESE = /[\u4e00-\u9fa5]/;

let mailSeq = 0;
const setEmail = async (db: Db, userId: string) => {
  const email = `user${++mailSeq}.${process.pid}@example.com`;
  await db.updateTable('users').set({ email }).where('id', '=', userId).execute();
  return email;
};

const notificationsOf = (db: Db, userId: string) =>
  db
    .selectFrom('notifications')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();

describeEachDb('notifications: in the app and by e-mail through the outbox, reminders', (env) => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    closeMailTransports();
    await smtp.close();
  });
  /** One pass of the outbox, through the test SMTP server unless another URL (or none) is given. */
  const pass = (...url: [string | undefined] | []) =>
    runOutboxPass({
      db: env().db,
      now: () => env().clock.now(),
      smtpUrl: url.length ? url[0] : smtp.url,
      from: FROM,
      publicBaseUrl: BASE,
    });
  /** Events a second apart, so that the notifications' order is their order. */
  const tick = () => env().clock.advance(1000);

  /** A logged-in user with an e-mail address. */
  async function person(u: Promise<{ id: string; username: string }>) {
    const user = await u;
    const email = await setEmail(env().db, user.id);
    return { ...user, email, client: await env().login(user.username) };
  }

  async function submittedApp(batchId: string) {
    const u = await buildApplicant(env().db);
    const p = { ...u, email: await setEmail(env().db, u.id), client: await env().login(u.username) };
    const { id } = await completeApplication(p.client, batchId, u.unit);
    const res = await act(p.client, id, 'submit', { pledge: PLEDGE });
    expect(res.statusCode, res.body).toBe(200);
    return { id, applicant: p };
  }

  async function ok(c: Client, method: 'post' | 'patch', url: string, body: object = {}) {
    tick();
    const res = await c[method](url, body);
    expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  }

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

  it('a mail server that is down loses nothing: the e-mail stays queued and a later pass sends it', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const reviewer = await person(buildCityReviewer(db));
    const X = await submittedApp(batch.id);
    const Y = await submittedApp(batch.id);
    await ok(reviewer.client, 'post', `/api/applications/${X.id}/actions/decline`, { comment: '不符合条件' });
    await ok(reviewer.client, 'post', `/api/applications/${Y.id}/actions/decline`, { comment: '不符合条件' });
    const rows = () =>
      db
        .selectFrom('email_outbox')
        .selectAll()
        .where('to_address', 'in', [X.applicant.email, Y.applicant.email])
        .orderBy('created_at')
        .orderBy('to_address')
        .execute();

    // Without SMTP_URL nothing is sent; the in-app notification is there all the same.
    expect(await pass(undefined)).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect((await rows()).map((r) => r.status)).toEqual(['pending', 'pending']);
    const inbox = (await X.applicant.client.get('/api/notifications')).json();
    expect(inbox.unreadCount).toBe(1);
    expect(inbox.items[0]).toMatchObject({ kind: 'declined', kindLabel: '不予推荐', link: `/applications/${X.id}` });

    // Connection refused: the first e-mail is tried and rescheduled, the pass stops there.
    const before = smtp.messages.length;
    const down = `smtp://127.0.0.1:${await closedPort()}`;
    const at = env().clock.now();
    expect(await pass(down)).toEqual({ sent: 0, retried: 1, failed: 0 });
    const [first, second] = await rows();
    expect(first).toMatchObject({ status: 'pending', attempts: 1, last_attempt_at: at.toISOString() });
    expect(first!.last_error).toMatch(/failed|refused/i);
    expect(first!.next_attempt_at).toBe(new Date(at.getTime() + MINUTE).toISOString());
    expect(second).toMatchObject({ status: 'pending', attempts: 0 });
    // The server is back: the second (due) goes now, the first when its retry is due.
    expect(await pass()).toEqual({ sent: 1, retried: 0, failed: 0 });
    env().clock.advance(MINUTE);
    expect(await pass()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect((await rows()).map((r) => [r.status, r.attempts])).toEqual([
      ['sent', 2],
      ['sent', 1],
    ]);
    const arrived = smtp.messages.slice(before);
    expect(arrived.map((m) => m.to[0]).sort()).toEqual([X.applicant.email, Y.applicant.email].sort());
    expect(arrived.every((m) => CHINESE.test(m.subject) && m.text.includes(BASE))).toBe(true);

    // A permanent refusal (5xx) is retried a few times with backoff, then marked failed — never lost silently.
    const refusing = await startSmtpServer({ rejectRecipient: { match: /./, reply: '550 5.1.1 mailbox unavailable' } });
    try {
      const Z = await submittedApp(batch.id);
      await ok(reviewer.client, 'post', `/api/applications/${Z.id}/actions/decline`, { comment: '不符合条件' });
      for (let i = 1; i <= MAX_PERMANENT_ATTEMPTS; i++) {
        const r = await pass(refusing.url);
        expect(r).toEqual(
          i < MAX_PERMANENT_ATTEMPTS ? { sent: 0, retried: 1, failed: 0 } : { sent: 0, retried: 0, failed: 1 },
        );
        env().clock.advance(2 * 60 * MINUTE);
      }
      const z = await db
        .selectFrom('email_outbox')
        .selectAll()
        .where('to_address', '=', Z.applicant.email)
        .executeTakeFirstOrThrow();
      expect(z).toMatchObject({ status: 'failed', attempts: MAX_PERMANENT_ATTEMPTS });
      expect(z.last_error).toContain('550');
    } finally {
      await refusing.close();
      env().clock.set(START);
    }
  });

  it('with credentials, a server without STARTTLS gets neither password nor mail: the e-mail stays queued (issue 11 item 9)', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const reviewer = await person(buildCityReviewer(db));
    const X = await submittedApp(batch.id);
    await ok(reviewer.client, 'post', `/api/applications/${X.id}/actions/decline`, { comment: '不符合条件' });
    const row = () =>
      db.selectFrom('email_outbox').selectAll().where('to_address', '=', X.applicant.email).executeTakeFirstOrThrow();
    // A relay that asks for a password but offers no STARTTLS (as when an attacker strips it).
    const plain = await startSmtpServer({ auth: { user: 'mailer', pass: 's3cret' } });
    try {
      const at = env().clock.now();
      const withPassword = plain.url;
      expect(withPassword).toContain('mailer:s3cret@');
      expect(await pass(withPassword)).toEqual({ sent: 0, retried: 1, failed: 0 });
      expect(plain.messages).toHaveLength(0);
      expect(plain.commands.some((c) => c.startsWith('AUTH'))).toBe(false);
      expect(await row()).toMatchObject({ status: 'pending', attempts: 1 });
      expect((await row()).next_attempt_at).toBe(new Date(at.getTime() + MINUTE).toISOString());
      // Retried later, it still refuses to send in clear; it is never marked failed for this.
      for (let i = 0; i < 6; i++) {
        env().clock.advance(2 * 60 * MINUTE);
        expect(await pass(withPassword)).toEqual({ sent: 0, retried: 1, failed: 0 });
      }
      expect(await row()).toMatchObject({ status: 'pending', attempts: 7 });
      expect(plain.messages).toHaveLength(0);
      // Without credentials (a relay that needs none) it is delivered.
      env().clock.advance(2 * 60 * MINUTE);
      const before = smtp.messages.length;
      expect(await pass()).toEqual({ sent: 1, retried: 0, failed: 0 });
      expect(smtp.messages.slice(before).map((m) => m.to[0])).toEqual([X.applicant.email]);
      expect(await row()).toMatchObject({ status: 'sent' });
    } finally {
      closeMailTransports();
      await plain.close();
      env().clock.set(START);
    }
  });

  it('reminds 7 days and 1 day before each deadline whoever still has work due, once each', async () => {
    const db = env().db;
    const now = Date.parse(START);
    const batch = await buildBatch(db, {
      applicantDeadlines: { [NANJING]: new Date(now + 5 * DAY).toISOString() },
      cityDeadline: new Date(now + 6 * DAY).toISOString(),
      provinceDeadline: new Date(now + 20 * DAY).toISOString(),
    });
    const drafting = await buildApplicant(db);
    const returning = await buildApplicant(db);
    const done = await buildApplicant(db);
    const draftApp = await buildApplication(db, { batchId: batch.id, unit: drafting.unit, status: 'draft' });
    await buildApplication(db, { batchId: batch.id, unit: returning.unit, status: 'returned' });
    await buildApplication(db, { batchId: batch.id, unit: done.unit, status: 'submitted' });
    const suzhou = await buildApplicant(db, { cityOrgId: SUZHOU });
    await buildApplication(db, { batchId: batch.id, unit: suzhou.unit, status: 'recommended' });
    const szReviewer = await buildCityReviewer(db, SUZHOU);
    const szApprover = await buildCityApprover(db, SUZHOU);
    const njApprover = await buildCityApprover(db);
    const officer = await buildProvinceOfficer(db);
    const emails = new Map<string, string>();
    for (const u of [drafting, returning, szReviewer, szApprover]) emails.set(u.id, await setEmail(db, u.id));

    const kindsOf = async (id: string) => (await notificationsOf(db, id)).map((n) => n.kind);
    const reminderCount = async () =>
      Number(
        (
          await db
            .selectFrom('notifications')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('kind', 'in', ['reminder_7d', 'reminder_1d'])
            .executeTakeFirstOrThrow()
        ).n,
      );

    const before = await reminderCount();
    expect(await runReminders(db, env().clock.now())).toBe(4);
    expect(await kindsOf(drafting.id)).toEqual(['reminder_7d']);
    expect(await kindsOf(returning.id)).toEqual(['reminder_7d']);
    expect(await kindsOf(done.id)).toEqual([]);
    expect(await kindsOf(szReviewer.id)).toEqual(['reminder_7d']);
    expect(await kindsOf(szApprover.id)).toEqual(['reminder_7d']);
    expect(await kindsOf(njApprover.id)).toEqual([]);
    expect(await kindsOf(officer.id)).toEqual([]);
    const [draftReminder] = await notificationsOf(db, drafting.id);
    expect(draftReminder!.link).toBe(`/applications/${draftApp.id}`);
    expect(draftReminder!.body).toContain('尚未提交');
    // Idempotent: running again (or concurrently) sends nothing more.
    expect(await runReminders(db, env().clock.now())).toBe(0);
    await Promise.all([runReminders(db, env().clock.now()), runReminders(db, env().clock.now())]);
    expect(await reminderCount()).toBe(before + 4);

    // 12 hours before the applicant deadline: the 1-day reminder, once; the city's 7-day one is not repeated.
    env().clock.set(new Date(now + 4.5 * DAY));
    try {
      expect(await runReminders(db, env().clock.now())).toBe(2);
      expect(await kindsOf(drafting.id)).toEqual(['reminder_7d', 'reminder_1d']);
      expect(await kindsOf(szApprover.id)).toEqual(['reminder_7d']);
      expect(await runReminders(db, env().clock.now())).toBe(0);

      // Both reminders reach the applicant by e-mail, with a Chinese subject and the link.
      const sent = smtp.messages.length;
      await pass();
      const mails = smtp.messages.slice(sent).filter((m) => m.to[0] === emails.get(drafting.id));
      expect(mails).toHaveLength(2);
      for (const m of mails) {
        expect(m.subject).toContain('截止提醒');
        expect(m.text).toContain(`${BASE}/applications/${draftApp.id}`);
      }
      expect(mails.map((m) => /距截止不足 (7|1) 天/.exec(m.text)?.[1]).sort()).toEqual(['1', '7']);
      const city = smtp.messages.slice(sent).find((m) => m.to[0] === emails.get(szReviewer.id));
      expect(city!.subject).toContain('报送省科技厅');
      expect(city!.text).toContain(`${BASE}/city/approve`);
    } finally {
      env().clock.set(START);
    }
  });

  it('reminds province officers before the province → Ministry deadline of province-recommended applications not yet sent', async () => {
    const db = env().db;
    const now = Date.parse(START);
    const batch = await buildBatch(db, {
      cityDeadline: new Date(now + 10 * DAY).toISOString(),
      provinceDeadline: new Date(now + 20 * 60 * MINUTE).toISOString(),
    });
    await buildApplication(db, {
      batchId: batch.id,
      unit: (await buildApplicant(db)).unit,
      status: 'province_recommended',
    });
    const officer = await buildProvinceOfficer(db);
    const email = await setEmail(db, officer.id);
    expect(await runReminders(db, env().clock.now())).toBeGreaterThanOrEqual(1);
    const mine = await notificationsOf(db, officer.id);
    expect(mine.map((n) => n.kind)).toEqual(['reminder_1d']);
    expect(mine[0]!.link).toBe('/province');
    const sent = smtp.messages.length;
    await pass();
    const mail = smtp.messages.slice(sent).find((m) => m.to[0] === email)!;
    expect(mail.subject).toContain('报送科技部');
    expect(mail.text).toContain(`${BASE}/province`);
  });

  it('the in-process job runner writes due reminders and sends the outbox once though asked twice; it stops cleanly', async () => {
    const db = env().db;
    const batch = await buildBatch(db, {
      applicantDeadlines: { [NANJING]: new Date(Date.parse(START) + 3 * DAY).toISOString() },
    });
    const a = await buildApplicant(db);
    const email = await setEmail(db, a.id);
    await buildApplication(db, { batchId: batch.id, unit: a.unit, status: 'draft' });
    const runner = startInProcessRunner({
      ctx: {
        db,
        clock: env().clock,
        config: { ...env().app.config, SMTP_URL: smtp.url, SMTP_FROM: FROM, publicBaseUrl: BASE },
        files: env().app.files,
        log: env().app.log,
      },
      jobs: jobDefinitions(),
    });
    const before = smtp.messages.length;
    await Promise.all([runner.send('deadline-reminders'), runner.send('deadline-reminders')]);
    await Promise.all([runner.send('email-outbox'), runner.send('email-outbox')]);
    await runner.stop();
    const mails = smtp.messages.slice(before).filter((m) => m.to[0] === email);
    expect(mails.map((m) => m.subject)).toEqual([expect.stringContaining('截止提醒')]);
    expect((await notificationsOf(db, a.id)).map((n) => n.kind)).toEqual(['reminder_7d']);
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
