import { sql } from 'kysely';
import type { Db } from '../../src/server/db/database.js';

/**
 * Runs raw SQL past the append-only triggers of audit_log and audit_seals, as an intruder with
 * database access would (the audit seal and anchor tests' tamper cases).
 */
export async function intrude(db: Db, dialect: string, statements: string[]): Promise<void> {
  if (dialect === 'postgres') {
    await sql`alter table audit_log disable trigger user`.execute(db);
    await sql`alter table audit_seals disable trigger user`.execute(db);
    for (const s of statements) await sql.raw(s).execute(db);
    await sql`alter table audit_log enable trigger user`.execute(db);
    await sql`alter table audit_seals enable trigger user`.execute(db);
  } else {
    const triggers = await sql<{ name: string; sql: string }>`
      select name, sql from sqlite_master where type = 'trigger' and tbl_name in ('audit_log', 'audit_seals')`.execute(
      db,
    );
    for (const t of triggers.rows) await sql.raw(`drop trigger ${t.name}`).execute(db);
    for (const s of statements) await sql.raw(s).execute(db);
    for (const t of triggers.rows) await sql.raw(t.sql).execute(db);
  }
}
