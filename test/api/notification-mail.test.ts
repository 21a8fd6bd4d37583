import { expect, it } from 'vitest';
import { MINUTE } from '../../src/server/clock.js';
import { MAX_PERMANENT_ATTEMPTS } from '../../src/server/notifications/outbox.js';
import { describeEachDb } from '../helpers/env.js';
import { closedPort, startSmtpServer } from '../helpers/smtp-server.js';
import { closeMailTransports } from '../../src/server/notifications/smtp.js';
import { buildBatch, buildCityReviewer } from '../factories.js';
import { BASE, CHINESE, notificationSuite, START } from '../helpers/notifications.js';

describeEachDb('notifications: in the app and by e-mail through the outbox, reminders', (env) => {
  const { mail: smtp, pass, person, submittedApp, ok } = notificationSuite(env);

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
});
