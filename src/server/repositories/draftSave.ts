import { sql, type QueryCreator } from 'kysely';
import type { Executor } from '../db/database.js';
import { precompiled } from '../db/precompiled.js';
import { speedupOn } from '../db/speedups.js';
import type { DB } from '../db/schema.js';
import { LEAF_COLUMNS, type LeafFields } from '../audit/canonical.js';
import type { DraftSection } from './content.js';
import { writeSections, type SectionWrites } from './sections.js';

// Off for the bench's comparison only (db/speedups.ts): the save writes updated_at too, as it did.
const savedAtOnly = speedupOn('saved-at-only');

/**
 * An autosave of the working copy: the sections given (a value replaces the stored one, null
 * deletes it), the version bump and who saved; `spaceName` only when the basic information is
 * among the sections (undefined leaves `space_name` as it is).
 *
 * A save records its time in `saved_at`, not `updated_at`: `updated_at` is the application's last
 * change in the process (creation, transitions), which the review queues sort by and six indexes
 * hold. Leaving it alone keeps those indexes still while applicants type, and lets PostgreSQL
 * update the row in place (a HOT update: no index entry written) — bench/README.md, "Autosaves
 * without index writes".
 */
export interface DraftSave {
  id: string;
  version: number;
  statuses: readonly string[];
  sections: SectionWrites;
  spaceName?: string | null;
  now: Date;
  userId: string;
}

/**
 * The shape of a save's statements, the key of its precompiled SQL: the number of editable
 * statuses, whether the space name is set, and which sections are upserted and which deleted
 * (section names are our own constants and are written into the SQL).
 */
interface Shape {
  statuses: number;
  name: boolean;
  upserts: DraftSection[];
  deletes: DraftSection[];
}

function shapeOf(a: DraftSave): Shape {
  const given = Object.entries(a.sections).filter(([, v]) => v !== undefined) as [DraftSection, unknown][];
  return {
    statuses: a.statuses.length,
    name: a.spaceName !== undefined,
    upserts: given.filter(([, v]) => v !== null).map(([s]) => s),
    deletes: given.filter(([, v]) => v === null).map(([s]) => s),
  };
}

const keyOf = (s: Shape) => JSON.stringify(s);
const shapeOfKey = (key: string) => JSON.parse(key) as Shape;

/**
 * The version-guarded update of the application's own row (version, when and by whom saved, and the
 * space name when the basic information is saved), returning the id when it matched. Used alone (SQLite)
 * and inside draftSaveWithLeaf (PostgreSQL).
 */
const guardedDraftUpdate = (qc: QueryCreator<DB>, p: (name: string) => string, shape: Shape) =>
  qc
    .updateTable('applications')
    .set({
      ...(shape.name ? { space_name: p('space_name') } : {}),
      version: sql<number>`cast(${p('next_version')} as integer)`,
      ...(savedAtOnly ? {} : { updated_at: p('saved_at') }),
      saved_at: p('saved_at'),
      saved_by: p('saved_by'),
    })
    .where('id', '=', p('id'))
    .where('version', '=', sql<number>`cast(${p('version')} as integer)`)
    .where(
      'status',
      'in',
      Array.from({ length: shape.statuses }, (_, i) => p(`status${i}`)),
    )
    .returning('id');

/** SQLite: the guarded update alone, compiled once per shape; the sections follow in the transaction. */
const draftSave = precompiled((db, p, key) => guardedDraftUpdate(db, p, shapeOfKey(key)));

/**
 * PostgreSQL: the guarded update, the section upserts and deletes and the audit leaf in ONE statement
 * (data-modifying CTEs, every one keyed off the update's RETURNING: nothing is written when the
 * version does not match), so that an autosave is one round trip, atomic on its own.
 */
const draftSaveWithLeaf = precompiled((db, p, key) => {
  const shape = shapeOfKey(key);
  let q = db.with('saved', (qb) => guardedDraftUpdate(qb, p, shape));
  for (const s of shape.upserts)
    q = q.with(`put_${s}`, (qb) =>
      qb
        .insertInto('application_sections')
        .columns(['application_id', 'section', 'content'])
        .expression((eb) =>
          eb
            .selectFrom('saved')
            .select([
              'saved.id as application_id',
              sql.lit(s).as('section'),
              sql<string>`cast(${p(`content_${s}`)} as text)`.as('content'),
            ]),
        )
        .onConflict((oc) =>
          oc.columns(['application_id', 'section']).doUpdateSet((eb) => ({ content: eb.ref('excluded.content') })),
        )
        .returning('section'),
    ) as unknown as typeof q;
  for (const s of shape.deletes)
    q = q.with(`drop_${s}`, (qb) =>
      qb
        .deleteFrom('application_sections')
        .where('application_id', 'in', (eb) => eb.selectFrom('saved').select('saved.id'))
        .where('section', '=', sql.lit(s))
        .returning('section'),
    ) as unknown as typeof q;
  return q
    .insertInto('audit_log')
    .columns([...LEAF_COLUMNS, 'hash', 'prev_hash'])
    .expression((eb) =>
      eb
        .selectFrom('saved')
        .select([
          ...[...LEAF_COLUMNS, 'hash'].map((c) => sql<string>`cast(${p(c)} as text)`.as(c)),
          sql<string>`''`.as('prev_hash'),
        ]),
    )
    .returning('seq');
});

/** The values of the application row's update. */
function draftParams(a: DraftSave): Record<string, unknown> {
  const at = a.now.toISOString();
  const statuses = Object.fromEntries(a.statuses.map((s, i) => [`status${i}`, s]));
  return {
    ...statuses,
    ...(a.spaceName !== undefined ? { space_name: a.spaceName } : {}),
    next_version: a.version + 1,
    saved_at: at,
    saved_by: a.userId,
    id: a.id,
    version: a.version,
  };
}

/**
 * PostgreSQL: saves the sections given and the application's row as saveDraft does and writes its
 * audit leaf, in one statement; false (and nothing written) when the application is no longer at
 * the version read (or no longer editable).
 */
export async function saveDraftWithLeaf(
  db: Executor,
  a: DraftSave,
  leaf: LeafFields & { hash: string },
): Promise<boolean> {
  const shape = shapeOf(a);
  const contents = Object.fromEntries(shape.upserts.map((s) => [`content_${s}`, JSON.stringify(a.sections[s])]));
  return (await draftSaveWithLeaf(db, { ...leaf, ...contents, ...draftParams(a) }, keyOf(shape))).length === 1;
}

/**
 * Saves the sections given, only if the application is still at the version (and an editable
 * status) read: the guarded update first, the sections only when it matched. Run it in a transaction.
 */
export async function saveDraft(db: Executor, a: DraftSave): Promise<boolean> {
  if ((await draftSave(db, draftParams(a), keyOf(shapeOf(a)))).length !== 1) return false;
  await writeSections(db, a.id, a.sections);
  return true;
}
