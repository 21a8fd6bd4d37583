import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/server/db/database.js';
import { precompiled, preparedStatementNames } from '../../src/server/db/precompiled.js';

/**
 * db/precompiled.ts (issue 13 item 4): a hot query built and compiled once per dialect and shape,
 * through Kysely's public API; on PostgreSQL its text is named for a prepared statement
 * (db/namedStatements.ts). The PostgreSQL half runs when TEST_DATABASE_URL is set.
 */
const targets: { name: string; open(): Database }[] = [{ name: 'sqlite', open: () => openDatabase({}) }];
if (process.env.TEST_DATABASE_URL)
  targets.push({ name: 'postgres', open: () => openDatabase({ url: process.env.TEST_DATABASE_URL, poolSize: 2 }) });

// A query over no table: a constant, a named value used twice, and an `in` list whose length is the shape.
const q = precompiled((db, p, key) =>
  db
    .selectNoFrom([
      sql<string>`${'fixed'}`.as('constant'),
      sql<string>`${p('a')}`.as('a'),
      sql<string>`${p('a')}`.as('again'),
    ])
    .where(
      sql<string>`${p('b')}`,
      'in',
      Array.from({ length: Number(key || 1) }, (_, i) => p(`in${i}`)),
    ),
);

for (const t of targets) {
  describe(`precompiled queries [${t.name}]`, () => {
    let database: Database;
    beforeAll(() => {
      database = t.open();
    });
    afterAll(() => database.destroy());

    it('runs the same SQL with the values given by name; constants stay; each shape has its key', async () => {
      const db = database.db;
      expect(await q(db, { a: 'x', b: 'k', in0: 'k' })).toEqual([{ constant: 'fixed', a: 'x', again: 'x' }]);
      expect(await q(db, { a: 'y', b: 'k', in0: 'j' })).toEqual([]);
      expect(await q(db, { a: 'z', b: 'k', in0: 'j', in1: 'k' }, '2')).toEqual([
        { constant: 'fixed', a: 'z', again: 'z' },
      ]);
      await expect(q(db, { a: 'x', b: 'k' })).rejects.toThrow(/no value for in0/);
    });

    it('runs inside a transaction as on the database', async () => {
      const rows = await database.db.transaction().execute((trx) => q(trx, { a: 't', b: 'k', in0: 'k' }));
      expect(rows).toEqual([{ constant: 'fixed', a: 't', again: 't' }]);
    });

    it(
      t.name === 'postgres' ? 'names its PostgreSQL text for a prepared statement' : 'names nothing on SQLite',
      async () => {
        const names = [...preparedStatementNames.entries()].filter(
          ([text]) => text.includes("'fixed'") || text.includes('"constant"'),
        );
        if (t.name === 'postgres') {
          expect(names.length).toBeGreaterThanOrEqual(2);
          const prepared = await database.db.connection().execute(async (conn) => {
            await q(conn, { a: 'x', b: 'k', in0: 'k' });
            return sql<{ name: string }>`select name from pg_prepared_statements`.execute(conn);
          });
          expect(prepared.rows.map((r) => r.name)).toContain(names[0]![1]);
        } else {
          expect(names.every(([text]) => text.includes('$1'))).toBe(true);
        }
      },
    );
  });
}
