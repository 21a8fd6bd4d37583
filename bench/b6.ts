/**
 * B6 (issue 16): the autosave and queue mixes through HAProxy with 1, 2 and 3 instances of the
 * compiled server on one PostgreSQL database, beside a single process reached directly.
 * `npm run bench -- b6`; needs haproxy (Debian's) and a local PostgreSQL, as the cluster test does.
 *
 * Seeds B6_APPS applications (default 20,000) with the bench's data set, starts instance 1, measures
 * it directly and through HAProxy, then adds instances 2 and 3 (the balancer's configuration is
 * rewritten and reloaded for each) and measures again. Each mix runs 1 s warm-up + BENCH_RUN_SECONDS
 * on 50 connections. Beside each figure: CPU per request of all the instances, of HAProxy and of
 * PostgreSQL's backends, so that the machine's cores — not the design — show as the bound.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase } from '../src/server/db/database.js';
import type { HttpRequest } from './lib/http.js';
import type { AutosaveUser, DurationResult, Scenario } from './lib/loadgen.js';
import { cpuMsOf, LoadGenerator, sleep, startNode, stop, waitHealthy } from './lib/proc.js';
import { BENCH_PASSWORD, seedBench } from './lib/seed.js';
import { round } from './lib/stats.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'msf_bench_b6';
const APPS = Number(process.env.B6_APPS ?? 20_000);
const RUN_MS = Number(process.env.BENCH_RUN_SECONDS ?? 5) * 1000;
const WARMUP_MS = 1000;
const CONNECTIONS = 50;
const HOST = '127.0.0.1';
const APP_NAME = 'msf-bench-b6';

const log = (...args: unknown[]) => console.log(`[bench b6 ${new Date().toISOString().slice(11, 19)}]`, ...args);

async function admin(statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

const dbUrl = (applicationName: string) => {
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${DB_NAME}`;
  u.searchParams.set('application_name', applicationName);
  return u.toString();
};

async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, HOST, () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

interface Row {
  setup: string;
  instances: number;
  mix: 'autosave' | 'queue';
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU ms per request: the instances, HAProxy, PostgreSQL's backends. */
  cpu: { instances: number; haproxy: number; postgres: number; total: number };
}

export interface B6Result {
  at: string;
  machine: { cores: number; loadAverageBefore: number[]; loadAverageAfter: number[]; node: string };
  apps: number;
  runSeconds: number;
  connections: number;
  rows: Row[];
}

