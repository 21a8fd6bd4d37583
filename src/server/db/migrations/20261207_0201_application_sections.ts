import { sql, type Kysely } from 'kysely';
import { isPostgres } from './helpers.js';

/**
 * The working copy stored per section (issue 12, B1 autosave): one row of `application_sections` per
 * section of an application's draft (basicInfo, narrative, provincialFiling), its JSON text in
 * `content`, instead of the whole draft in `applications.content`. An autosave of the basic
 * information then writes its own ~1 KB row and leaves the ~10 KB narrative's row alone (SQLite
 * rewrites a whole row, so one row per section rather than one column per section). Every key of
 * every existing working copy is carried over with its value's JSON text; `applications.content`
 * is then dropped. `application_snapshots.content` (the submitted versions) is unchanged. A working copy
 * that is no JSON object is kept in `application_content_unparsed`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('application_sections')
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('section', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('application_sections_pk', ['application_id', 'section'])
    .execute();
  // A working copy that is not a JSON object (hand-edited, truncated) was read as empty and reported;
  // it must neither stop the migration nor be lost: its text is kept whole in
  // application_content_unparsed (read by nobody; for the administrator), and the working copy starts
  // empty, as it was read before, so the unit's next save is kept.
  await db.schema
    .createTable('application_content_unparsed')
    .addColumn('application_id', 'text', (c) => c.notNull().primaryKey())
    .addColumn('content', 'text')
    .execute();
  // In pages, parsed here rather than by the database (JSON functions differ, and a bad text would
  // fail a cast on PostgreSQL).
  let after = '';
  for (;;) {
    const rows: { id: string; content: string | null }[] = await db
      .selectFrom('applications')
      .select(['id', 'content'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .execute();
    if (!rows.length) break;
    const values = rows.flatMap((r) => sectionRows(r.id, r.content));
    for (let i = 0; i < values.length; i += 300)
      await db
        .insertInto('application_sections')
        .values(values.slice(i, i + 300))
        .execute();
    const unparsed = rows
      .filter((r) => !asObject(r.content))
      .map((r) => ({ application_id: r.id, content: r.content }));
    if (unparsed.length) await db.insertInto('application_content_unparsed').values(unparsed).execute();
    after = rows[rows.length - 1]!.id;
  }
  await db.schema.alterTable('applications').dropColumn('content').execute();
}

/** The stored working copy when it is a JSON object, else undefined. */
function asObject(content: string | null): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(content ?? '{}');
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** A stored working copy's sections, each value's JSON text (none when it is no JSON object). */
const sectionRows = (id: string, content: string | null) =>
  Object.entries(asObject(content) ?? {}).map(([section, value]) => ({
    application_id: id,
    section,
    content: JSON.stringify(value),
  }));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('applications')
    .addColumn('content', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  const whole = isPostgres(db)
    ? sql`(select coalesce(json_object_agg(s.section, s.content::json)::text, '{}') from application_sections s
        where s.application_id = applications.id)`
    : sql`(select coalesce(json_group_object(s.section, json(s.content)), '{}') from application_sections s
        where s.application_id = applications.id)`;
  await sql`update applications set content = ${whole}`.execute(db);
  await db.schema.dropTable('application_sections').execute();
  await db.schema.dropTable('application_content_unparsed').execute();
}
