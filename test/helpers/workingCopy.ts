import type { Executor } from '../../src/server/db/database.js';
import { workingCopyJson } from '../../src/server/repositories/sections.js';

/**
 * The working copy of an application as one JSON text, as every reader gets it (the sections of
 * application_sections joined, `{}` when none is stored).
 */
export async function workingCopyText(db: Executor, applicationId: string): Promise<string> {
  const row = await db
    .selectFrom('applications')
    .select(workingCopyJson(db, 'applications.id').as('content'))
    .where('id', '=', applicationId)
    .executeTakeFirstOrThrow();
  return row.content;
}

/** The working copy parsed. */
export const workingCopy = async (db: Executor, applicationId: string): Promise<Record<string, unknown>> =>
  JSON.parse(await workingCopyText(db, applicationId)) as Record<string, unknown>;

/**
 * Replaces the stored working copy by hand (as older code or an operator might have left it): each
 * key of `content` becomes a section row holding its value's JSON text, or, for a string given as
 * a section's raw text, that text as it is.
 */
export async function setWorkingCopy(
  db: Executor,
  applicationId: string,
  content: Record<string, unknown>,
  raw: Record<string, string> = {},
): Promise<void> {
  await db.deleteFrom('application_sections').where('application_id', '=', applicationId).execute();
  const rows = [
    ...Object.entries(content).map(([section, v]) => ({ section, content: JSON.stringify(v) })),
    ...Object.entries(raw).map(([section, text]) => ({ section, content: text })),
  ];
  if (rows.length)
    await db
      .insertInto('application_sections')
      .values(rows.map((r) => ({ application_id: applicationId, ...r })))
      .execute();
}

/** The stored section rows of an application (text as stored), by section. */
export async function sectionRows(db: Executor, applicationId: string): Promise<Record<string, string>> {
  const rows = await db
    .selectFrom('application_sections')
    .select(['section', 'content'])
    .where('application_id', '=', applicationId)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.section, r.content]));
}