export async function benchB6(): Promise<B6Result> {
  execFileSync('haproxy', ['-v'], { stdio: 'ignore' });
  const loadBefore = os.loadavg().map((v) => round(v, 2));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'msf-bench-b6-'));
  await admin(`drop database if exists ${DB_NAME} with (force)`);
  await admin(`create database ${DB_NAME}`);
  log(`seeding ${APPS.toLocaleString('en-US')} applications`);
  const seedDb = openDatabase({ url: dbUrl('msf-bench-b6-seed') });
  const seeded = await seedBench(seedDb.db, { apps: APPS, now: new Date() });
  await sql`analyze`.execute(seedDb.db);
  await seedDb.destroy();
  log(`seeded in ${(seeded.ms / 1000).toFixed(1)} s`);

  // One signing key and anchor directory for all instances, as a deployment provisions them.
  const keyFile = path.join(tmp, 'audit-signing.pem');
  const { privateKey } = generateKeyPairSync('ed25519');
  fs.writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  const instances: { proc: ChildProcess; port: number }[] = [];
  const startInstance = async (i: number) => {
    const port = await freePort();
    const dataDir = path.join(tmp, `data-${i}`);
    fs.mkdirSync(dataDir);
    const logFile = path.join(tmp, `instance-${i}.log`);
    const proc = startNode(path.join(ROOT, 'dist/server/main.js'), {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        PORT: String(port),
        HOST,
        DATA_DIR: dataDir,
        DATABASE_URL: dbUrl(APP_NAME),
        AUDIT_SIGNING_KEY_FILE: keyFile,
        AUDIT_ANCHOR_DIR: path.join(tmp, 'audit-anchors'),
        TRUST_PROXY: '1',
        RATE_LIMIT_LOGIN: '100000',
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
        PUBLIC_BASE_URL: 'https://filing.example.gov.cn',
      },
      logFile,
    });
    await waitHealthy(`http://${HOST}:${port}/api/health`, proc, logFile);
    instances.push({ proc, port });
  };

  const lbPort = await freePort();
  const cfg = path.join(tmp, 'haproxy.cfg');
  let haproxy: ChildProcess | undefined;
  const startBalancer = async (n: number) => {
    fs.writeFileSync(
      cfg,
      [
        'global',
        '  maxconn 4000',
        'defaults',
        '  mode http',
        '  timeout connect 2s',
        '  timeout client 60s',
        '  timeout server 60s',
        '  option http-keep-alive',
        'frontend fe',
        `  bind ${HOST}:${lbPort}`,
        '  default_backend app',
        'backend app',
        '  balance roundrobin',
        '  option forwardfor',
        '  option httpchk GET /api/health',
        '  http-check expect status 200',
        ...instances.slice(0, n).map((x, i) => `  server a${i} ${HOST}:${x.port} check inter 2s fall 2 rise 1`),
        '',
      ].join('\n'),
    );
    if (haproxy) await stop(haproxy);
    haproxy = spawn('haproxy', ['-db', '-f', cfg], { stdio: 'ignore' });
    const until = Date.now() + 20_000;
    while (Date.now() < until) {
      try {
        if ((await fetch(`http://${HOST}:${lbPort}/api/health`)).ok) return;
      } catch {
        // not yet
      }
      await sleep(200);
    }
    throw new Error('haproxy did not answer');
  };

  const load = new LoadGenerator();
  const check = openDatabase({ url: dbUrl('msf-bench-b6-check') });
  const backendPids = async () =>
    (
      await sql<{ pid: number }>`select pid from pg_stat_activity where application_name = ${APP_NAME}`.execute(
        check.db,
      )
    ).rows.map((r) => Number(r.pid));
  const rows: Row[] = [];
  try {
    await startInstance(0);
    // Sessions live in the database: logged in once, valid on every instance.
    const usernames = [seeded.reviewer.username, ...seeded.autosave.map((u) => u.username)];
    const logins = await load.run({
      mode: 'once',
      host: HOST,
      port: instances[0]!.port,
      connections: 8,
      keepBodies: true,
      requests: usernames.map((username): HttpRequest => ({
        method: 'POST',
        path: '/api/session',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: BENCH_PASSWORD }),
      })),
    });
    const session = new Map<string, { cookie: string; csrf: string }>();
    logins.responses.forEach((r, i) => {
      const sid = /msf_sid=([^;]+)/.exec(r.setCookie ?? '')?.[1];
      if (r.status !== 200 || !sid) throw new Error(`B6: login of ${usernames[i]} failed (${r.status})`);
      session.set(usernames[i]!, {
        cookie: `msf_sid=${sid}`,
        csrf: (JSON.parse(r.body!) as { csrfToken: string }).csrfToken,
      });
    });
    log(`${usernames.length} sessions`);
    const versions = new Map<string, number>();
    const autosave = (): Scenario => ({
      kind: 'autosave',
      pathPrefix: '/api/applications/',
      users: seeded.autosave.map((u): AutosaveUser => ({
        appId: u.appId,
        version: versions.get(u.appId) ?? u.version,
        basicInfo: structuredClone(u.basicInfo),
        ...session.get(u.username)!,
      })),
    });
    const reviewer = session.get(seeded.reviewer.username)!;
    const queue = (): Scenario => ({
      kind: 'static',
      requests: [
        { method: 'GET', path: '/api/applications?status=submitted&limit=20', headers: { cookie: reviewer.cookie } },
      ],
    });

    const measure = async (setup: string, n: number, port: number) => {
      for (const [mix, scenario] of [
        ['autosave', autosave],
        ['queue', queue],
      ] as const) {
        const pids = instances.slice(0, n).map((x) => x.proc.pid!);
        const dbPids = await backendPids();
        const c0 = pids.map(cpuMsOf);
        const h0 = setup === 'haproxy' && haproxy?.pid ? cpuMsOf(haproxy.pid) : 0;
        const d0 = new Map(dbPids.map((p) => [p, cpuMsOf(p)]));
        const r: DurationResult = await load.run({
          mode: 'duration',
          host: HOST,
          port,
          connections: CONNECTIONS,
          warmupMs: WARMUP_MS,
          durationMs: RUN_MS,
          scenario: scenario(),
        });
        for (const [id, v] of Object.entries(r.versions ?? {})) versions.set(id, v);
        const inst = pids.reduce((a, p, i) => a + (cpuMsOf(p) - c0[i]!), 0);
        const hap = setup === 'haproxy' && haproxy?.pid ? cpuMsOf(haproxy.pid) - h0 : 0;
        let pgCpu = 0;
        for (const p of await backendPids()) {
          const now = cpuMsOf(p);
          if (Number.isFinite(now)) pgCpu += now - (d0.get(p) ?? 0);
        }
        const per = (ms: number) => round(ms / Math.max(1, r.totalRequests), 3);
        const row: Row = {
          setup,
          instances: n,
          mix,
          rps: round(r.rps, 0),
          p50: round(r.p50, 1),
          p99: round(r.p99, 1),
          errors: r.errors + r.conflicts,
          cpu: { instances: per(inst), haproxy: per(hap), postgres: per(pgCpu), total: per(inst + hap + pgCpu) },
        };
        rows.push(row);
        log(
          `${setup} × ${n} ${mix}: ${row.rps} req/s, p99 ${row.p99} ms, errors ${row.errors}; CPU ms/request ${JSON.stringify(row.cpu)}`,
        );
        if (r.firstError) log(`  first error: ${r.firstError}`);
      }
    };

    await measure('direct', 1, instances[0]!.port);
    await startBalancer(1);
    await measure('haproxy', 1, lbPort);
    for (const n of [2, 3]) {
      await startInstance(n - 1);
      await startBalancer(n);
      await measure('haproxy', n, lbPort);
    }
  } finally {
    load.close();
    if (haproxy) await stop(haproxy);
    for (const x of instances) await stop(x.proc);
    await check.destroy();
    if (process.env.BENCH_KEEP !== '1') {
      await admin(`drop database if exists ${DB_NAME} with (force)`);
      fs.rmSync(tmp, { recursive: true, force: true });
    } else log(`kept ${tmp} and database ${DB_NAME}`);
  }
  return {
    at: new Date().toISOString(),
    machine: {
      cores: os.cpus().length,
      loadAverageBefore: loadBefore,
      loadAverageAfter: os.loadavg().map((v) => round(v, 2)),
      node: process.version,
    },
    apps: APPS,
    runSeconds: RUN_MS / 1000,
    connections: CONNECTIONS,
    rows,
  };
}

