/** Fixtures of the notification API tests: an SMTP server per suite, outbox passes, people with e-mail. */
import { afterAll, beforeAll, expect } from 'vitest';
import type { Db } from '../../src/server/db/database.js';
import { runOutboxPass } from '../../src/server/notifications/outbox.js';
import { type Client, type TestEnv } from './env.js';
import { act, completeApplication, PLEDGE } from './applications.js';
import { startSmtpServer, type TestSmtpServer } from './smtp-server.js';
import { closeMailTransports } from '../../src/server/notifications/smtp.js';
import { buildApplicant } from '../factories.js';

export const BASE = 'https://filing.example.gov.cn';
export const FROM = 'noreply@filing.example.gov.cn';
export const START = '2026-06-01T02:00:00.000Z';
export const CITY_PLEDGE = { signerName: '周建华', agreed: true };
export const CHINESE = /[\u4e00-\u9fa5]/;

let mailSeq = 0;
export const setEmail = async (db: Db, userId: string) => {
  const email = `user${++mailSeq}.${process.pid}@example.com`;
  await db.updateTable('users').set({ email }).where('id', '=', userId).execute();
  return email;
};

export const notificationsOf = (db: Db, userId: string) =>
  db
    .selectFrom('notifications')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();

/**
 * Registers the suite's SMTP server (started before its tests, closed after them) and returns the helpers
 * bound to the suite's environment; `mail` reads the server's messages and URL once it has started.
 */
export function notificationSuite(env: () => TestEnv) {
  let smtp: TestSmtpServer | undefined;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    closeMailTransports();
    await smtp?.close();
  });
  /** One pass of the outbox, through the test SMTP server unless another URL (or none) is given. */
  const pass = (...url: [string | undefined] | []) =>
    runOutboxPass({
      db: env().db,
      now: () => env().clock.now(),
      smtpUrl: url.length ? url[0] : mail.url,
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

  const mail = {
    get messages() {
      return smtp!.messages;
    },
    get url() {
      return smtp!.url;
    },
  };
  return { mail, pass, person, submittedApp, ok };
}
