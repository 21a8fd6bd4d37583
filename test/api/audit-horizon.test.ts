import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../helpers/env.js';
import { appendAudit } from '../../src/server/audit/audit.js';
import { loadSigningKey } from '../../src/server/audit/keys.js';
import { sealOnce } from '../../src/server/audit/sealer.js';
import { openDatabase, type Database } from '../../src/server/db/database.js';

const url = process.env.TEST_DATABASE_URL;

/**
 * Issue 12: on PostgreSQL the sealer's horizon is per database. A transaction left open in another
 * database of the same server does not hold sealing back; one in this database that has written a
 * record does, until it commits, and its record is sealed then.
 */
describe.skipIf(!url)('audit sealer horizon [postgres]', () => {
  let env: TestEnv;
  let other: Database;
  const otherDb = `msf_horizon_${randomBytes(4).toString('hex')}`;
  const key = loadSigningKey(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'msf-horizon-')), 'audit.pem'));
  const seal = (waitMs: number) => sealOnce(env.db, { key, now: () => new Date(), horizonWaitMs: waitMs });
  const ctx = (requestId: string) => ({ actor: null, ip: '127.0.0.1', requestId, now: new Date() });
  const leafSeq = async (requestId: string) =>
    Number(
      (await env.db.selectFrom('audit_log').select('seq').where('request_id', '=', requestId).executeTakeFirstOrThrow())
        .seq,
    );
  const lastSealed = async () =>
    Number(
      (await env.db.selectFrom('audit_seals').select('last_seq').orderBy('id', 'desc').executeTakeFirst())?.last_seq ??
        0,
    );

  beforeAll(async () => {
    env = await createTestEnv('postgres');
    const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(env.db)).rows[0]!.s;
    other = openDatabase({ url, pgSchema: schema, poolSize: 2 });
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${otherDb}`);
    await admin.end();
  });
  afterAll(async () => {
    await other?.destroy();
    await env?.close();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${otherDb} with (force)`);
    await admin.end();
  });

  it('a transaction open in another database does not hold sealing back', async () => {
    const u = new URL(url!);
    u.pathname = `/${otherDb}`;
    const stranger = new pg.Client({ connectionString: u.toString() });
    await stranger.connect();
    try {
      // An open transaction with an xid: it holds the server-wide xmin back.
      await stranger.query('begin');
      await stranger.query('select pg_current_xact_id()');
      await appendAudit(env.db, ctx('horizon-other-db'), { action: 'session.login' });
      const seq = await leafSeq('horizon-other-db');
      const res = await seal(300);
      expect(res.status).toBe('sealed');
      expect(await lastSealed()).toBeGreaterThanOrEqual(seq);
    } finally {
      await stranger.query('rollback').catch(() => undefined);
      await stranger.end();
    }
  });

  it('a transaction of this database that wrote a record holds sealing back until it commits; its record is then sealed', async () => {
    const before = await lastSealed();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let written!: () => void;
    const wrote = new Promise<void>((r) => (written = r));
    // The writer: a record drawn first (lowest number), then the transaction stays open.
    const writer = other.db.transaction().execute(async (trx) => {
      await appendAudit(trx, ctx('horizon-open-writer'), { action: 'session.login' });
      written();
      await gate;
    });
    await wrote;
    // A record committed after it, with a higher number.
    await appendAudit(env.db, ctx('horizon-later'), { action: 'session.login' });
    const later = await leafSeq('horizon-later');
    const res = await seal(300);
    expect(res.status).toBe('horizon');
    expect(await lastSealed()).toBe(before);

    release();
    await writer;
    const open = await leafSeq('horizon-open-writer');
    expect(open).toBeGreaterThan(before);
    expect(open).toBeLessThan(later);
    const after = await seal(300);
    expect(after.status).toBe('sealed');
    const last = await lastSealed();
    expect(last).toBeGreaterThanOrEqual(later);
    // The seals cover every number in a row: the writer's record is inside one of them.
    const covering = await env.db
      .selectFrom('audit_seals')
      .select(['id', 'first_seq', 'last_seq'])
      .where('first_seq', '<=', open)
      .where('last_seq', '>=', open)
      .execute();
    expect(covering).toHaveLength(1);
  });

  it('a transaction of this database that wrote no record does not hold sealing back', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const began = new Promise<void>((r) => (started = r));
    const bystander = other.db.transaction().execute(async (trx) => {
      // A write elsewhere: the transaction has an xid, but no lock on audit_log.
      await sql`select pg_current_xact_id()`.execute(trx);
      started();
      await gate;
    });
    await began;
    try {
      await appendAudit(env.db, ctx('horizon-bystander'), { action: 'session.login' });
      const seq = await leafSeq('horizon-bystander');
      expect((await seal(300)).status).toBe('sealed');
      expect(await lastSealed()).toBeGreaterThanOrEqual(seq);
    } finally {
      release();
      await bystander;
    }
  });
});
