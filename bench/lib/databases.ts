/** The bench databases: PostgreSQL started and administered, connections by application name, seeding. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../../src/server/db/database.js';
import { seedBench, type SeedResult } from './seed.js';
import { APPS, PG_ADMIN_URL, PG_DB, HOST, log } from './settings.js';

export function ensurePostgresRunning(): void {
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

export async function pgAdmin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export const pgUrl = (applicationName: string) => {
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${PG_DB}`;
  u.searchParams.set('application_name', applicationName);
  return u.toString();
};

/** CPU ms of the PostgreSQL backends serving one application name (0 on SQLite). */
export async function backendPids(database: Database, applicationName: string): Promise<number[]> {
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
export async function seedOrReuse(
  db: 'sqlite' | 'postgres',
  sqlitePath: string,
  databaseUrl?: string,
): Promise<SeedResult> {
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
