import fs from 'node:fs';
import path from 'node:path';

/** One side of a comparison: medians over the rounds. */
export interface Side {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  conflicts: number;
  /** CPU time of the Node process per request (ms), warm-up included: independent of other load. */
  serverCpuMsPerRequest: number;
  /** CPU time of its PostgreSQL backends per request (ms); null on SQLite. */
  dbCpuMsPerRequest: number | null;
  /** The load generator's CPU use as a share of one core (near 1.0 would mean the client limits). */
  clientCpuShare: number;
  runs: {
    rps: number;
    p50: number;
    p99: number;
    max: number;
    errors: number;
    conflicts: number;
    serverCpuMsPerRequest: number;
    dbCpuMsPerRequest: number | null;
    loadAverage: number;
    firstError?: string;
  }[];
}

export interface Comparison {
  baseline: Side;
  ours: Side;
  /** median(ours req/s) / median(baseline req/s) */
  ratio: number;
  /** ours / baseline per round (each pair measured back to back). */
  pairRatios: number[];
  serverPeakRssMb: number;
  /** The application's own SQL for the request, hand-written on the raw driver (bench/baseline). */
  floor?: Side;
  /** median(floor req/s) / median(baseline req/s): the most the application could reach. */
  floorRatio?: number;
  /** median(ours req/s) / median(floor req/s): what our layers cost above the SQL they send. */
  oursToFloor?: number;
}

export interface BenchResult {
  db: 'sqlite' | 'postgres';
  startedAt: string;
  finishedAt: string;
  machine: {
    cores: number;
    cpuModel: string;
    memoryGb: number;
    node: string;
    platform: string;
    loadAverage: number[];
    loadAverageAfter: number[];
  };
  settings: Record<string, unknown>;
  seeding: { seconds: number; counts: Record<string, number> };
  logins: { count: number; seconds: number; perSecond: number; p99Ms: number; errors: number };
  b1?: Comparison & { applicants: number };
  /** BENCH_SPEEDUPS=1: B1 and B2's first page with each speed-up off in turn (bench/run.ts). */
  speedups?: Record<string, unknown>;
  b2?: { reviewer: { cityName: string; q: string }; searchRows: number; firstPage: Comparison; search: Comparison };
  b3?: {
    applicants: number;
    requests: number;
    connections: number;
    seconds: number;
    perSecond: number;
    p50: number;
    p99: number;
    succeededOnce: number;
    succeededTwice: number;
    notSucceeded: number;
    refusedDuplicates: Record<string, number>;
    errors: number;
    serverCpuMsPerRequest: number;
    serverPeakRssMb: number;
    verify: Record<string, number>;
  };
  b4?: {
    routes: Record<string, boolean>;
    pdf?: {
      count: number;
      medianMs: number;
      maxMs: number;
      serverCpuMsEach: number;
      bytes: number;
      serverPeakRssMb: number;
    };
    xlsx?: {
      rows: number;
      seconds: number;
      serverCpuSeconds: number;
      bytes: number;
      serverRssBeforeMb: number;
      serverPeakRssMb: number;
    };
    zip?: { applications: number; seconds: number; serverCpuSeconds: number; bytes: number; serverPeakRssMb: number };
  };
  b5: { idleRssMb: number; peakRssMb: number };
}

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

const n = (v: number | undefined, digits = 0) =>
  v === undefined || !Number.isFinite(v)
    ? '–'
    : v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mark = (ok: boolean | undefined) => (ok === undefined ? '' : ok ? ' ✅' : ' ❌');

/** The newest result file of each database in the results folder. */
export function latestResults(dir: string): BenchResult[] {
  const out: BenchResult[] = [];
  for (const db of ['sqlite', 'postgres']) {
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(`-${db}.json`))
      .sort();
    const last = files.at(-1);
    if (last) out.push(JSON.parse(fs.readFileSync(path.join(dir, last), 'utf8')) as BenchResult);
  }
  return out;
}

