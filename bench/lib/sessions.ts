/** The bench users logged in through the API, and the headers their requests carry. */
import type { HttpRequest } from './http.js';
import { BENCH_PASSWORD, type SeedResult } from './seed.js';
import { round } from './stats.js';
import { HOST, log } from './settings.js';
import type { Ctx } from './measure.js';

export interface Session {
  cookie: string;
  csrf: string;
}
export interface Sessions {
  byUser: Map<string, Session>;
  stats: { count: number; seconds: number; perSecond: number; p99Ms: number; errors: number };
}

export const jsonHeaders = (s?: Session): Record<string, string> => ({
  'content-type': 'application/json',
  ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}),
});

/** Logs every bench user in through the API (argon2 verification included), 8 at a time. */
export async function logIn(ctx: Ctx, seeded: SeedResult): Promise<Sessions> {
  const usernames = [
    seeded.reviewer.username,
    seeded.reviewer.approver,
    seeded.provinceOfficer.username,
    seeded.ministryUsername,
    ...seeded.autosave.map((u) => u.username),
    ...seeded.storm.map((u) => u.username),
  ];
  const requests: HttpRequest[] = usernames.map((username) => ({
    method: 'POST',
    path: '/api/session',
    headers: jsonHeaders(),
    body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  }));
  const res = await ctx.load.run({
    mode: 'once',
    host: HOST,
    port: ctx.server.port,
    connections: 8,
    requests,
    keepBodies: true,
  });
  const byUser = new Map<string, Session>();
  let errors = 0;
  res.responses.forEach((r, i) => {
    const sid = /msf_sid=([^;]+)/.exec(r.setCookie ?? '')?.[1];
    if (r.status !== 200 || !sid) {
      errors++;
      if (errors <= 3) log(`login of ${usernames[i]} failed: ${r.status} ${r.body ?? r.error}`);
      return;
    }
    byUser.set(usernames[i]!, {
      cookie: `msf_sid=${sid}`,
      csrf: (JSON.parse(r.body!) as { csrfToken: string }).csrfToken,
    });
  });
  const seconds = res.elapsedMs / 1000;
  const stats = {
    count: usernames.length,
    seconds: round(seconds, 1),
    perSecond: round(usernames.length / seconds, 1),
    p99Ms: res.p99,
    errors,
  };
  log(`logins: ${stats.count} in ${stats.seconds} s (${stats.perSecond}/s), ${errors} failed`);
  if (errors) throw new Error('logins failed; see above');
  return { byUser, stats };
}
