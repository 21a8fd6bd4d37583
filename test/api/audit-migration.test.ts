import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Migrator, PostgresAdapter, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openTestDatabase, TEST_DIALECTS } from '../helpers/env.js';
import { GENESIS_HASH, legacyChainHash } from '../../src/server/audit/canonical.js';
import { appendAudit } from '../../src/server/audit/audit.js';
import { loadSigningKey } from '../../src/server/audit/keys.js';
import { sealOnce } from '../../src/server/audit/sealer.js';
import { verifyAuditChain } from '../../src/server/audit/verify.js';
import { migrations } from '../../src/server/db/migrations/index.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import type { Db } from '../../src/server/db/database.js';

async function migrateTo(db: Db, name: string) {
  const schema =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s
      : undefined;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    allowUnorderedMigrations: true,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const r = await migrator.migrateTo(name);
  if (r.error) throw r.error;
}

async function legacyRecords(db: Db, n: number, breakAt?: number) {
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const r = {
      seq,
      at: new Date(Date.UTC(2026, 0, seq)).toISOString(),
      actor_id: null,
      actor_name: `u${seq}`,
      actor_role: null,
      org_id: null,
      action: 'session.login',
      target_type: null,
      target_id: null,
      outcome: 'failure',
      ip: '10.0.0.1',
      request_id: `r${seq}`,
      summary: '{}',
    };
    const hash = legacyChainHash(prev, r);
    await db
      .insertInto('audit_log')
      .values({ ...r, prev_hash: prev, hash: seq === breakAt ? GENESIS_HASH : hash })
      .execute();
    prev = hash;
  }
}

// Issue 12, migration: the records of the former chain are verified once and become seal 0.
for (const dialect of TEST_DIALECTS) {
  describe(`audit migration [${dialect}]`, () => {
    it('seals the former chain as seal 0 and continues with new leaves', async () => {
      const { database, drop } = await openTestDatabase(dialect);
      try {
        const db = database.db;
        await migrateTo(db, '20261128_0081_audit_chain_head');
        await legacyRecords(db, 5);
        await migrateToLatest(db);
        const now = new Date();
        await appendAudit(db, { actor: null, ip: '1.2.3.4', requestId: 'x', now }, { action: 'session.login' });
        const key = loadSigningKey(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'msf-mig-')), 'k.pem'));
        const res = await sealOnce(db, { key, now: () => now });
        expect(res.sealed.map((s) => [s.id, s.first_seq, s.last_seq, s.leaf_count])).toEqual([
          [0, 1, 5, 5],
          [1, 6, 6, 1],
        ]);
        expect(await verifyAuditChain(db, { publicKey: key.publicKey })).toMatchObject({
          ok: true,
          count: 6,
          sealed: 6,
        });
      } finally {
        await database.destroy();
        await drop();
      }
    });

    it('refuses to seal a broken former chain', async () => {
      const { database, drop } = await openTestDatabase(dialect);
      try {
        await migrateTo(database.db, '20261128_0081_audit_chain_head');
        await legacyRecords(database.db, 4, 3);
        await expect(migrateToLatest(database.db)).rejects.toThrow(/broken at record 3/);
      } finally {
        await database.destroy();
        await drop();
      }
    });
  });
}
