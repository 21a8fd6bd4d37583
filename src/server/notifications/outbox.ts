import { MINUTE } from '../clock.js';
import type { Db } from '../db/database.js';
import { claimOutbox, dueOutbox, finishOutbox, type OutboxRow } from '../repositories/notifications.js';
import { sendMail, SmtpError, type SendOptions } from './smtp.js';

/** The sender's name on every e-mail. */
export const MAIL_FROM_NAME = '专业化众创空间备案申报推荐系统';
/** A refusal the server calls permanent (5xx) is tried this many times before the e-mail is marked failed. */
export const MAX_PERMANENT_ATTEMPTS = 5;
/** How long a sender holds an e-mail it took (another sender may take it after that). */
const LEASE_MS = 10 * MINUTE;
const MAX_BACKOFF_MS = 60 * MINUTE;

/** Delay before the next attempt after `attempts` failed ones: 1, 2, 4 … minutes, at most an hour. */
export const backoffMs = (attempts: number): number =>
  Math.min(MINUTE * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);

export interface OutboxPassOptions {
  db: Db;
  now: () => Date;
  /** Unset: nothing is sent, every e-mail stays pending. */
  smtpUrl: string | undefined;
  from: string;
  /** PUBLIC_BASE_URL without a trailing slash: the link printed in each e-mail. */
  publicBaseUrl: string;
  batchSize?: number;
  smtp?: SendOptions;
  log?: { warn(obj: object, msg: string): void };
}

export interface OutboxPassResult {
  sent: number;
  retried: number;
  failed: number;
}

/** The text of the e-mail: the notification's body, the link to the page, and a footer. */
export function mailText(row: Pick<OutboxRow, 'body' | 'link'>, publicBaseUrl: string): string {
  const link = row.link ? `\n\n查看详情：${publicBaseUrl}${row.link}` : '';
  return `${row.body}${link}\n\n——\n此邮件由${MAIL_FROM_NAME}自动发送，请勿直接回复。`;
}

/**
 * One pass of the outbox: sends the pending e-mails that are due, one SMTP session each. A sent
 * e-mail is marked sent; a failure is counted and retried later with backoff (a 5xx refusal gives up
 * after MAX_PERMANENT_ATTEMPTS and marks the e-mail failed; a server that cannot be reached never
 * does). When the server cannot be reached the pass stops, leaving the rest for the next one.
 */
export async function runOutboxPass(opts: OutboxPassOptions): Promise<OutboxPassResult> {
  const result: OutboxPassResult = { sent: 0, retried: 0, failed: 0 };
  if (!opts.smtpUrl) return result;
  const rows = await dueOutbox(opts.db, opts.now(), opts.batchSize ?? 50);
  for (const row of rows) {
    const now = opts.now();
    if (!(await claimOutbox(opts.db, row, now, new Date(now.getTime() + LEASE_MS)))) continue;
    const attempts = Number(row.attempts) + 1;
    try {
      await sendMail(
        opts.smtpUrl,
        {
          from: opts.from,
          fromName: MAIL_FROM_NAME,
          to: row.to_address,
          subject: row.subject,
          text: mailText(row, opts.publicBaseUrl),
        },
        { date: now, ...opts.smtp },
      );
      await finishOutbox(opts.db, row.id, {
        status: 'sent',
        attempts,
        nextAttemptAt: now,
        error: null,
        sentAt: opts.now(),
      });
      result.sent++;
    } catch (err) {
      const smtpErr = err instanceof SmtpError ? err : new SmtpError(String(err));
      const giveUp = smtpErr.permanent && attempts >= MAX_PERMANENT_ATTEMPTS;
      await finishOutbox(opts.db, row.id, {
        status: giveUp ? 'failed' : 'pending',
        attempts,
        nextAttemptAt: new Date(opts.now().getTime() + backoffMs(attempts)),
        error: smtpErr.message.slice(0, 500),
        sentAt: null,
      });
      opts.log?.warn({ outboxId: row.id, attempts, err: smtpErr.message }, 'e-mail not sent');
      if (giveUp) result.failed++;
      else result.retried++;
      // The server is unreachable: the other e-mails would fail the same way; try again next pass.
      if (smtpErr.code === undefined) break;
    }
  }
  return result;
}
