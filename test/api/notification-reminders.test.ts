import { expect, it } from 'vitest';
import { DAY, MINUTE } from '../../src/server/clock.js';
import { jobDefinitions } from '../../src/server/jobs/definitions.js';
import { startInProcessRunner } from '../../src/server/jobs/inProcessRunner.js';
import { runReminders } from '../../src/server/notifications/reminders.js';
import { describeEachDb } from '../helpers/env.js';
import {
  buildApplicant,
  buildApplication,
  buildBatch,
  buildCityApprover,
  buildCityReviewer,
  buildProvinceOfficer,
  NANJING,
  SUZHOU,
} from '../factories.js';
import { BASE, FROM, notificationsOf, notificationSuite, setEmail, START } from '../helpers/notifications.js';

describeEachDb('notifications: in the app and by e-mail through the outbox, reminders', (env) => {
  const { mail: smtp, pass } = notificationSuite(env);

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
});
