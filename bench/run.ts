/**
 * npm run bench — deadline day and a national deployment, each figure beside a raw baseline measured
 * in the same run. See bench/README.md for what is measured and how to read it.
 *
 * Environment: BENCH_DBS=sqlite,postgres (default both), BENCH_APPS=100000, BENCH_RUN_SECONDS=5,
 * BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/postgres (an admin connection; the bench creates and
 * drops its own database msf_bench), BENCH_PROFILE=1 (write --cpu-prof profiles of the server to
 * bench/results/profiles/), BENCH_KEEP=1 (keep the temporary directory and database).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../src/server/db/database.js';
import { examplePledge } from '../src/domain/example-content.js';
import { APPLICATION_STATUSES } from '../src/domain/workflow.js';
import type { HttpRequest } from './lib/http.js';
import type { DurationResult, DurationSpec, OnceResult } from './lib/loadgen.js';
import { cpuMsOf, LoadGenerator, memoryOf, RssSampler, sleep, startNode, stop, waitHealthy } from './lib/proc.js';
import { BENCH_PASSWORD, CURRENT_BATCH, seedBench, type SeedResult } from './lib/seed.js';
import { median, round } from './lib/stats.js';
import { writeReadme, type BenchResult, type Comparison, type Side } from './lib/report.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const RESULTS = path.join(ROOT, 'bench/results');
const DBS = (process.env.BENCH_DBS ?? 'sqlite,postgres').split(',').map((s) => s.trim()) as ('sqlite' | 'postgres')[];
const APPS = Number(process.env.BENCH_APPS ?? 100_000);
const RUN_MS = Number(process.env.BENCH_RUN_SECONDS ?? 5) * 1000;
const WARMUP_MS = 1000;
const ROUNDS = 3;
const CONNECTIONS = 50;
const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PG_DB = process.env.BENCH_PG_DB ?? 'msf_bench';
const PROFILE = process.env.BENCH_PROFILE === '1';
const SPEEDUPS = process.env.BENCH_SPEEDUPS === '1';
const KEEP = process.env.BENCH_KEEP === '1';
const HOST = '127.0.0.1';
/** BENCH_ONLY=b1,b3 runs only those benchmarks (for profiling one of them). */
const ONLY = process.env.BENCH_ONLY
  ? new Set(process.env.BENCH_ONLY.split(',').map((s) => s.trim().toLowerCase()))
  : null;
const runs = (b: string) => !ONLY || ONLY.has(b);

const log = (...args: unknown[]) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...args);

async function main(): Promise<void> {
  // `npm run bench -- similarity`: the 查重 benchmark only (bench/similarity.ts).
  if (process.argv[2] === 'similarity') return (await import('./similarity.js')).benchSimilarity();
  // `npm run bench -- b7`: audited writes with 1–64 writers on PostgreSQL (bench/b7.ts).
  if (process.argv[2] === 'b7') return void (await (await import('./b7.js')).runB7(RESULTS));
  // `npm run bench -- b6`: 1, 2 and 3 instances behind HAProxy on one PostgreSQL (bench/b6.ts).
  if (process.argv[2] === 'b6') return void (await (await import('./b6.js')).runB6(RESULTS));
  fs.mkdirSync(RESULTS, { recursive: true });
  log(`autocannon is not used: bench/lib/loadgen.ts drives the load (see bench/README.md)`);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const written: string[] = [];
  // The server runs as `npm start` runs it: compiled to dist/server/main.js, no TypeScript loader.
  log('compiling the server (scripts/build-server.mjs)');
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-server.mjs')], { stdio: 'inherit' });
  for (const db of DBS) {
    const result = await benchDatabase(db);
    const file = path.join(RESULTS, `${stamp}-${db}.json`);
    fs.writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
    written.push(file);
    log(`results: ${path.relative(ROOT, file)}`);
  }
  await writeReadme(path.join(ROOT, 'bench/README.md'), RESULTS);
  log(`bench/README.md table rewritten from ${written.map((f) => path.basename(f)).join(', ')}`);
}

