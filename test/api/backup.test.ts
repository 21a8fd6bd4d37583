import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { verifyAuditChain } from '../../src/server/audit/verify.js';
import { TestClock } from '../../src/server/clock.js';
import { loadConfig } from '../../src/server/config.js';
import { openDatabase, type Database } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { seedReferenceOrgs } from '../../src/server/db/seed/reference-orgs.js';
import { buildApplicant, buildBatch } from '../factories.js';
import { createApplication, pdf, upload } from '../helpers/applications.js';
import { createScratchDatabase, fileHashes, runCli, tableRows } from '../helpers/backup.js';
import { TEST_DIALECTS, TEST_PASSWORD, type Client } from '../helpers/env.js';

/**
 * npm run backup / npm run restore (issue 11, item 10), run as the commands they are, against a
 * database and DATA_DIR that an application instance keeps writing to.
 */

interface Target {
  dataDir: string;
  /** PostgreSQL: a scratch database of its own; the schema is the source's. */
  url?: string;
}

for (const dialect of TEST_DIALECTS) {
  describe(`backup and restore [${dialect}]`, () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'msf-backup-'));
    const sourceDir = path.join(root, 'source');
    const pgUrl = process.env.TEST_DATABASE_URL;
    const schema = dialect === 'postgres' ? `t_${randomBytes(6).toString('hex')}` : undefined;
    const drops: (() => Promise<void>)[] = [];
    let database: Database;
    let app: FastifyInstance;
    let applicant: Client;
    let applicationId: string;
    let targets = 0;

    const sqlitePath = (dataDir: string) => path.join(dataDir, 'makerspace.sqlite');
    const cliEnv = (t: Target) => ({ DATA_DIR: t.dataDir, DATABASE_URL: t.url });
    const schemaArgs = schema ? ['--schema', schema] : [];
    const source: Target = { dataDir: sourceDir, url: dialect === 'postgres' ? pgUrl : undefined };

    async function newTarget(): Promise<Target> {
      const dataDir = path.join(root, `target-${++targets}`);
      if (dialect === 'sqlite') return { dataDir };
      const scratch = await createScratchDatabase(pgUrl!);
      drops.push(scratch.drop);
      return { dataDir, url: scratch.url };
    }
    const openTarget = (t: Target) =>
      dialect === 'sqlite'
        ? openDatabase({ sqlitePath: sqlitePath(t.dataDir) })
        : openDatabase({ url: t.url, pgSchema: schema, poolSize: 2 });

    async function withTarget<T>(t: Target, fn: (d: Database) => Promise<T>): Promise<T> {
      const d = openTarget(t);
      try {
        return await fn(d);
      } finally {
        await d.destroy();
      }
    }
    const backup = (out: string) => runCli('backup', ['--out', out, ...schemaArgs], cliEnv(source));
    const restore = (from: string, t: Target, extra: string[] = []) =>
      runCli('restore', ['--from', from, ...schemaArgs, ...extra], cliEnv(t));

    beforeAll(async () => {
      if (dialect === 'postgres') {
        const c = new pg.Client({ connectionString: pgUrl });
        await c.connect();
        await c.query(`create schema ${schema}`);
        await c.end();
        drops.push(async () => {
          const d = new pg.Client({ connectionString: pgUrl });
          await d.connect();
          await d.query(`drop schema if exists ${schema} cascade`);
          await d.end();
        });
        database = openDatabase({ url: pgUrl, pgSchema: schema, poolSize: 4 });
      } else {
        database = openDatabase({ sqlitePath: sqlitePath(sourceDir) });
        // Keep every commit in the WAL, as a live server's WAL holds those since the last checkpoint
        // (one that a long reader, such as a streamed export, keeps from completing): a copy of the
        // main file alone would miss them all; the backup must read through the WAL.
        await sql`pragma wal_autocheckpoint = 0`.execute(database.db);
      }
      const clock = new TestClock();
      await migrateToLatest(database.db);
      await seedReferenceOrgs(database.db, clock.now());
      // The write load is a stream of failed logins from one address: lift the per-address login limit.
      const config = loadConfig({
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATA_DIR: sourceDir,
        RATE_LIMIT_LOGIN: '1000000',
      });
      app = await buildApp({ config, database, clock });
      await app.ready();
      const a = await buildApplicant(database.db);
      const res = await app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: a.username, password: TEST_PASSWORD },
      });
      expect(res.statusCode, res.body).toBe(200);
      const cookie = `msf_sid=${res.cookies.find((c) => c.name === 'msf_sid')!.value}`;
      const csrf = res.json().csrfToken as string;
      applicant = {
        cookie,
        csrfToken: csrf,
        request: (opts) => app.inject({ ...opts, headers: { cookie, 'x-csrf-token': csrf, ...(opts.headers ?? {}) } }),
        get: (url) => applicant.request({ method: 'GET', url }),
        post: (url, payload) => applicant.request({ method: 'POST', url, payload: (payload ?? {}) as object }),
        patch: (url, payload) => applicant.request({ method: 'PATCH', url, payload: (payload ?? {}) as object }),
        put: (url, payload) => applicant.request({ method: 'PUT', url, payload: (payload ?? {}) as object }),
        delete: (url) => applicant.request({ method: 'DELETE', url }),
      };
      applicationId = (await createApplication(applicant, (await buildBatch(database.db)).id)).id;
      // Audit keys and anchors, as the audit log keeps them beside the uploads.
      fs.mkdirSync(path.join(sourceDir, 'keys'), { recursive: true });
      fs.writeFileSync(path.join(sourceDir, 'keys', 'audit-ed25519.pub'), 'public key\n');
    });

    afterAll(async () => {
      await app?.close();
      await database?.destroy();
      for (const drop of drops.reverse()) await drop();
      fs.rmSync(root, { recursive: true, force: true });
    });

    /** Audited writes in a loop (failed logins, uploads) until stopped; each must succeed. */
    function writeLoad() {
      let stop = false;
      let writes = 0;
      const done = (async () => {
        let uploads = 0;
        while (!stop) {
          const login = await app.inject({
            method: 'POST',
            url: '/api/session',
            payload: { username: `nobody-${writes}`, password: 'Wrong@2026pw' },
          });
          expect(login.statusCode).toBe(401);
          writes++;
          if (uploads < 40) {
            const res = await upload(applicant, applicationId, { name: `材料${uploads}.pdf`, data: pdf() });
            expect(res.statusCode, res.body).toBe(201);
            uploads++;
            writes++;
          }
        }
      })();
      return {
        get writes() {
          return writes;
        },
        async stop() {
          stop = true;
          await done;
        },
      };
    }

    const auditCount = async (d: Database) =>
      Number(
        (
          await d.db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    it('backs up under write load; the restore is a consistent snapshot, its files present and its audit chain intact', async () => {
      const load = writeLoad();
      while (load.writes < 10) await new Promise((r) => setTimeout(r, 20));
      const before = await auditCount(database);
      const out = path.join(root, 'under-load');
      const made = await backup(out);
      const writesDuringBackup = load.writes;
      // More writes after the backup, so the source moves on past the snapshot.
      while (load.writes < writesDuringBackup + 6) await new Promise((r) => setTimeout(r, 20));
      await load.stop();
      expect(made.code, made.stderr).toBe(0);
      expect(made.stdout).toMatch(/Backup written to/);

      const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
      expect(manifest.database.kind).toBe(dialect);
      expect(manifest.database.migrations.count).toBeGreaterThan(0);
      expect(manifest.app).toMatchObject({ name: 'makerspace-filing' });
      expect(manifest.parts.every((p: { sha256: string }) => /^[0-9a-f]{64}$/.test(p.sha256))).toBe(true);
      expect(manifest.parts.map((p: { path: string }) => p.path)).toContain('keys/audit-ed25519.pub');

      const target = await newTarget();
      const restored = await restore(out, target);
      expect(restored.code, restored.stderr + restored.stdout).toBe(0);
      expect(restored.stdout).toMatch(/audit log intact/);

      const sourceRows = await tableRows(database.db, dialect);
      await withTarget(target, async (r) => {
        expect((await verifyAuditChain(r.db)).ok).toBe(true);
        const n = await auditCount(r);
        expect(n).toBeGreaterThanOrEqual(before);
        expect(n).toBeLessThan(await auditCount(database));
        const rows = await tableRows(r.db, dialect);
        expect([...rows.keys()]).toEqual([...sourceRows.keys()]);
        // The load only inserts: every restored row is in the source, unchanged.
        for (const [table, list] of rows) {
          const all = new Set(sourceRows.get(table));
          expect(
            list.filter((row) => !all.has(row)),
            table,
          ).toEqual([]);
        }
        // Every upload the restored database names is in the restored store.
        const named = await r.db.selectFrom('application_files').select('sha256').execute();
        expect(named.length).toBeGreaterThan(0);
        for (const f of named)
          expect(fs.existsSync(path.join(target.dataDir, 'files', f.sha256.slice(0, 2), f.sha256))).toBe(true);
      });
      const restoredFiles = new Set(fileHashes(path.join(target.dataDir, 'files')));
      const sourceFiles = new Set(fileHashes(path.join(sourceDir, 'files')));
      expect([...restoredFiles].filter((f) => !sourceFiles.has(f))).toEqual([]);
      if (dialect === 'sqlite') expect(fs.statSync(sqlitePath(target.dataDir)).mode & 0o777).toBe(0o600);
    }, 120_000);

    let quiet: string;
    let replica: Target;
    it('restores a quiet backup row for row and file for file', async () => {
      quiet = path.join(root, 'quiet');
      const made = await backup(quiet);
      expect(made.code, made.stderr).toBe(0);
      replica = await newTarget();
      const restored = await restore(quiet, replica);
      expect(restored.code, restored.stderr).toBe(0);
      const sourceRows = await tableRows(database.db, dialect);
      await withTarget(replica, async (r) => expect(await tableRows(r.db, dialect)).toEqual(sourceRows));
      for (const sub of ['files', 'keys'])
        expect(fileHashes(path.join(replica.dataDir, sub))).toEqual(fileHashes(path.join(sourceDir, sub)));
    }, 120_000);

    it('refuses a target that is not empty, changing nothing, unless --force', async () => {
      const target = await newTarget();
      expect((await restore(path.join(root, 'under-load'), target)).code).toBe(0);
      const rowsBefore = await withTarget(target, (r) => tableRows(r.db, dialect));
      const filesBefore = fileHashes(target.dataDir);

      const refused = await restore(quiet, target);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toMatch(/not empty/);
      expect(refused.stderr).toMatch(/--force/);
      expect(await withTarget(target, (r) => tableRows(r.db, dialect))).toEqual(rowsBefore);
      expect(fileHashes(target.dataDir)).toEqual(filesBefore);

      const forced = await restore(quiet, target, ['--force']);
      expect(forced.code, forced.stderr).toBe(0);
      expect(await withTarget(target, (r) => tableRows(r.db, dialect))).toEqual(await tableRows(database.db, dialect));
      expect(fileHashes(path.join(target.dataDir, 'files'))).toEqual(fileHashes(path.join(sourceDir, 'files')));
    }, 120_000);

    it('refuses a backup whose parts do not match the manifest, before touching the target', async () => {
      const manifest = JSON.parse(fs.readFileSync(path.join(quiet, 'manifest.json'), 'utf8'));
      const upload = manifest.parts.find((p: { path: string }) => p.path.startsWith('files/')).path as string;
      for (const part of [manifest.database.part as string, upload]) {
        const copy = path.join(root, `tampered-${path.basename(part)}`);
        fs.cpSync(quiet, copy, { recursive: true });
        const file = path.join(copy, part);
        const bytes = fs.readFileSync(file);
        const mid = bytes.length >> 1;
        bytes[mid] = bytes[mid]! ^ 0x01;
        fs.writeFileSync(file, bytes);

        const target = await newTarget();
        const refused = await restore(copy, target);
        expect(refused.code).not.toBe(0);
        expect(refused.stderr).toMatch(/does not match its manifest/);
        expect(refused.stderr).toContain(part);
        expect(fs.existsSync(sqlitePath(target.dataDir))).toBe(false);
        expect(fileHashes(target.dataDir)).toEqual([]);
        if (target.url) {
          const c = new pg.Client({ connectionString: target.url });
          await c.connect();
          const n = await c.query(`select count(*)::int as n from information_schema.tables where table_schema = $1`, [
            schema,
          ]);
          await c.end();
          expect(n.rows[0].n).toBe(0);
        }
      }
    }, 120_000);
  });
}
