import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { runOutboxPass } from './outbox.js';
import { runReminders } from './reminders.js';
import { closeMailTransports } from './smtp.js';

export interface NotificationLoop {
  /** One pass now: reminders, then the outbox. */
  runOnce(): Promise<void>;
  /** Stops the timer and waits for a pass in progress. */
  stop(): Promise<void>;
}

/** Reminders are looked for at most this often (they are due on days, not minutes). */
const REMINDERS_EVERY_MS = 10 * 60_000;

/**
 * The background sender: every `intervalMs` it sends the pending e-mails, and every ten minutes
 * writes the reminders that are due first. A pass never overlaps the previous one; an error is
 * logged and the next pass tries again (nothing is lost: the outbox keeps every e-mail until sent).
 */
export function startNotificationLoop(opts: {
  db: Db;
  clock: Clock;
  config: Pick<Config, 'SMTP_URL' | 'SMTP_FROM' | 'publicBaseUrl'>;
  log: FastifyBaseLogger;
  intervalMs?: number;
}): NotificationLoop {
  let running: Promise<void> | null = null;
  let remindedAt = -Infinity;
  const pass = async () => {
    const now = opts.clock.now().getTime();
    if (now - remindedAt >= REMINDERS_EVERY_MS) {
      remindedAt = now;
      try {
        await runReminders(opts.db, opts.clock.now());
      } catch (err) {
        opts.log.error({ err }, 'reminder job failed');
      }
    }
    try {
      const r = await runOutboxPass({
        db: opts.db,
        now: () => opts.clock.now(),
        smtpUrl: opts.config.SMTP_URL,
        from: opts.config.SMTP_FROM,
        publicBaseUrl: opts.config.publicBaseUrl,
        log: opts.log,
      });
      if (r.sent || r.retried || r.failed) opts.log.info(r, 'e-mail outbox pass');
    } catch (err) {
      opts.log.error({ err }, 'e-mail outbox pass failed');
    }
  };
  const runOnce = () => (running ??= pass().finally(() => (running = null)));
  const timer = setInterval(() => void runOnce(), opts.intervalMs ?? 60_000);
  timer.unref();
  return {
    runOnce,
    async stop() {
      clearInterval(timer);
      await running;
      closeMailTransports();
    },
  };
}
