import { sql, type Kysely } from 'kysely';
import { isPostgres } from './helpers.js';

/**
 * The working copy stored per section (issue 12, B1 autosave): one row of `application_sections` per
 * section of an application's draft (basicInfo, narrative, provincialFiling), its JSON text in
 * `content`, instead of the whole draft in `applications.content`. An autosave of the basic
 * information then writes its own ~1 KB row and leaves the ~10 KB narrative's row alone (SQLite
 * rewrites a whole row, so one row per section rather than one column per section). Every key of
 * every existing working copy is carried over with its value's JSON text; `applications.content`
 * is then dropped. `application_snapshots.content` (the submitted versions) is unchanged.
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
  if (isPostgres(db)) {
    // json_each keeps each value's text as stored (the json type is not normalised).
    await sql`insert into application_sections (application_id, section, content)
      select a.id, j.key, j.value::text from applications a, json_each(a.content::json) j`.execute(db);
  } else {
    await sql`insert into application_sections (application_id, section, content)
      select a.id, j.key, case when j.type in ('object', 'array') then j.value
        when j.type in ('true', 'false', 'null') then j.type else json_quote(j.value) end
      from applications a, json_each(a.content) j`.execute(db);
  }
  await db.schema.alterTable('applications').dropColumn('content').execute();
}

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
}