export function b6Table(r: B6Result): string {
  const direct = (mix: string) => r.rows.find((x) => x.setup === 'direct' && x.mix === mix)!.rps;
  const lines = [
    '| setup | mix | req/s (÷ single process) | p50 / p99 ms | errors | CPU ms per request: instances + HAProxy + PostgreSQL = total |',
    '| ----- | --- | ------------------------ | ------------ | ------ | ------------------------------------------------------------- |',
  ];
  for (const x of r.rows)
    lines.push(
      `| ${x.setup === 'direct' ? 'single process, direct' : `HAProxy, ${x.instances} instance${x.instances > 1 ? 's' : ''}`} | ${x.mix} | ${x.rps} (${round(x.rps / direct(x.mix), 2)}) | ${x.p50} / ${x.p99} | ${x.errors} | ${x.cpu.instances} + ${x.cpu.haproxy} + ${x.cpu.postgres} = ${x.cpu.total} |`,
    );
  return lines.join('\n');
}

export async function runB6(resultsDir: string): Promise<B6Result> {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-server.mjs')], { stdio: 'inherit' });
  const r = await benchB6();
  const file = path.join(resultsDir, `${r.at.replace(/[:.]/g, '-').slice(0, 19)}-b6.json`);
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(r, null, 2) + '\n');
  console.log(`\n${b6Table(r)}\n\nresults: ${file}`);
  return r;
}
