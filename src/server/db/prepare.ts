import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Config } from '../config.js';
import type { Clock } from '../clock.js';
import { securePrivateDir } from '../files/modes.js';
import type { FileStore } from '../files/fileStore.js';
import { createFileStore } from '../files/createFileStore.js';
import { openDatabase, type Database, type Db } from './database.js';
import { migrateToLatest } from './migrate.js';
import { seedReferenceOrgs } from './seed/reference-orgs.js';
import { DEMO_ACCOUNTS, seedDemo, type DemoAccount } from './seed/demo.js';
import { seedDemoBatch } from './seed/demo-batch.js';
import { seedDemoRegistration } from './seed/demo-licence.js';
import { seedDemoApplication } from './seed/demo-application.js';

export const sqliteFile = (config: Config): string => path.join(config.dataDir, 'makerspace.sqlite');

/** Opens the configured database with the configured pool (DATABASE_POOL_MAX, DATABASE_PREPARED_STATEMENTS). */
export function openConfiguredDatabase(config: Config): Database {
  return openDatabase({
    url: config.DATABASE_URL,
    sqlitePath: sqliteFile(config),
    poolSize: config.DATABASE_POOL_MAX,
    preparedStatements: config.DATABASE_PREPARED_STATEMENTS === '1',
  });
}

/**
 * Opens the configured database and brings it up to date: migrations, reference data, demo data.
 * On PostgreSQL every instance may start at once: the whole preparation runs under a session-level
 * advisory lock (per schema), so one instance migrates and seeds while the others wait and then find
 * nothing to do. On SQLite only one process may serve a DATA_DIR (takeDataDirLock).
 */
export async function prepareDatabase(
  config: Config,
  clock: Clock,
  files: FileStore = createFileStore(config),
): Promise<{ database: Database; demoAccounts: DemoAccount[] }> {
  // DATA_DIR and its uploaded files are private to the server (0700), whichever database is used.
  securePrivateDir(config.dataDir);
  if (files.kind === 'local') securePrivateDir(path.join(config.dataDir, 'files'));
  const database = openConfiguredDatabase(config);
  try {
    const demoAccounts =
      database.dialect === 'postgres'
        ? await withPrepareLock(database.db, (db) => prepare(db, config, clock, files))
        : await prepare(database.db, config, clock, files);
    return { database, demoAccounts };
  } catch (err) {
    await database.destroy();
    throw err;
  }
}

/** Runs `fn` holding a PostgreSQL advisory lock on one connection; `fn` uses that connection only. */
export async function withPrepareLock<T>(db: Db, fn: (conn: Db) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(hashtext(current_schema() || ':makerspace-prepare'))`.execute(conn);
    try {
      return await fn(conn);
    } finally {
      await sql`select pg_advisory_unlock(hashtext(current_schema() || ':makerspace-prepare'))`.execute(conn);
    }
  });
}

async function prepare(db: Db, config: Config, clock: Clock, files: FileStore): Promise<DemoAccount[]> {
  await migrateToLatest(db);
  await seedReferenceOrgs(db, clock.now());
  if (config.production || config.SEED_DEMO === '0') return [];
  const users = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(users.n) === 0) await seedDemo(db, clock.now(), config.DEMO_PASSWORD);
  // The 第四批 demo batch, with deadlines relative to the first start (kept if it exists).
  await seedDemoBatch(db, clock.now(), files);
  // nj-applicant's draft in the demo batch, filled with the example content (kept if it exists).
  await seedDemoApplication(db, clock.now());
  // A unit's registration awaiting 南京's decision, with a generated licence image (kept if it exists).
  await seedDemoRegistration(db, clock.now(), files, config.DEMO_PASSWORD);
  const demo = await db
    .selectFrom('users')
    .select('username')
    .where(
      'username',
      'in',
      DEMO_ACCOUNTS.map((a) => a.username),
    )
    .execute();
  const present = new Set(demo.map((d) => d.username));
  return DEMO_ACCOUNTS.filter((a) => present.has(a.username));
}

/**
 * SQLite serves one process: a second server on the same DATA_DIR would bypass the in-process job
 * loop's single runner and the in-memory limits. The lock file holds the server's pid; a file left
 * by a process that no longer runs is taken over. Returns the release function.
 */
export function takeDataDirLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'server.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o640 });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.rmSync(file, { force: true });
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new Error(
          `数据目录 ${dataDir} 已由另一个服务器进程（pid ${pid}）使用：SQLite 模式下一个数据目录只能运行一个实例。` +
            `多实例部署请设置 DATABASE_URL 使用 PostgreSQL（及 S3_BUCKET 存放文件）。` +
            ` (DATA_DIR is in use by server process ${pid}; with SQLite only one process may serve it.)`,
        );
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`could not take the lock ${file}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
