/** One measured run (requests, latency, server and database CPU) and the baseline-against-ours comparison. */
import os from 'node:os';
import { type Database } from '../../src/server/db/database.js';
import type { DurationResult, DurationSpec } from './loadgen.js';
import { cpuMsOf, LoadGenerator, RssSampler } from './proc.js';
import { median, round } from './stats.js';
import { type Comparison, type Side } from './report.js';
import { RUN_MS, WARMUP_MS, ROUNDS, CONNECTIONS, HOST, log } from './settings.js';
import { backendPids } from './databases.js';

export interface Ctx {
  db: 'sqlite' | 'postgres';
  load: LoadGenerator;
  server: { pid: number; port: number; appName: string };
  baseline: { pid: number; port: number; appName: string };
  database: Database;
}

export interface Measured extends DurationResult {
  serverCpuMsPerRequest: number;
  dbCpuMsPerRequest: number | null;
  /** The 1-minute load average right after the run. */
  loadAverage: number;
}

export async function measure(
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

export const side = (runs: Measured[]): Side => ({
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
export async function compare(
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
