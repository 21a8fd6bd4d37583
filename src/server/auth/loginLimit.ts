import { AppError } from '../../domain/errors.js';
import { MINUTE } from '../clock.js';
import type { AttemptCounter } from './attemptCounter.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Failed logins per client address (RATE_LIMIT_LOGIN per LOGIN_WINDOW_MS). */
    loginAttempts: AttemptCounter;
  }
}

/** The window of the per-address limit on failed logins. */
export const LOGIN_WINDOW_MS = 10 * MINUTE;

export const LOGIN_RATE_LIMITED = '该地址登录失败次数过多，请 10 分钟后再试';

const key = (ip: string) => `login:${ip}`;

/** Throws 429 when this client address has used up its failed logins in the window. */
export async function assertLoginAllowed(counter: AttemptCounter, ip: string, max: number, now: Date): Promise<void> {
  if ((await counter.count(key(ip), now)) >= max) throw new AppError('rate_limited', LOGIN_RATE_LIMITED);
}

/**
 * Runs a login, counting a refused one (wrong password, unknown or locked account) against the
 * client address. Refusals that need the right password (pending, disabled) are not guesses.
 */
export async function countingFailures<T>(counter: AttemptCounter, ip: string, now: Date, run: () => Promise<T>) {
  try {
    return await run();
  } catch (err) {
    if (err instanceof AppError && err.code === 'invalid_credentials') await counter.hit(key(ip), now);
    throw err;
  }
}