function machine() {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpuModel: cpus[0]?.model ?? '?',
    memoryGb: round(os.totalmem() / 1024 ** 3, 1),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    loadAverage: os.loadavg().map((v) => round(v, 2)),
  };
}

// ---- databases ----

function ensurePostgresRunning(): void {
  const ready = () => {
    try {
      execFileSync('pg_isready', ['-h', HOST, '-p', '5432', '-q']);
      return true;
    } catch {
      return false;
    }
  };
  if (ready()) return;
  const version = fs.readdirSync('/etc/postgresql')[0];
  log(`PostgreSQL is down: starting cluster ${version}/main`);
  execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version!, 'main', 'start'], { stdio: 'inherit' });
  for (let i = 0; i < 30 && !ready(); i++) execFileSync('sleep', ['1']);
}

async function pgAdmin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const pgUrl = (applicationName: string) => {
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${PG_DB}`;
  u.searchParams.set('application_name', applicationName);
  return u.toString();
};

/** CPU ms of the PostgreSQL backends serving one application name (0 on SQLite). */
async function backendPids(database: Database, applicationName: string): Promise<number[]> {
  if (database.dialect !== 'postgres') return [];
  const r = await sql<{
    pid: number;
  }>`select pid from pg_stat_activity where application_name = ${applicationName}`.execute(database.db);
  return r.rows.map((row) => Number(row.pid));
}

/**
 * Seeds the data set. With BENCH_SEED_CACHE=1 (for working on the bench, not for figures to quote)
 * the first seeding is kept — a copy of the SQLite file, a template database on PostgreSQL — and
 * later runs of the same day start from a copy of it.
 */
async function seedOrReuse(db: 'sqlite' | 'postgres', sqlitePath: string, databaseUrl?: string): Promise<SeedResult> {
  const cacheDir = path.join(os.tmpdir(), 'msf-bench-cache');
  const key = `${db}-${APPS}-${new Date().toISOString().slice(0, 10)}`;
  const cachedResult = path.join(cacheDir, `${key}.json`);
  const cache = process.env.BENCH_SEED_CACHE === '1';
  if (cache && fs.existsSync(cachedResult)) {
    if (db === 'sqlite') fs.copyFileSync(path.join(cacheDir, `${key}.sqlite`), sqlitePath);
    else {
      await pgAdmin(`drop database if exists ${PG_DB} with (force)`);
      await pgAdmin(`create database ${PG_DB} template ${PG_DB}_cache`);
    }
    log(`reusing the seeded data set ${key} (BENCH_SEED_CACHE=1)`);
    return JSON.parse(fs.readFileSync(cachedResult, 'utf8')) as SeedResult;
  }
  const seedDb = openDatabase({ url: databaseUrl, sqlitePath });
  const seeded = await seedBench(seedDb.db, { apps: APPS, now: new Date() });
  if (db === 'postgres') await sql`analyze`.execute(seedDb.db);
  else await sql`pragma wal_checkpoint(truncate)`.execute(seedDb.db);
  await seedDb.destroy();
  if (cache) {
    fs.mkdirSync(cacheDir, { recursive: true });
    if (db === 'sqlite') fs.copyFileSync(sqlitePath, path.join(cacheDir, `${key}.sqlite`));
    else {
      await pgAdmin(`drop database if exists ${PG_DB}_cache`);
      await pgAdmin(`create database ${PG_DB}_cache template ${PG_DB}`);
    }
    fs.writeFileSync(cachedResult, JSON.stringify(seeded));
  }
  return seeded;
}

// ---- one database ----

interface Ctx {
  db: 'sqlite' | 'postgres';
  load: LoadGenerator;
  server: { pid: number; port: number; appName: string };
  baseline: { pid: number; port: number; appName: string };
  database: Database;
}

async function benchDatabase(db: 'sqlite' | 'postgres'): Promise<BenchResult> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `msf-bench-${db}-`));
  const started = new Date();
  const machineBefore = machine();
  log(`== ${db}: ${APPS.toLocaleString('en-US')} applications; working directory ${tmp}`);
  let databaseUrl: string | undefined;
  if (db === 'postgres') {
    ensurePostgresRunning();
    await pgAdmin(`drop database if exists ${PG_DB} with (force)`);
    await pgAdmin(`create database ${PG_DB}`);
    databaseUrl = pgUrl('msf-bench-seed');
  }
  const sqlitePath = path.join(tmp, 'makerspace.sqlite');

  // Seed with the server's own modules, before the server starts.
  const seeded = await seedOrReuse(db, sqlitePath, databaseUrl);
  log(`seeded in ${(seeded.ms / 1000).toFixed(1)} s: ${JSON.stringify(seeded.counts)}`);

  // The server, production settings, and the baseline, both on the same database.
  const serverPort = 3900 + Math.floor(Math.random() * 50);
  const baselinePort = serverPort + 50;
  const profileDir = path.join(RESULTS, 'profiles', `${db}-${started.toISOString().replace(/[:.]/g, '-')}`);
  if (PROFILE) fs.mkdirSync(profileDir, { recursive: true });
  const serverLog = path.join(tmp, 'server.log');
  const launch = (extraEnv: Record<string, string> = {}) =>
    startNode(path.join(ROOT, 'dist/server/main.js'), {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        PORT: String(serverPort),
        HOST,
        DATA_DIR: tmp,
        ...(db === 'postgres' ? { DATABASE_URL: pgUrl('msf-bench-server') } : {}),
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
        PUBLIC_BASE_URL: 'https://filing.example.gov.cn',
        ...extraEnv,
      },
      logFile: serverLog,
      ...(PROFILE ? { cpuProfDir: profileDir } : {}),
    });
  let server = launch();
  const baselineLog = path.join(tmp, 'baseline.log');
  const baseline = startNode(path.join(ROOT, 'bench/baseline/server.ts'), {
    env: {
      PATH: process.env.PATH,
      PORT: String(baselinePort),
      ...(db === 'postgres' ? { BASELINE_DATABASE_URL: pgUrl('msf-bench-baseline') } : { BASELINE_SQLITE: sqlitePath }),
    },
    logFile: baselineLog,
  });
  const load = new LoadGenerator();
  const database = openDatabase({ url: db === 'postgres' ? pgUrl('msf-bench-check') : undefined, sqlitePath });
  try {
    await waitHealthy(`http://${HOST}:${serverPort}/api/health`, server, serverLog);
    await waitHealthy(`http://${HOST}:${baselinePort}/baseline/health`, baseline, baselineLog);
    const ctx: Ctx = {
      db,
      load,
      server: { pid: server.pid!, port: serverPort, appName: 'msf-bench-server' },
      baseline: { pid: baseline.pid!, port: baselinePort, appName: 'msf-bench-baseline' },
      database,
    };
    await sleep(2000);
    const idle = memoryOf(ctx.server.pid);
    log(`server pid ${ctx.server.pid} idle RSS ${idle.rssMb.toFixed(0)} MB`);

    const sessions = await logIn(ctx, seeded);
    const b1 = runs('b1') ? await benchAutosave(ctx, seeded, sessions) : undefined;
    const b2 = runs('b2') ? await benchQueue(ctx, seeded, sessions) : undefined;
    const b3 = runs('b3') ? await benchSubmitStorm(ctx, seeded, sessions) : undefined;
    const b4 = runs('b4') ? await benchDocuments(ctx, seeded, sessions) : undefined;
    const peak = memoryOf(ctx.server.pid);
    // BENCH_SPEEDUPS=1: B1 and B2's first page again with each speed-up off in turn (a server restarted
    // with MSF_BENCH_SPEEDUPS_OFF, or DATABASE_PREPARED_STATEMENTS=0), against the same baseline, and
    // with all on once more at the end (the sessions stay valid: they are in the database).
    let speedups: Record<string, unknown> | undefined;
    if (SPEEDUPS) {
      speedups = {};
      const variants: [string, Record<string, string>][] = [
        ['none off (before)', {}],
        ['precompiled off', { MSF_BENCH_SPEEDUPS_OFF: 'precompiled' }],
        db === 'sqlite'
          ? ['statement cache off', { MSF_BENCH_SPEEDUPS_OFF: 'statement-cache' }]
          : ['named statements off', { DATABASE_PREPARED_STATEMENTS: '0' }],
        ['none off (after)', {}],
      ];
      for (const [name, env] of variants) {
        await stop(server);
        server = launch(env);
        await waitHealthy(`http://${HOST}:${serverPort}/api/health`, server, serverLog);
        ctx.server = { ...ctx.server, pid: server.pid! };
        await sleep(2000);
        log(`== speed-ups: ${name}`);
        speedups[name] = {
          b1: await benchAutosave(ctx, seeded, sessions, false),
          b2: await compareFirstPage(ctx, seeded, sessions),
        };
      }
    }
    const result: BenchResult = {
      db,
      startedAt: started.toISOString(),
      finishedAt: new Date().toISOString(),
      machine: { ...machineBefore, loadAverageAfter: os.loadavg().map((v) => round(v, 2)) },
      settings: {
        apps: APPS,
        runSeconds: RUN_MS / 1000,
        warmupSeconds: WARMUP_MS / 1000,
        rounds: ROUNDS,
        connections: CONNECTIONS,
        logLevel: process.env.BENCH_LOG_LEVEL ?? 'info',
      },
      seeding: { seconds: round(seeded.ms / 1000, 1), counts: seeded.counts },
      logins: sessions.stats,
      b1,
      b2,
      b3,
      b4,
      b5: { idleRssMb: round(idle.rssMb, 0), peakRssMb: round(peak.hwmMb, 0) },
      ...(speedups ? { speedups } : {}),
    };
    return result;
  } finally {
    load.close();
    await stop(baseline);
    await stop(server);
    await database.destroy();
    if (db === 'postgres' && !KEEP) await pgAdmin(`drop database if exists ${PG_DB} with (force)`);
    if (!KEEP) fs.rmSync(tmp, { recursive: true, force: true });
    else log(`kept ${tmp}${db === 'postgres' ? ` and database ${PG_DB}` : ''}`);
  }
}

