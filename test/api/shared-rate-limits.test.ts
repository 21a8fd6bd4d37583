import { describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { TestClock } from '../../src/server/clock.js';
import { loadConfig } from '../../src/server/config.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { seedReferenceOrgs } from '../../src/server/db/seed/reference-orgs.js';
import { openTestDatabase, TEST_DIALECTS } from '../helpers/env.js';

/**
 * Two instances (two apps on one database) behind a balancer: on PostgreSQL a per-address limit
 * counts the requests of both; on SQLite (one instance by design) each counts its own in memory.
 */
if (!process.env.TEST_REDIS_URL) console.log('\nRedis rate-limit test skipped: set TEST_REDIS_URL\n');

for (const dialect of TEST_DIALECTS) {
  describe(`shared rate limits [${dialect}]`, () => {
    it(
      dialect === 'postgres'
        ? 'counts one client across instances: the fourth request of three allowed is refused by either'
        : 'counts in memory per instance (SQLite serves one instance)',
      async () => {
        const { database, drop } = await openTestDatabase(dialect);
        const clock = new TestClock();
        await migrateToLatest(database.db);
        await seedReferenceOrgs(database.db, clock.now());
        const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', RATE_LIMIT_PUBLIC: '3' });
        const apps: FastifyInstance[] = [];
        try {
          for (let i = 0; i < 2; i++) apps.push(await buildApp({ config, database, clock }));
          const get = (i: number, ip = '203.0.113.7') =>
            apps[i]!.inject({ method: 'GET', url: '/api/public/filed', remoteAddress: ip });
          const codes = [];
          for (const i of [0, 1, 0, 1]) codes.push((await get(i)).statusCode);
          if (dialect === 'postgres') {
            expect(codes).toEqual([200, 200, 200, 429]);
            const refused = await get(0);
            expect(refused.statusCode).toBe(429);
            expect(refused.json().error.message).toMatch(/频繁|稍后/);
            // Another address has its own count.
            expect((await get(1, '203.0.113.8')).statusCode).toBe(200);
          } else {
            expect(codes).toEqual([200, 200, 200, 200]);
          }
        } finally {
          for (const a of apps) await a.close();
          await database.destroy();
          await drop();
        }
      },
    );
  });
}

const REDIS = process.env.TEST_REDIS_URL;
describe.skipIf(!REDIS)('shared rate limits in Redis (REDIS_URL)', () => {
  it('counts one client across instances through Redis, even on SQLite', async () => {
    const { database, drop } = await openTestDatabase('sqlite');
    const clock = new TestClock();
    await migrateToLatest(database.db);
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', RATE_LIMIT_PUBLIC: '3', REDIS_URL: REDIS });
    const apps: FastifyInstance[] = [];
    // A fresh address per run: the counters outlive the test in Redis until their window ends.
    const ip = `198.51.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    try {
      for (let i = 0; i < 2; i++) apps.push(await buildApp({ config, database, clock }));
      const codes = [];
      for (const i of [0, 1, 0, 1])
        codes.push((await apps[i]!.inject({ method: 'GET', url: '/api/public/filed', remoteAddress: ip })).statusCode);
      expect(codes).toEqual([200, 200, 200, 429]);
    } finally {
      for (const a of apps) await a.close();
      await database.destroy();
      await drop();
    }
  });
});
