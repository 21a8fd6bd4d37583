import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/server/db/database.js';
import { startWalCheckpointer, type WalCheckpointer } from '../../src/server/db/walCheckpointer.js';

const log = { warn: () => undefined };
let database: Database | undefined;
let checkpoints: WalCheckpointer | undefined;
let dir: string | undefined;

afterEach(async () => {
  await checkpoints?.stop();
  await database?.destroy();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  checkpoints = database = dir = undefined;
});

const autocheckpoint = async (db: Database['db']) =>
  (await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db)).rows[0]!.wal_autocheckpoint;

describe('WAL checkpoints in a worker thread (SQLite)', () => {
  it('moves the WAL into the database from its own connection, with the commit-time checkpoint only as a cap', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'msf-wal-'));
    const file = path.join(dir, 'db.sqlite');
    database = openDatabase({ sqlitePath: file });
    const { db } = database;
    expect(await autocheckpoint(db)).toBe(1000);
    checkpoints = await startWalCheckpointer({ db, file, intervalMs: 20, log });
    // The server's own checkpoint now only caps the WAL (64 MB), so commits do not checkpoint.
    expect(await autocheckpoint(db)).toBe(16_384);

    await sql`create table t (id integer primary key, body text)`.execute(db);
    const body = 'x'.repeat(3000);
    for (let i = 0; i < 300; i++) await sql`insert into t (body) values (${body})`.execute(db);
    // The WAL holds the 300 commits' pages until the worker copies them.
    const deadline = Date.now() + 10_000;
    let r = await checkpoints.next();
    while (r.checkpointed < 300 && Date.now() < deadline) r = await checkpoints.next();
    expect(r.log).toBeGreaterThanOrEqual(300);
    expect(r.checkpointed).toBe(r.log);

    // Nothing written is lost by checkpointing from another connection.
    const count = (await sql<{ n: number }>`select count(*) as n from t`.execute(db)).rows[0]!.n;
    expect(count).toBe(300);

    await checkpoints.stop();
    checkpoints = undefined;
    expect(await autocheckpoint(db)).toBe(1000);
  });
});