function rows(r: BenchResult[]): string[][] {
  // A benchmark left out with BENCH_ONLY has no figures: its cells say so.
  const cell = (f: (x: BenchResult) => string) =>
    r.map((x) => {
      try {
        return f(x);
      } catch {
        return 'not run';
      }
    });
  const cmp = (c: Comparison) =>
    `${n(c.ours.rps)} / ${n(c.baseline.rps)} = **${n(c.ratio, 2)}**${mark(c.ratio >= 0.5)}`;
  const lat = (c: Comparison) =>
    `${n(c.ours.p50, 1)} / ${n(c.ours.p99, 1)}${mark(c.ours.p99 <= 50)} (baseline ${n(c.baseline.p50, 1)} / ${n(c.baseline.p99, 1)})`;
  const cpu = (c: Comparison) =>
    `${n(c.ours.serverCpuMsPerRequest, 2)} / ${n(c.baseline.serverCpuMsPerRequest, 2)}` +
    (c.ours.dbCpuMsPerRequest === null
      ? ''
      : ` (+ PostgreSQL ${n(c.ours.dbCpuMsPerRequest, 2)} / ${n(c.baseline.dbCpuMsPerRequest ?? NaN, 2)})`);
  const floorCell = (c: Comparison) =>
    c.floor
      ? `${n(c.floor.rps)} (${n(c.floorRatio, 2)}; ${n(c.oursToFloor, 2)}), ${n(c.floor.serverCpuMsPerRequest, 2)}` +
        (c.floor.dbCpuMsPerRequest === null ? '' : ` + PostgreSQL ${n(c.floor.dbCpuMsPerRequest, 2)}`)
      : '–';
  const b3ok = (x: BenchResult) =>
    x.b3!.seconds <= 60 && x.b3!.errors === 0 && x.b3!.succeededTwice === 0 && x.b3!.notSucceeded === 0;
  return [
    [
      'Seeding: applications (events, snapshots, audit records)',
      ...cell(
        (x) =>
          `${n(x.seeding.counts.apps)} (${n(x.seeding.counts.events)}, ${n(x.seeding.counts.snapshots)}, ${n(x.seeding.counts.audit)}) in ${n(x.seeding.seconds, 0)} s`,
      ),
      '',
    ],
    [
      'Logins through the API (argon2id), 8 at a time',
      ...cell((x) => `${n(x.logins.count)} in ${n(x.logins.seconds, 1)} s = ${n(x.logins.perSecond, 0)}/s`),
      '',
    ],
    ['**B1 autosave** req/s: ours / baseline = ratio', ...cell((x) => cmp(x.b1!)), '≥ 0.5'],
    ['B1 p50 / p99 ms', ...cell((x) => lat(x.b1!)), 'p99 ≤ 50'],
    ['B1 CPU ms per request: ours / baseline', ...cell((x) => cpu(x.b1!)), ''],
    ['B1 version conflicts / errors', ...cell((x) => `${x.b1!.ours.conflicts} / ${x.b1!.ours.errors}`), '0 / 0'],
    [
      'B1 floor: the same SQL on the raw driver, req/s (÷ baseline; ours ÷ floor), CPU ms',
      ...cell((x) => floorCell(x.b1!)),
      '',
    ],
    ['**B2 first page** (20 submitted) req/s: ours / baseline', ...cell((x) => cmp(x.b2!.firstPage)), '≥ 0.5'],
    ['B2 first page p50 / p99 ms', ...cell((x) => lat(x.b2!.firstPage)), 'p99 ≤ 50'],
    ['B2 first page CPU ms per request', ...cell((x) => cpu(x.b2!.firstPage)), ''],
    [
      'B2 first page floor (same SQL raw), req/s (÷ baseline; ours ÷ floor), CPU ms',
      ...cell((x) => floorCell(x.b2!.firstPage)),
      '',
    ],
    ['**B2 search by name** req/s: ours / baseline', ...cell((x) => cmp(x.b2!.search)), '≥ 0.5'],
    ['B2 search p50 / p99 ms', ...cell((x) => lat(x.b2!.search)), 'p99 ≤ 50'],
    ['B2 search CPU ms per request', ...cell((x) => cpu(x.b2!.search)), ''],
    [
      'B2 search floor (same SQL raw), req/s (÷ baseline; ours ÷ floor), CPU ms',
      ...cell((x) => floorCell(x.b2!.search)),
      '',
    ],
    [
      '**B3 submit storm**: 1,000 applicants (+100 double clicks), 100 connections',
      ...cell(
        (x) =>
          `${n(x.b3!.seconds, 1)} s, p99 ${n(x.b3!.p99, 0)} ms; once ${n(x.b3!.succeededOnce)}, twice ${x.b3!.succeededTwice}, errors ${x.b3!.errors}${mark(b3ok(x))}`,
      ),
      '≤ 60 s, 0 errors, 0 duplicates',
    ],
    [
      'B3 in the database: snapshots / submit events / pledges / numbers',
      ...cell(
        (x) =>
          `${n(x.b3!.verify.snapshots)} / ${n(x.b3!.verify.submitEvents)} / ${n(x.b3!.verify.pledges)} / ${n(x.b3!.verify.distinctNumbers)}`,
      ),
      'each 1,000',
    ],
    [
      '**B4** application PDF, median ms',
      ...cell((x) =>
        x.b4!.pdf
          ? `${n(x.b4!.pdf.medianMs)}${mark(x.b4!.pdf.medianMs <= 300)} (server CPU ${n(x.b4!.pdf.serverCpuMsEach)} ms each)`
          : 'not available',
      ),
      '≤ 300',
    ],
    [
      'B4 汇总表 (xlsx): rows, seconds (server CPU), server RSS before → peak',
      ...cell((x) =>
        x.b4!.xlsx
          ? `${n(x.b4!.xlsx.rows)} rows, ${n(x.b4!.xlsx.seconds, 2)} s${mark(x.b4!.xlsx.seconds <= 5)} (CPU ${n(x.b4!.xlsx.serverCpuSeconds, 2)} s), ${n(x.b4!.xlsx.serverRssBeforeMb)} → ${n(x.b4!.xlsx.serverPeakRssMb)} MB${mark(x.b4!.xlsx.serverPeakRssMb <= 300)}`
          : 'not available',
      ),
      '≤ 5 s, ≤ 300 MB',
    ],
    [
      'B4 dispatch ZIP of 50 applications, seconds',
      ...cell((x) =>
        x.b4!.zip
          ? `${n(x.b4!.zip.seconds, 2)} s (CPU ${n(x.b4!.zip.serverCpuSeconds, 2)} s), ${n(x.b4!.zip.bytes / 1024 / 1024, 1)} MB`
          : 'not available',
      ),
      '',
    ],
    ['**B5** server RSS idle / peak (VmHWM), MB', ...cell((x) => `${n(x.b5.idleRssMb)} / ${n(x.b5.peakRssMb)}`), ''],
  ];
}

