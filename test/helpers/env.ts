import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { TestClock } from '../../src/server/clock.js';
import { openDatabase, type Database, type Db, type Dialect } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { seedReferenceOrgs } from '../../src/server/db/seed/reference-orgs.js';

/** The databases API tests run on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const TEST_DIALECTS: Dialect[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestEnv {
  app: FastifyInstance;
  db: Db;
  dialect: Dialect;
  clock: TestClock;
  /** Logs in and returns a client that sends the session cookie and CSRF token. */
  login(username: string, password?: string): Promise<Client>;
  /** A client without a session. */
  anonymous(): Client;
  close(): Promise<void>;
}

export const TEST_PASSWORD = 'Test@2026pw';

export interface Client {
  csrfToken: string | null;
  cookie: string | null;
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

function makeClient(app: FastifyInstance, cookie: string | null, csrfToken: string | null): Client {
  const client: Client = {
    cookie,
    csrfToken,
    request: (opts) =>
      app.inject({
        ...opts,
        headers: {
          ...(client.cookie ? { cookie: client.cookie } : {}),
          ...(client.csrfToken ? { 'x-csrf-token': client.csrfToken } : {}),
          ...(opts.headers ?? {}),
        },
      }),
    get: (url) => client.request({ method: 'GET', url }),
    post: (url, payload) =>
      client.request({ method: 'POST', url, payload: (payload as InjectOptions['payload']) ?? {} }),
    patch: (url, payload) =>
      client.request({ method: 'PATCH', url, payload: (payload as InjectOptions['payload']) ?? {} }),
    put: (url, payload) => client.request({ method: 'PUT', url, payload: (payload as InjectOptions['payload']) ?? {} }),
    delete: (url) => client.request({ method: 'DELETE', url }),
  };
  return client;
}

/** Opens a fresh database (in-memory SQLite, or a new PostgreSQL schema), migrated and with reference orgs. */
export async function openTestDatabase(dialect: Dialect): Promise<{ database: Database; drop(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const database = openDatabase({ sqlitePath: ':memory:' });
    return { database, drop: async () => {} };
  }
  const url = process.env.TEST_DATABASE_URL!;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const database = openDatabase({ url, pgSchema: schema, poolSize: 4 });
  return {
    database,
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}

export async function createTestEnv(dialect: Dialect, opts: { env?: Record<string, string> } = {}): Promise<TestEnv> {
  const { database, drop } = await openTestDatabase(dialect);
  const clock = new TestClock();
  await migrateToLatest(database.db);
  await seedReferenceOrgs(database.db, clock.now());
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: `/tmp/msf-test-${process.pid}`,
    ...opts.env,
  });
  const app = await buildApp({ config, database, clock });
  await app.ready();
  const env: TestEnv = {
    app,
    db: database.db,
    dialect,
    clock,
    anonymous: () => makeClient(app, null, null),
    async login(username, password = TEST_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'msf_sid');
      return makeClient(app, `msf_sid=${cookie!.value}`, res.json().csrfToken);
    },
    async close() {
      await app.close();
      await database.destroy();
      await drop();
    },
  };
  return env;
}

/**
 * Declares a suite once per test database. Each run gets its own fresh database and app;
 * the body reads them through the getter, after beforeAll has built them.
 */
export function describeEachDb(
  name: string,
  body: (env: () => TestEnv) => void,
  /** Environment variables for this suite's configuration (e.g. TRUST_PROXY). */
  envOverrides: Record<string, string> = {},
): void {
  for (const dialect of TEST_DIALECTS) {
    describe(`${name} [${dialect}]`, () => {
      let env: TestEnv | undefined;
      beforeAll(async () => {
        env = await createTestEnv(dialect, { env: envOverrides });
      });
      afterAll(async () => {
        await env?.close();
      });
      body(() => {
        if (!env) throw new Error('test environment not ready');
        return env;
      });
    });
  }
}
