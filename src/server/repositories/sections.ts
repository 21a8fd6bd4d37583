import { PostgresAdapter, sql, type RawBuilder } from 'kysely';
import type { Executor } from '../db/database.js';
import { precompiled } from '../db/precompiled.js';
import type { DraftSection } from './content.js';

/**
 * The working copy is stored per section, one row of `application_sections` each (migration 0201):
 * an autosave writes only the sections it replaces. Readers get the whole working copy back as the
 * one JSON text `applications.content` used to be, from workingCopyJson, and parse it as before
 * (content.ts).
 */

export const isPostgres = (db: Executor) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * The working copy of the application whose id is `applicationId` (a column reference such as
 * `applications.id`) as one JSON object text, `{}` when no section is stored. The sections' stored
 * texts are joined as they are rather than parsed and rebuilt by the database (no JSON work in the
 * database; a section that is not valid JSON makes the whole text invalid, which readContent reports
 * and reads as empty, as a bad `applications.content` was read). Sections in key order.
 */
export function workingCopyJson(db: Executor, applicationId: string): RawBuilder<string> {
  const id = sql.ref(applicationId);
  return isPostgres(db)
    ? sql<string>`(select coalesce('{' || string_agg(to_json(s.section)::text || ':' || s.content, ',' order by s.section)
        || '}', '{}') from application_sections s where s.application_id = ${id})`
    : sql<string>`(select coalesce('{' || group_concat(json_quote(s.section) || ':' || s.content, ',') || '}', '{}')
        from (select section, content from application_sections where application_id = ${id} order by section) s)`;
}

/** Sections to write: a value is stored as its JSON text, null deletes the section. */
export type SectionWrites = Partial<Record<DraftSection, unknown>>;

const upsertSection = precompiled((db, p) =>
  db
    .insertInto('application_sections')
    .values({ application_id: p('application_id'), section: p('section'), content: p('content') })
    .onConflict((oc) =>
      oc.columns(['application_id', 'section']).doUpdateSet((eb) => ({ content: eb.ref('excluded.content') })),
    ),
);

const deleteSection = precompiled((db, p) =>
  db
    .deleteFrom('application_sections')
    .where('application_id', '=', p('application_id'))
    .where('section', '=', p('section')),
);

/** Writes the sections given (upsert; null deletes), each one statement, the others untouched. */
export async function writeSections(db: Executor, applicationId: string, sections: SectionWrites): Promise<void> {
  for (const [section, value] of Object.entries(sections)) {
    if (value === undefined) continue;
    if (value === null) await deleteSection(db, { application_id: applicationId, section });
    else await upsertSection(db, { application_id: applicationId, section, content: JSON.stringify(value) });
  }
}

/** Replaces the whole working copy with `content` (its sections; any other stored section is deleted). */
export async function replaceWorkingCopy(
  db: Executor,
  applicationId: string,
  content: Partial<Record<DraftSection, unknown>>,
): Promise<void> {
  const keep = Object.keys(content).filter((k) => content[k as DraftSection] != null);
  let stale = db.deleteFrom('application_sections').where('application_id', '=', applicationId);
  if (keep.length) stale = stale.where('section', 'not in', keep);
  await stale.execute();
  await writeSections(db, applicationId, Object.fromEntries(keep.map((k) => [k, content[k as DraftSection]])));
}
