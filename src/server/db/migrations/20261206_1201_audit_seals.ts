import { sql, type Kysely } from 'kysely';
import { GENESIS_HASH, legacyChainHash, type LeafFields } from '../../audit/canonical.js';
import { isPostgres } from './helpers.js';

const COLUMNS = `seq, at, actor_id, actor_name, actor_role, org_id, action, target_type, target_id, outcome, ip,
  request_id, summary, prev_hash, hash`;

/**
 * The audit log without a global lock (issue 12): records are leaves that the database numbers
 * itself, and signed Merkle seals (audit_seals) take the place of the hash chain.
 *
 * - PostgreSQL: audit_chain_head() and its advisory lock go. seq comes from a sequence through
 *   audit_next_seq(), which first gives the transaction its xid (pg_current_xact_id()) and only then
 *   draws the number — the sealer relies on that order (see sealer.ts).
 * - SQLite: the table is rebuilt with `seq integer primary key autoincrement` (numbers never reused,
 *   even after the tail is deleted), and a trigger refuses INSERT OR REPLACE over an existing record.
 *
 * The records already there keep their chain: it is verified once here (a broken chain stops the
 * migration rather than being sealed as if intact) and the sealer's first seal, seal 0, covers
 * exactly them. New records have prev_hash '' and a hash over their own canonical bytes.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await verifyLegacyChain(db);
  const pg = isPostgres(db);
  if (pg) {
    await sql`drop function if exists audit_chain_head()`.execute(db);
    await sql`create sequence audit_log_seq as bigint owned by audit_log.seq`.execute(db);
    await sql`select setval('audit_log_seq', max(seq)) from audit_log having max(seq) is not null`.execute(db);
    await sql`create function audit_next_seq() returns bigint language plpgsql volatile as $$
      begin
        perform pg_current_xact_id();
        return nextval('audit_log_seq');
      end $$`.execute(db);
    await sql`alter table audit_log alter column seq set default audit_next_seq()`.execute(db);
    await sql`alter table audit_log alter column prev_hash set default ''`.execute(db);
  } else {
    await sql
      .raw(
        `create table audit_log_v2 (
      seq integer primary key autoincrement, at text not null, actor_id text, actor_name text, actor_role text,
      org_id text, action text not null, target_type text, target_id text, outcome text not null, ip text,
      request_id text, summary text not null, prev_hash text not null default '', hash text not null)`,
      )
      .execute(db);
    await sql.raw(`insert into audit_log_v2 (${COLUMNS}) select ${COLUMNS} from audit_log order by seq`).execute(db);
    await sql`drop table audit_log`.execute(db);
    await sql`alter table audit_log_v2 rename to audit_log`.execute(db);
    await db.schema.createIndex('audit_at_idx').on('audit_log').column('at').execute();
    await db.schema.createIndex('audit_actor_idx').on('audit_log').columns(['actor_id', 'seq']).execute();
    await db.schema.createIndex('audit_target_idx').on('audit_log').columns(['target_type', 'target_id']).execute();
    await appendOnlySqlite(db, 'audit_log', 'seq');
  }

  await db.schema
    .createTable('audit_seals')
    .addColumn('id', 'bigint', (c) => c.primaryKey())
    .addColumn('first_seq', 'bigint', (c) => c.notNull().unique())
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .addColumn('leaf_count', 'integer', (c) => c.notNull())
    .addColumn('root', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('sealed_at', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_seals_last_seq_idx').on('audit_seals').column('last_seq').execute();
  if (pg) {
    await sql`create trigger audit_seals_no_update before update or delete on audit_seals
      for each row execute function audit_log_append_only()`.execute(db);
  } else {
    await appendOnlySqlite(db, 'audit_seals', 'id');
  }

  await db.schema
    .createTable('security_events')
    .addColumn('minute', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('last_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('security_events_pk', ['minute', 'ip', 'method', 'path', 'code'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function appendOnlySqlite(db: Kysely<any>, table: string, key: string): Promise<void> {
  for (const [name, when] of [
    ['no_update', 'before update'],
    ['no_delete', 'before delete'],
  ] as const) {
    await sql
      .raw(
        `create trigger ${table}_${name} ${when} on ${table}
      begin select raise(abort, '${table} is append-only'); end`,
      )
      .execute(db);
  }
  // INSERT OR REPLACE deletes the existing row without firing the delete trigger (recursive
  // triggers are off): refuse any insert whose key is taken.
  await sql
    .raw(
      `create trigger ${table}_no_replace before insert on ${table}
    when exists (select 1 from ${table} where ${key} = new.${key})
    begin select raise(abort, '${table} is append-only'); end`,
    )
    .execute(db);
}

/** Walks the former hash chain once; a record that does not fit stops the migration. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function verifyLegacyChain(db: Kysely<any>): Promise<void> {
  let prev = GENESIS_HASH;
  let after = 0;
  for (;;) {
    const rows = (await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(5000)
      .execute()) as (LeafFields & { seq: number | string; prev_hash: string; hash: string })[];
    if (rows.length === 0) return;
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq !== after + 1 || r.prev_hash !== prev || legacyChainHash(prev, r) !== r.hash)
        throw new Error(
          `the audit chain is broken at record ${after + 1}: it cannot be sealed as intact. ` +
            'Investigate with the previous release’s npm run audit:verify before migrating.',
        );
      prev = r.hash;
      after = seq;
    }
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('security_events').ifExists().execute();
  await db.schema.dropTable('audit_seals').ifExists().execute();
}