// ---- sessions ----

interface Session {
  cookie: string;
  csrf: string;
}
interface Sessions {
  byUser: Map<string, Session>;
  stats: { count: number; seconds: number; perSecond: number; p99Ms: number; errors: number };
}

const jsonHeaders = (s?: Session): Record<string, string> => ({
  'content-type': 'application/json',
  ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}),
});

/** Logs every bench user in through the API (argon2 verification included), 8 at a time. */
async function logIn(ctx: Ctx, seeded: SeedResult): Promise<Sessions> {
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

// ---- measured comparisons ----

interface Measured extends DurationResult {
  serverCpuMsPerRequest: number;
  dbCpuMsPerRequest: number | null;
  /** The 1-minute load average right after the run. */
  loadAverage: number;
}

async function measure(
  ctx: Ctx,
  target: Ctx['server'],
  spec: Omit<DurationSpec, 'mode' | 'host' | 'port' | 'connections' | 'warmupMs' | 'durationMs'>,
): Promise<Measured> {
  const pids = await backendPids(ctx.database, target.appName);
  const cpu0 = cpuMsOf(target.pid);
  const db0 = pids.map(cpuMsOf);
  const res = await ctx.load.run({
    mode: 'duration',
    host: HOST,
    port: target.port,
    connections: CONNECTIONS,
    warmupMs: WARMUP_MS,
    durationMs: RUN_MS,
    ...spec,
  });
  const cpu = cpuMsOf(target.pid) - cpu0;
  // Backends that were there before and after (a pool may have opened more during the run: those count from zero).
  const after = await backendPids(ctx.database, target.appName);
  let dbCpu = 0;
  for (const pid of after) {
    const before = db0[pids.indexOf(pid)] ?? 0;
    const now = cpuMsOf(pid);
    if (Number.isFinite(now)) dbCpu += now - before;
  }
  return {
    ...res,
    serverCpuMsPerRequest: round(cpu / Math.max(1, res.totalRequests), 3),
    dbCpuMsPerRequest: ctx.db === 'postgres' ? round(dbCpu / Math.max(1, res.totalRequests), 3) : null,
    loadAverage: round(os.loadavg()[0]!, 2),
  };
}

const side = (runs: Measured[]): Side => ({
  rps: round(median(runs.map((r) => r.rps)), 0),
  p50: round(median(runs.map((r) => r.p50)), 2),
  p99: round(median(runs.map((r) => r.p99)), 2),
  errors: runs.reduce((a, r) => a + r.errors, 0),
  conflicts: runs.reduce((a, r) => a + r.conflicts, 0),
  serverCpuMsPerRequest: round(median(runs.map((r) => r.serverCpuMsPerRequest)), 3),
  dbCpuMsPerRequest:
    runs[0]?.dbCpuMsPerRequest === null ? null : round(median(runs.map((r) => r.dbCpuMsPerRequest ?? NaN)), 3),
  clientCpuShare: round(median(runs.map((r) => r.clientCpuMs / (r.windowMs + WARMUP_MS))), 2),
  runs: runs.map((r) => ({
    rps: round(r.rps, 0),
    p50: r.p50,
    p99: r.p99,
    max: r.max,
    errors: r.errors,
    conflicts: r.conflicts,
    serverCpuMsPerRequest: r.serverCpuMsPerRequest,
    dbCpuMsPerRequest: r.dbCpuMsPerRequest,
    loadAverage: r.loadAverage,
    firstError: r.firstError,
  })),
});

/** Baseline, ours, baseline, ours, baseline, ours: medians of three short runs each, and their ratio. */
async function compare(
  ctx: Ctx,
  name: string,
  baselineSpec: () => Parameters<typeof measure>[2],
  oursSpec: () => Parameters<typeof measure>[2],
  after?: (r: Measured) => void,
  floorSpec?: () => Parameters<typeof measure>[2],
): Promise<Comparison> {
  const b: Measured[] = [];
  const o: Measured[] = [];
  const f: Measured[] = [];
  const sampler = new RssSampler(ctx.server.pid);
  let peak = 0;
  for (let round_ = 0; round_ < ROUNDS; round_++) {
    const rb = await measure(ctx, ctx.baseline, baselineSpec());
    after?.(rb);
    b.push(rb);
    sampler.start();
    const ro = await measure(ctx, ctx.server, oursSpec());
    peak = Math.max(peak, sampler.stop());
    after?.(ro);
    o.push(ro);
    const rf = floorSpec ? await measure(ctx, ctx.baseline, floorSpec()) : undefined;
    if (rf) {
      after?.(rf);
      f.push(rf);
    }
    log(
      `${name} round ${round_ + 1}: baseline ${rb.rps.toFixed(0)} req/s p99 ${rb.p99} ms | ours ${ro.rps.toFixed(0)} req/s p50 ${ro.p50} p99 ${ro.p99} ms (${ro.errors} errors, ${ro.conflicts} conflicts)` +
        (rf ? ` | same SQL raw ${rf.rps.toFixed(0)} req/s p99 ${rf.p99} ms` : ''),
    );
    if (ro.firstError) log(`  first error: ${ro.firstError}`);
    if (rf?.firstError) log(`  first error of the raw SQL: ${rf.firstError}`);
  }
  const baseline = side(b);
  const ours = side(o);
  const ratio = round(ours.rps / baseline.rps, 2);
  const pairRatios = o.map((r, i) => round(r.rps / b[i]!.rps, 2));
  const floor = f.length ? side(f) : undefined;
  log(
    `${name}: ours/baseline = ${ratio} (per round ${pairRatios.join(', ')}); ours p99 ${ours.p99} ms; CPU per request ${ours.serverCpuMsPerRequest} ms vs ${baseline.serverCpuMsPerRequest} ms` +
      (floor ? `; same SQL raw: ${floor.rps} req/s, CPU ${floor.serverCpuMsPerRequest} ms` : ''),
  );
  return {
    baseline,
    ours,
    ratio,
    pairRatios,
    serverPeakRssMb: round(peak, 0),
    ...(floor
      ? { floor, floorRatio: round(floor.rps / baseline.rps, 2), oursToFloor: round(ours.rps / floor.rps, 2) }
      : {}),
  };
}

// ---- B1 autosave ----

async function benchAutosave(ctx: Ctx, seeded: SeedResult, sessions: Sessions, withFloor = true) {
  const ours = seeded.autosave.map((u) => ({
    appId: u.appId,
    version: u.version,
    basicInfo: structuredClone(u.basicInfo),
    ...sessions.byUser.get(u.username)!,
  }));
  const base = seeded.baselineAutosave.map((u) => ({ ...u, basicInfo: structuredClone(u.basicInfo) }));
  // The raw-SQL floor saves 200 drafts of its own, with the sessions of the same 200 applicants.
  const floor = seeded.floorAutosave.map((u, i) => ({
    ...u,
    basicInfo: structuredClone(u.basicInfo),
    cookie: ours[i % ours.length]!.cookie,
  }));
  const versions = new Map<string, number>();
  const spec = (pathPrefix: string, users: typeof base) => () => ({
    scenario: {
      kind: 'autosave' as const,
      pathPrefix,
      users: users.map((u) => ({ ...u, version: versions.get(u.appId) ?? u.version })),
    },
  });
  const comparison = await compare(
    ctx,
    'B1 autosave',
    spec('/baseline/applications/', base),
    spec('/api/applications/', ours),
    (r) => {
      for (const [id, v] of Object.entries(r.versions ?? {})) versions.set(id, v);
    },
    withFloor ? spec('/floor/applications/', floor) : undefined,
  );
  return { applicants: ours.length, ...comparison };
}

// ---- B2 reviewer queue ----

async function benchQueue(ctx: Ctx, seeded: SeedResult, sessions: Sessions) {
  const s = sessions.byUser.get(seeded.reviewer.username)!;
  const get = (p: string): HttpRequest => ({ method: 'GET', path: p, headers: { cookie: s.cookie } });
  const baselineReq: HttpRequest = {
    method: 'GET',
    path: `/baseline/applications?cityId=${encodeURIComponent(seeded.reviewer.cityId)}&status=submitted`,
  };
  // Sanity: both answer 20 rows.
  for (const [port, req] of [
    [ctx.server.port, get('/api/applications?status=submitted&limit=20')],
    [ctx.baseline.port, baselineReq],
  ] as const) {
    const res = await fetch(`http://${HOST}:${port}${req.path}`, { headers: req.headers });
    const body = (await res.json()) as { items: unknown[] };
    if (res.status !== 200 || body.items.length !== 20)
      throw new Error(`B2: ${req.path} answered ${res.status} with ${body.items?.length} rows`);
  }
  // The web queue's "all" tab: every status after submission, with the search word.
  const all = APPLICATION_STATUSES.filter((x) => x !== 'draft' && x !== 'withdrawn').join(',');
  const searchPath = `/api/applications?status=${all}&q=${encodeURIComponent(seeded.reviewer.q)}&limit=20`;
  const search = (await (
    await fetch(`http://${HOST}:${ctx.server.port}${searchPath}`, { headers: { cookie: s.cookie } })
  ).json()) as { items: unknown[] };
  log(
    `B2: reviewer ${seeded.reviewer.username} (${seeded.reviewer.cityName}); search "${seeded.reviewer.q}" finds ${search.items.length} on its first page`,
  );
  // The floors: the session, the roles and the application's own list query on the raw driver.
  const city = encodeURIComponent(seeded.reviewer.cityId);
  const floorPage = get(`/floor/applications?cityId=${city}&status=submitted`);
  const floorSearch = get(
    `/floor/applications?cityId=${city}&status=${all}&q=${encodeURIComponent(seeded.reviewer.q)}`,
  );
  const firstPage = await compare(
    ctx,
    'B2 first page',
    () => ({ scenario: { kind: 'static', requests: [baselineReq] } }),
    () => ({ scenario: { kind: 'static', requests: [get('/api/applications?status=submitted&limit=20')] } }),
    undefined,
    () => ({ scenario: { kind: 'static', requests: [floorPage] } }),
  );
  const searchCmp = await compare(
    ctx,
    'B2 search',
    () => ({ scenario: { kind: 'static', requests: [baselineReq] } }),
    () => ({ scenario: { kind: 'static', requests: [get(searchPath)] } }),
    undefined,
    () => ({ scenario: { kind: 'static', requests: [floorSearch] } }),
  );
  return { reviewer: seeded.reviewer, searchRows: search.items.length, firstPage, search: searchCmp };
}

/** B2's first page against its baseline, without the floor (for the speed-up comparison). */
async function compareFirstPage(ctx: Ctx, seeded: SeedResult, sessions: Sessions) {
  const s = sessions.byUser.get(seeded.reviewer.username)!;
  const baselineReq: HttpRequest = {
    method: 'GET',
    path: `/baseline/applications?cityId=${encodeURIComponent(seeded.reviewer.cityId)}&status=submitted`,
  };
  const ours: HttpRequest = {
    method: 'GET',
    path: '/api/applications?status=submitted&limit=20',
    headers: { cookie: s.cookie },
  };
  return compare(
    ctx,
    'B2 first page',
    () => ({ scenario: { kind: 'static', requests: [baselineReq] } }),
    () => ({ scenario: { kind: 'static', requests: [ours] } }),
  );
}

// ---- B3 submit storm ----

async function benchSubmitStorm(ctx: Ctx, seeded: SeedResult, sessions: Sessions) {
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

// ---- B4 documents ----

async function benchDocuments(ctx: Ctx, seeded: SeedResult, sessions: Sessions): Promise<BenchResult['b4']> {
  const base = `http://${HOST}:${ctx.server.port}`;
  const openapi = (await (await fetch(`${base}/api/openapi.json`)).json()) as { paths: Record<string, unknown> };
  const has = (p: string) => Object.keys(openapi.paths).some((k) => k === p);
  const routes = {
    pdf: has('/api/applications/{id}/pdf'),
    xlsx: has('/api/exports/applications.xlsx'),
    zip: has('/api/dispatches/{id}/package.zip'),
  };
  const reviewer = sessions.byUser.get(seeded.reviewer.username)!;
  const out: BenchResult['b4'] = { routes };

  if (routes.pdf) {
    const times: number[] = [];
    let bytes = 0;
    const sampler = new RssSampler(ctx.server.pid).start();
    let cpu = 0;
    for (let i = 0; i <= seeded.pdfAppIds.length; i++) {
      const cpu0 = cpuMsOf(ctx.server.pid);
      const id = seeded.pdfAppIds[i % seeded.pdfAppIds.length]!;
      const t0 = performance.now();
      const res = await fetch(`${base}/api/applications/${id}/pdf`, { headers: { cookie: reviewer.cookie } });
      const body = Buffer.from(await res.arrayBuffer());
      const ms = performance.now() - t0;
      if (res.status !== 200) throw new Error(`B4 pdf: ${res.status} ${body.toString('utf8').slice(0, 300)}`);
      if (i > 0) {
        times.push(ms); // the first warms the font cache
        cpu += cpuMsOf(ctx.server.pid) - cpu0;
      }
      bytes = body.length;
    }
    out.pdf = {
      count: times.length,
      medianMs: round(median(times), 0),
      maxMs: round(Math.max(...times), 0),
      serverCpuMsEach: round(cpu / times.length, 0),
      bytes,
      serverPeakRssMb: round(sampler.stop(), 0),
    };
    log(
      `B4 PDF: median ${round(median(times), 0)} ms over ${times.length} (${(bytes / 1024).toFixed(0)} KB), server CPU ${round(cpu / times.length, 0)} ms each`,
    );
  } else log('B4 PDF: not available (no GET /api/applications/{id}/pdf)');

  if (routes.xlsx) {
    const officer = sessions.byUser.get(seeded.provinceOfficer.username)!;
    // A province's applications of this year after submission (the queue's all tab): ~5,000 at 100,000.
    const statuses = APPLICATION_STATUSES.filter((x) => x !== 'draft' && x !== 'withdrawn').join(',');
    const url = `${base}/api/exports/applications.xlsx?batchId=${CURRENT_BATCH}&status=${statuses}`;
    const rssBefore = memoryOf(ctx.server.pid).rssMb;
    const sampler = new RssSampler(ctx.server.pid, 20).start();
    const cpu0 = cpuMsOf(ctx.server.pid);
    const t0 = performance.now();
    const res = await fetch(url, { headers: { cookie: officer.cookie } });
    const body = Buffer.from(await res.arrayBuffer());
    const seconds = (performance.now() - t0) / 1000;
    const cpu = (cpuMsOf(ctx.server.pid) - cpu0) / 1000;
    const peak = sampler.stop();
    if (res.status !== 200) throw new Error(`B4 xlsx: ${res.status} ${body.toString('utf8').slice(0, 300)}`);
    const rows = await countXlsxRows(body);
    out.xlsx = {
      rows,
      seconds: round(seconds, 2),
      serverCpuSeconds: round(cpu, 2),
      bytes: body.length,
      serverRssBeforeMb: round(rssBefore, 0),
      serverPeakRssMb: round(peak, 0),
    };
    log(
      `B4 汇总表: ${rows} rows in ${seconds.toFixed(2)} s (server CPU ${cpu.toFixed(2)} s), ${(body.length / 1024 / 1024).toFixed(1)} MB, server RSS ${rssBefore.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB`,
    );
  } else log('B4 汇总表: not available (no GET /api/exports/applications.xlsx)');

  if (routes.zip) {
    const created = await fetch(`${base}/api/dispatches`, {
      method: 'POST',
      headers: jsonHeaders(reviewer),
      body: JSON.stringify({
        applicationIds: seeded.recommendedAppIds,
        letter: '现将我市推荐的专业化众创空间备案申报材料报送，请予审核。',
      }),
    });
    const { dispatch } = (await created.json()) as { dispatch: { id: string } };
    if (created.status !== 200) throw new Error(`B4 zip: creating the dispatch answered ${created.status}`);
    const sampler = new RssSampler(ctx.server.pid, 20).start();
    const cpu0 = cpuMsOf(ctx.server.pid);
    const t0 = performance.now();
    const res = await fetch(`${base}/api/dispatches/${dispatch.id}/package.zip`, {
      headers: { cookie: reviewer.cookie },
    });
    const body = Buffer.from(await res.arrayBuffer());
    const seconds = (performance.now() - t0) / 1000;
    const cpu = (cpuMsOf(ctx.server.pid) - cpu0) / 1000;
    const peak = sampler.stop();
    if (res.status !== 200) throw new Error(`B4 zip: ${res.status} ${body.toString('utf8').slice(0, 300)}`);
    out.zip = {
      applications: seeded.recommendedAppIds.length,
      seconds: round(seconds, 2),
      serverCpuSeconds: round(cpu, 2),
      bytes: body.length,
      serverPeakRssMb: round(peak, 0),
    };
    log(
      `B4 ZIP: ${seeded.recommendedAppIds.length} applications in ${seconds.toFixed(2)} s (server CPU ${cpu.toFixed(2)} s), ${(body.length / 1024 / 1024).toFixed(1)} MB`,
    );
  } else log('B4 ZIP: not available (no GET /api/dispatches/{id}/package.zip)');
  return out;
}

async function countXlsxRows(body: Buffer): Promise<number> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  return ws ? ws.actualRowCount : 0;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