/** Rewrites the results section of bench/README.md from the newest result of each database. */
export async function writeReadme(readme: string, dir: string): Promise<void> {
  const results = latestResults(dir);
  if (results.length === 0) return;
  const m = results[0]!.machine;
  const header = ['', ...results.map((r) => (r.db === 'sqlite' ? 'SQLite' : 'PostgreSQL')), 'target'];
  const table = [header, header.map(() => '---'), ...rows(results)].map((r) => `| ${r.join(' | ')} |`).join('\n');
  const when = results
    .map(
      (r) =>
        `${r.db === 'sqlite' ? 'SQLite' : 'PostgreSQL'}: ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC, load average ${r.machine.loadAverage.join(' / ')} before and ${r.machine.loadAverageAfter.join(' / ')} after`,
    )
    .join('; ');
  const section = [
    START,
    `Machine: ${m.cores} cores (${m.cpuModel}), ${m.memoryGb} GB memory, Node ${m.node}, ${m.platform}. ${when}.`,
    `Absolute numbers depend on whatever else the machine was doing; read the ratios and the CPU time per request.`,
    '',
    table,
    END,
  ].join('\n');
  const text = fs.existsSync(readme) ? fs.readFileSync(readme, 'utf8') : `# Benchmarks\n\n${START}\n${END}\n`;
  const s = text.indexOf(START);
  const e = text.indexOf(END);
  const next =
    s >= 0 && e > s ? text.slice(0, s) + section + text.slice(e + END.length) : `${text.trimEnd()}\n\n${section}\n`;
  // Formatted like every other file of the repository (npm run format:check).
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(readme)) ?? {};
  fs.writeFileSync(readme, await prettier.format(next, { ...options, filepath: readme }));
}
