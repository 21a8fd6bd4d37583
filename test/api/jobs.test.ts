import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { TestClock } from '../../src/server/clock.js';
import { loadConfig } from '../../src/server/config.js';
import { localFileStore } from '../../src/server/files/fileStore.js';
import type { JobContext, JobDefinition } from '../../src/server/jobs/definitions.js';
import { startPgBossRunner } from '../../src/server/jobs/pgBossRunner.js';
import type { JobRunner } from '../../src/server/jobs/runner.js';
import { openTestDatabase } from '../helpers/env.js';

const PG_URL = process.env.TEST_DATABASE_URL;

/** Jobs through pg-boss: three instances work the same queues; each run happens on one of them. */
describe.skipIf(!PG_URL)('jobs on pg-boss across instances', () => {
  it('runs each job sent from any instance once, never two runs of a job at a time, and stops gracefully', async () => {
    const { database, drop } = await openTestDatabase('postgres');
    const schema = `pgboss_${randomBytes(4).toString('hex')}`;
    const runs: { instance: number; start: number; end: number }[] = [];
    let active = 0;
    let maxActive = 0;
    const job = (instance: number): JobDefinition => ({
      name: 'count',
      cron: '0 0 1 1 *',
      everyMs: 3_600_000,
      expireInSeconds: 30,
      async run() {
        active++;
        maxActive = Math.max(maxActive, active);
        const start = Date.now();
        await new Promise((r) => setTimeout(r, 150));
        active--;
        runs.push({ instance, start, end: Date.now() });
      },
    });
    const ctx = (): JobContext => ({
      db: database.db,
      clock: new TestClock(),
      config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
      files: localFileStore('/tmp/msf-jobs-test'),
      log: { error() {}, warn() {}, info() {} } as unknown as JobContext['log'],
    });
    const runners: JobRunner[] = [];
    try {
      // Started together, as instances are (their setup is serialised by an advisory lock).
      runners.push(
        ...(await Promise.all(
          [0, 1, 2].map((i) =>
            startPgBossRunner(
              { ctx: ctx(), jobs: [job(i)] },
              { connectionString: PG_URL!, schema, pollingIntervalSeconds: 0.5 },
            ),
          ),
        )),
      );
      // One run asked for by one instance: exactly one run, on some instance.
      await runners[1]!.send('count');
      const until = Date.now() + 15_000;
      while (runs.length < 1 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      await new Promise((r) => setTimeout(r, 2000));
      expect(runs).toHaveLength(1);
      // Asked for by every instance at once: runs never overlap (queue policy 'stately').
      await Promise.all(runners.map((r) => r.send('count')));
      await new Promise((r) => setTimeout(r, 4000));
      expect(runs.length).toBeGreaterThanOrEqual(2);
      expect(maxActive).toBe(1);
    } finally {
      await Promise.all(runners.map((r) => r.stop()));
      await database.destroy();
      await drop();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    }
  }, 60_000);
});
