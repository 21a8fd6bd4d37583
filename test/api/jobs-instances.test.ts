import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../../src/server/clock.js';
import { jobDefinitions, type JobContext, type JobDefinition } from '../../src/server/jobs/definitions.js';
import { startPgBossRunner } from '../../src/server/jobs/pgBossRunner.js';
import type { JobRunner } from '../../src/server/jobs/runner.js';
import { buildApplicant, buildApplication, buildBatch, NANJING } from '../factories.js';
import { createTestEnv, type TestEnv } from '../helpers/env.js';

const PG_URL = process.env.TEST_DATABASE_URL;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const silent = { error() {}, warn() {}, info() {} } as unknown as JobContext['log'];

async function dropSchema(schema: string) {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  await c.query(`drop schema if exists ${schema} cascade`);
  await c.end();
}

/**
 * pg-boss's supervision (expiring runs whose instance died) runs every two minutes by default; the
 * test runs one more supervisor every second so that it does not wait that long. Only the speed
 * depends on it: without it the surviving instances expire the run themselves, later.
 */
async function fastSupervisor(schema: string): Promise<{ stop(): Promise<void> }> {
  const mod = (await import('pg-boss')) as unknown as Record<string, unknown>;
  const Boss = (mod.PgBoss ?? mod.default) as new (o: object) => {
    start(): Promise<unknown>;
    stop(o: object): Promise<void>;
    on(e: string, f: () => void): void;
  };
  const boss = new Boss({
    connectionString: PG_URL,
    schema,
    max: 1,
    maintenanceIntervalSeconds: 1,
    superviseIntervalSeconds: 1,
    monitorStateIntervalSeconds: 1,
  });
  boss.on('error', () => {});
  await boss.start();
  return { stop: () => boss.stop({ graceful: false, wait: true }) };
}

/** Issue 16: jobs across instances — a run whose instance dies is retried elsewhere; reminders go out once. */
describe.skipIf(!PG_URL)('jobs across instances on pg-boss', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv('postgres');
  });
  afterAll(async () => {
    await env?.close();
  });

  it('a run taken by an instance that dies (SIGKILL) is retried by another instance', async () => {
    const schema = `pgboss_${randomBytes(4).toString('hex')}`;
    const child = fork(path.join(import.meta.dirname, '../helpers/jobInstance.ts'), {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, PG_URL, SCHEMA: schema },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const started = new Promise<void>((resolve) => child.on('message', (m) => m === 'started' && resolve()));
    let survivor: JobRunner | undefined;
    let supervisor: { stop(): Promise<void> } | undefined;
    try {
      await started;
      // The run is active on the child; the child dies without a word.
      child.kill('SIGKILL');
      await once(child, 'exit');
      const runs: number[] = [];
      const job: JobDefinition = {
        name: 'hang',
        cron: '0 0 1 1 *',
        everyMs: 3_600_000,
        expireInSeconds: 2,
        async run() {
          runs.push(Date.now());
        },
      };
      survivor = await startPgBossRunner(
        { ctx: { log: silent } as JobContext, jobs: [job] },
        { connectionString: PG_URL!, schema, pollingIntervalSeconds: 0.5 },
      );
      supervisor = await fastSupervisor(schema);
      const until = Date.now() + 190_000;
      while (runs.length === 0 && Date.now() < until) await sleep(250);
      // The retry, once: the run was neither lost with its instance nor doubled.
      await sleep(2000);
      expect(runs).toHaveLength(1);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await supervisor?.stop();
      await survivor?.stop();
      await dropSchema(schema);
    }
  }, 240_000);

  it('three instances asked for the reminders at once, repeatedly: each reminder is written once', async () => {
    const db = env.db;
    const now = env.clock.now().getTime();
    const batch = await buildBatch(db, {
      applicantDeadlines: { [NANJING]: new Date(now + 3 * DAY).toISOString() },
    });
    const units = await Promise.all(Array.from({ length: 5 }, () => buildApplicant(db)));
    for (const u of units) await buildApplication(db, { batchId: batch.id, unit: u.unit, status: 'draft' });
    const ids = units.map((u) => u.id);
    const reminders = async () =>
      db
        .selectFrom('notifications')
        .select(['user_id', 'kind'])
        .where('user_id', 'in', ids)
        .where('kind', 'in', ['reminder_7d', 'reminder_1d'])
        .execute();
    const schema = `pgboss_${randomBytes(4).toString('hex')}`;
    const jobs = jobDefinitions().filter((j) => j.name === 'deadline-reminders');
    const ctx = (): JobContext => ({ db, clock: env.clock, config: env.app.config, files: env.app.files, log: silent });
    const runners: JobRunner[] = [];
    try {
      runners.push(
        ...(await Promise.all(
          [0, 1, 2].map(() =>
            startPgBossRunner({ ctx: ctx(), jobs }, { connectionString: PG_URL!, schema, pollingIntervalSeconds: 0.5 }),
          ),
        )),
      );
      for (let round = 0; round < 3; round++) {
        await Promise.all(runners.map((r) => r.send('deadline-reminders')));
        await sleep(1500);
      }
      const until = Date.now() + 30_000;
      while ((await reminders()).length < ids.length && Date.now() < until) await sleep(250);
      await sleep(2000);
      const rows = await reminders();
      expect(rows.map((r) => r.kind)).toEqual(ids.map(() => 'reminder_7d'));
      expect(new Set(rows.map((r) => r.user_id)).size).toBe(ids.length);
    } finally {
      await Promise.all(runners.map((r) => r.stop()));
      await dropSchema(schema);
    }
  }, 90_000);
});
