/** The bench's settings, from the environment (see bench/run.ts and bench/README.md), and its log. */
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const RESULTS = path.join(ROOT, 'bench/results');
export const DBS = (process.env.BENCH_DBS ?? 'sqlite,postgres').split(',').map((s) => s.trim()) as (
  'sqlite' | 'postgres'
)[];
/** The data set of a whole run (BENCH_APPS changes it for a quicker, partial run). */
export const DEFAULT_APPS = 100_000;
export const APPS = Number(process.env.BENCH_APPS ?? DEFAULT_APPS);
export const RUN_MS = Number(process.env.BENCH_RUN_SECONDS ?? 5) * 1000;
export const WARMUP_MS = 1000;
export const ROUNDS = 3;
export const CONNECTIONS = 50;
export const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const PG_DB = process.env.BENCH_PG_DB ?? 'msf_bench';
export const PROFILE = process.env.BENCH_PROFILE === '1';
const speedupsSetting = process.env.BENCH_SPEEDUPS ?? '';
export const SPEEDUPS = speedupsSetting !== '' && speedupsSetting !== '0';
/** BENCH_SPEEDUPS=none,session: only the variants whose names start with one of these (1: every variant). */
export const SPEEDUPS_ONLY = SPEEDUPS && speedupsSetting !== '1' ? speedupsSetting.split(',') : null;
export const KEEP = process.env.BENCH_KEEP === '1';
export const HOST = '127.0.0.1';
/** BENCH_ONLY=b1,b3 runs only those benchmarks (for profiling one of them). */
export const ONLY = process.env.BENCH_ONLY
  ? new Set(process.env.BENCH_ONLY.split(',').map((s) => s.trim().toLowerCase()))
  : null;
export const runs = (b: string) => !ONLY || ONLY.has(b);

export const log = (...args: unknown[]) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...args);
