/** B3 submit storm: applications submitted at once, then what the database holds for them checked. */
import { type Database } from '../src/server/db/database.js';
import { examplePledge } from '../src/domain/example-content.js';
import type { HttpRequest } from './lib/http.js';
import type { OnceResult } from './lib/loadgen.js';
import { cpuMsOf, RssSampler } from './lib/proc.js';
import type { SeedResult } from './lib/seed.js';
import { round } from './lib/stats.js';
import { HOST, log } from './lib/settings.js';
import type { Ctx } from './lib/measure.js';
import { jsonHeaders, type Sessions } from './lib/sessions.js';

export async function benchSubmitStorm(ctx: Ctx, seeded: SeedResult, sessions: Sessions) {
  const storm = seeded.storm;
  // The pledge is signed by each unit's legal representative, as the submission rule requires (a
  // different signer must be confirmed as authorised).
  const signers = await legalRepresentatives(
    ctx.database,
    storm.map((u) => u.appId),
  );
  const submit = (u: (typeof storm)[number]): HttpRequest => ({
    method: 'POST',
    path: `/api/applications/${u.appId}/actions/submit`,
    headers: jsonHeaders(sessions.byUser.get(u.username)),
    body: JSON.stringify({
      pledge: { ...examplePledge, signerName: signers.get(u.appId) ?? examplePledge.signerName },
    }),
  });
  // Every applicant submits once; one in ten presses the button twice (the second on another connection).
  const requests: HttpRequest[] = [];
  const owner: number[] = [];
  storm.forEach((u, i) => {
    requests.push(submit(u));
    owner.push(i);
    if (i % 10 === 0) {
      requests.push(submit(u));
      owner.push(i);
    }
  });
  const sampler = new RssSampler(ctx.server.pid).start();
  const cpu0 = cpuMsOf(ctx.server.pid);
  const res: OnceResult = await ctx.load.run({
    mode: 'once',
    host: HOST,
    port: ctx.server.port,
    connections: 100,
    requests,
    warmUp: { method: 'GET', path: '/api/health' },
  });
  const cpu = cpuMsOf(ctx.server.pid) - cpu0;
  const peak = sampler.stop();
  const okPer = new Array<number>(storm.length).fill(0);
  const refusedDuplicates: Record<string, number> = {};
  const errors: string[] = [];
  res.responses.forEach((r, k) => {
    const i = owner[k]!;
    if (r.status === 200) okPer[i]!++;
    else if (r.status === 409) {
      const code = /"code":"(\w+)"/.exec(r.body ?? '')?.[1] ?? '409';
      refusedDuplicates[code] = (refusedDuplicates[code] ?? 0) + 1;
    } else errors.push(`${r.status} ${r.body ?? r.error ?? ''}`.slice(0, 300));
  });
  const succeededOnce = okPer.filter((n) => n === 1).length;
  const succeededTwice = okPer.filter((n) => n > 1).length;
  // The slowest answers, to tell a queue (all slow alike) from requests left waiting (bench/README.md).
  const slowest = res.responses
    .map((r, k) => ({
      k,
      duplicate: owner[k - 1] === owner[k],
      sentMs: r.sentMs ?? 0,
      ms: r.ms ?? 0,
      status: r.status,
    }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 12);
  if (process.env.BENCH_DEBUG === '1') log(`B3 slowest: ${JSON.stringify(slowest)}`);
  const verify = await verifyStorm(
    ctx.database,
    storm.map((u) => u.appId),
  );
  const seconds = round(res.elapsedMs / 1000, 1);
  const out = {
    applicants: storm.length,
    requests: requests.length,
    connections: 100,
    seconds,
    perSecond: round(requests.length / (res.elapsedMs / 1000), 1),
    p50: res.p50,
    p99: res.p99,
    succeededOnce,
    succeededTwice,
    notSucceeded: storm.length - succeededOnce - succeededTwice,
    refusedDuplicates,
    errors: errors.length,
    firstErrors: errors.slice(0, 3),
    serverCpuMsPerRequest: round(cpu / requests.length, 2),
    serverPeakRssMb: round(peak, 0),
    slowest,
    verify,
  };
  log(
    `B3 submit storm: ${storm.length} applicants (${requests.length} requests) in ${seconds} s; once ${succeededOnce}, twice ${succeededTwice}, errors ${errors.length}; p99 ${res.p99} ms; DB: ${JSON.stringify(verify)}`,
  );
  for (const e of errors.slice(0, 3)) log(`  error: ${e}`);
  return out;
}

/** The legal representative's name in each application's content. */
async function legalRepresentatives(database: Database, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await database.db
      .selectFrom('application_sections')
      .select(['application_id as id', 'content'])
      .where('application_id', 'in', ids.slice(i, i + 500))
      .where('section', '=', 'basicInfo')
      .execute();
    for (const r of rows) {
      const name = (JSON.parse(r.content) as { legalRepresentative?: { name?: string } }).legalRepresentative?.name;
      if (name) out.set(r.id, name);
    }
  }
  return out;
}

/** What the database holds for the storm's applications: one of everything per application. */
async function verifyStorm(database: Database, ids: string[]) {
  const db = database.db;
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += 500) chunks.push(ids.slice(i, i + 500));
  const total = {
    submitted: 0,
    snapshots: 0,
    appsWithOneSnapshot: 0,
    pledges: 0,
    submitEvents: 0,
    appsWithOneSubmitEvent: 0,
    auditRecords: 0,
    numbers: new Set<string>(),
  };
  for (const chunk of chunks) {
    const apps = await db.selectFrom('applications').select(['status', 'number']).where('id', 'in', chunk).execute();
    total.submitted += apps.filter((a) => a.status === 'submitted').length;
    for (const a of apps) if (a.number) total.numbers.add(a.number);
    const snaps = await db
      .selectFrom('application_snapshots')
      .select(['application_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('application_id', 'in', chunk)
      .groupBy('application_id')
      .execute();
    total.snapshots += snaps.reduce((a, s) => a + Number(s.n), 0);
    total.appsWithOneSnapshot += snaps.filter((s) => Number(s.n) === 1).length;
    const pledges = await db
      .selectFrom('pledges')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('application_id', 'in', chunk)
      .executeTakeFirstOrThrow();
    total.pledges += Number(pledges.n);
    const events = await db
      .selectFrom('application_events')
      .select(['application_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('application_id', 'in', chunk)
      .where('action', '=', 'submit')
      .groupBy('application_id')
      .execute();
    total.submitEvents += events.reduce((a, s) => a + Number(s.n), 0);
    total.appsWithOneSubmitEvent += events.filter((s) => Number(s.n) === 1).length;
    const audit = await db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('target_type', '=', 'application')
      .where('target_id', 'in', chunk)
      .where('action', '=', 'application.submit')
      .executeTakeFirstOrThrow();
    total.auditRecords += Number(audit.n);
  }
  const { numbers, ...rest } = total;
  return { ...rest, distinctNumbers: numbers.size };
}
