/**
 * For the bench only: `MSF_BENCH_SPEEDUPS_OFF=precompiled,statement-cache,session-preload,saved-at-only` turns those
 * speed-ups off in a server process, so that `BENCH_SPEEDUPS=1 npm run bench` can measure what each
 * is worth against the same baseline in the same run (bench/README.md, "Speed-ups on and off").
 * The named prepared statements of PostgreSQL have their own setting (DATABASE_PREPARED_STATEMENTS).
 * Never set in production: with none set, every speed-up is on.
 */
export type Speedup = 'precompiled' | 'statement-cache' | 'session-preload' | 'saved-at-only';

const off = new Set((process.env.MSF_BENCH_SPEEDUPS_OFF ?? '').split(',').map((s) => s.trim()));

export const speedupOn = (name: Speedup): boolean => !off.has(name);
