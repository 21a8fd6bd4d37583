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
import { openDatabase } from '../src/server/db/database.js';
import { LoadGenerator, memoryOf, sleep, startNode, stop, waitHealthy } from './lib/proc.js';
import { round } from './lib/stats.js';
import { writeReadme, type BenchResult } from './lib/report.js';
import {
  ROOT,
  RESULTS,
  DBS,
  APPS,
  DEFAULT_APPS,
  ONLY,
  RUN_MS,
  WARMUP_MS,
  ROUNDS,
  CONNECTIONS,
  PG_DB,
  PROFILE,
  SPEEDUPS,
  SPEEDUPS_ONLY,
  KEEP,
  HOST,
  runs,
  log,
} from './lib/settings.js';
import { ensurePostgresRunning, pgAdmin, pgUrl, seedOrReuse } from './lib/databases.js';
import type { Ctx } from './lib/measure.js';
import { logIn } from './lib/sessions.js';
import { benchAutosave } from './b1.js';
import { benchQueue, compareFirstPage } from './b2.js';
import { benchSubmitStorm } from './b3.js';
import { benchDocuments } from './b4.js';

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
  // The README's results table is for whole runs: a BENCH_ONLY run (or a smaller data set) would
  // replace it with a partial one. Its figures are in its JSON and go into the README by hand.
  if (ONLY || APPS !== DEFAULT_APPS) {
    log('bench/README.md results table left as it is (a partial run: BENCH_ONLY or BENCH_APPS set)');
    return;
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

// ---- one database ----

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
    // BENCH_SPEEDUPS=1: B1 and B2's first page (those of them BENCH_ONLY runs) again with each speed-up
    // off in turn (BENCH_SPEEDUPS=none,session: only the variants so named; a server restarted
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
        ['session preload off', { MSF_BENCH_SPEEDUPS_OFF: 'session-preload' }],
        // The autosave writes updated_at too (as before 2026-12-07): no HOT update, six indexes moved.
        ['saved_at only off', { MSF_BENCH_SPEEDUPS_OFF: 'saved-at-only' }],
        ['none off (after)', {}],
      ];
      const chosen = variants.filter(([name]) => !SPEEDUPS_ONLY || SPEEDUPS_ONLY.some((o) => name.startsWith(o)));
      for (const [name, env] of chosen) {
        await stop(server);
        server = launch(env);
        await waitHealthy(`http://${HOST}:${serverPort}/api/health`, server, serverLog);
        ctx.server = { ...ctx.server, pid: server.pid! };
        await sleep(2000);
        log(`== speed-ups: ${name}`);
        speedups[name] = {
          b1: await benchAutosave(ctx, seeded, sessions, false),
          b2: runs('b2') ? await compareFirstPage(ctx, seeded, sessions) : undefined,
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

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
