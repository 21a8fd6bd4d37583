import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { SystemClock } from '../../src/server/clock.js';
import { openDatabase } from '../../src/server/db/database.js';
import { createTestEnv } from '../helpers/env.js';
import { buildCityReviewer } from '../factories.js';
import { loadConfig } from '../../src/server/config.js';
import { prepareDatabase, takeDataDirLock } from '../../src/server/db/prepare.js';

describe('SQLite: one process per DATA_DIR', () => {
  it('refuses a second server while the first runs, naming its pid; takes over a lock left by a dead one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'msf-lock-'));
    const lock = path.join(dir, 'server.lock');
    // Another live process holds it.
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      fs.writeFileSync(lock, String(other.pid));
      expect(() => takeDataDirLock(dir)).toThrow(new RegExp(`已由另一个服务器进程（pid ${other.pid}）使用`));
      expect(fs.readFileSync(lock, 'utf8')).toBe(String(other.pid));
    } finally {
      other.kill('SIGKILL');
    }
    await new Promise((r) => other.once('exit', r));
    // Its process is gone: the lock is taken over, and released again.
    const release = takeDataDirLock(dir);
    expect(fs.readFileSync(lock, 'utf8')).toBe(String(process.pid));
    release();
    expect(fs.existsSync(lock)).toBe(false);
  });
});

const PG_URL = process.env.TEST_DATABASE_URL;
describe.skipIf(!PG_URL)('PostgreSQL: instances starting together', () => {
  it('migrate and seed once under the lock: three concurrent preparations, one set of demo data', async () => {
    const name = `msf_start_${Math.random().toString(36).slice(2, 10)}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const u = new URL(PG_URL!);
    u.pathname = `/${name}`;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'msf-start-'));
    try {
      const config = loadConfig({
        NODE_ENV: 'development',
        LOG_LEVEL: 'silent',
        DATABASE_URL: u.toString(),
        DATA_DIR: dataDir,
      });
      const started = await Promise.all([1, 2, 3].map(() => prepareDatabase(config, new SystemClock())));
      const db = started[0]!.database.db;
      const count = async (table: 'users' | 'batches' | 'batch_documents' | 'applications') =>
        Number(
          (
            await db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      expect(await count('batches')).toBe(1);
      expect(await count('batch_documents')).toBe(4);
      expect(await count('applications')).toBe(1);
      const users = await count('users');
      expect(users).toBe(started[0]!.demoAccounts.length);
      for (const s of started) expect(s.demoAccounts.length).toBe(users);
      for (const s of started) await s.database.destroy();
    } finally {
      await admin.query(`drop database if exists ${name}`);
      await admin.end();
    }
  }, 60_000);
});

describe.skipIf(!PG_URL)('PostgreSQL: DATABASE_PREPARED_STATEMENTS', () => {
  it('names the precompiled statements by default, and sends none with DATABASE_PREPARED_STATEMENTS=0 (PgBouncer)', async () => {
    const env = await createTestEnv('postgres');
    try {
      const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(env.db)).rows[0]!.s;
      const u = await buildCityReviewer(env.db);
      for (const preparedStatements of [true, false]) {
        const database = openDatabase({ url: PG_URL, pgSchema: schema, poolSize: 1, preparedStatements });
        try {
          // A login looks the session up with a precompiled query; then count this connection's statements.
          const app = await buildApp({ config: env.app.config, database, clock: env.clock });
          const res = await app.inject({
            method: 'POST',
            url: '/api/session',
            payload: { username: u.username, password: 'Test@2026pw' },
          });
          expect(res.statusCode).toBe(200);
          const me = await app.inject({
            method: 'GET',
            url: '/api/session',
            headers: { cookie: `msf_sid=${res.cookies[0]!.value}` },
          });
          expect(me.statusCode).toBe(200);
          const named = await sql<{
            n: number;
          }>`select count(*)::int as n from pg_prepared_statements where name like 'msf_%'`.execute(database.db);
          if (preparedStatements) expect(named.rows[0]!.n).toBeGreaterThan(0);
          else expect(named.rows[0]!.n).toBe(0);
          await app.close();
        } finally {
          await database.destroy();
        }
      }
    } finally {
      await env.close();
    }
  });
});

describe('draining before shutdown', () => {
  it('answers 503 on /api/health once draining, so the balancer stops sending requests', async () => {
    const env = await createTestEnv('sqlite');
    try {
      expect((await env.anonymous().get('/api/health')).statusCode).toBe(200);
      env.app.draining = true;
      const res = await env.anonymous().get('/api/health');
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'unavailable', database: 'ok', files: 'ok', draining: true });
    } finally {
      await env.close();
    }
  });
});
