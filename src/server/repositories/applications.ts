import { PostgresAdapter, sql, type Expression, type ExpressionBuilder, type Insertable, type SqlBool } from 'kysely';
import type { Executor } from '../db/database.js';
import { precompiled } from '../db/precompiled.js';
import type { ApplicationTable, DB } from '../db/schema.js';
import type { ApplicationStatus } from '../../domain/workflow.js';
import type { ApplicationScope } from '../policies/applications.js';
import { readSnapshot, withContent } from './content.js';
import type { ApplicationSort } from '../../domain/schemas/applications.js';
import type { SortOrder } from '../../domain/schemas/pagination.js';
import { countAll, orderBySort, paginate, type PageRequest } from '../queries/pagination.js';

const DETAIL_COLUMNS = [
  'applications.id',
  'applications.batch_id',
  'applications.unit_id',
  'applications.city_id',
  'applications.province_id',
  'applications.status',
  'applications.version',
  'applications.number',
  'applications.space_name',
  'applications.uscc',
  'applications.current_snapshot_id',
  'applications.submitted_at',
  'applications.created_at',
  'applications.updated_at',
  'applications.saved_at',
  'applications.saved_by',
  'unit.name as unit_name',
  'city.name as city_name',
  'batches.name as batch_name',
  'batches.year as batch_year',
] as const;

function withNames(db: Executor) {
  return db
    .selectFrom('applications')
    .innerJoin('orgs as unit', 'unit.id', 'applications.unit_id')
    .innerJoin('orgs as city', 'city.id', 'applications.city_id')
    .innerJoin('batches', 'batches.id', 'applications.batch_id');
}

const applicationById = precompiled((db, p) =>
  withNames(db)
    .select(DETAIL_COLUMNS)
    .select(['applications.content', 'batches.required_file_kinds', 'batches.status as batch_status'])
    .where('applications.id', '=', p('id')),
);

/** One application with its unit, city and batch names and its working copy (compiled once). */
export const findApplication = async (db: Executor, id: string) => withContent((await applicationById(db, { id }))[0]);
export type ApplicationRow = NonNullable<Awaited<ReturnType<typeof findApplication>>>;

const applicationForEdit = precompiled((db, p) =>
  withNames(db)
    .select(DETAIL_COLUMNS)
    .select(['applications.content', 'batches.required_file_kinds', 'batches.status as batch_status'])
    .select((eb) => [
      eb
        .selectFrom('deadlines as d')
        .select('d.due_at')
        .whereRef('d.batch_id', '=', 'applications.batch_id')
        .where('d.kind', '=', 'applicant')
        .whereRef('d.scope_org_id', '=', 'applications.city_id')
        .limit(1)
        .as('applicant_due_at'),
      eb
        .selectFrom('deadlines as d')
        .select('d.due_at')
        .whereRef('d.batch_id', '=', 'applications.batch_id')
        .where('d.kind', '=', 'city')
        .whereRef('d.scope_org_id', '=', 'applications.province_id')
        .limit(1)
        .as('city_due_at'),
    ])
    .where('applications.id', '=', p('id')),
);

/**
 * An application as findApplication gives it, with the deadlines an applicant's save is checked
 * against, in one query (an autosave's round trips, issue 7): the city's applicant deadline and the
 * province's city deadline, which applies when the city set none (effectiveDeadline's order).
 */
export const findApplicationForEdit = async (db: Executor, id: string) =>
  withContent((await applicationForEdit(db, { id }))[0]);

export const findApplicationByBatchUnit = (db: Executor, batchId: string, unitId: string) =>
  db
    .selectFrom('applications')
    .select(['id', 'status'])
    .where('batch_id', '=', batchId)
    .where('unit_id', '=', unitId)
    .executeTakeFirst();

export interface ApplicationFilter {
  scope: ApplicationScope;
  status?: ApplicationStatus[];
  cityId?: string;
  provinceId?: string;
  batchId?: string;
  mainField?: string;
  operatorNature?: string;
  q?: string;
  /** Last item of the previous page: (updated_at, id). */
  after?: { updatedAt: string; id: string };
  limit: number;
}

/**
 * The scope of a list as a condition on `applications`: the union of the unit, city, province and
 * expert's assignments given, or everything. Shared by the list and the dashboard's counts. `param`
 * turns a value into what the query carries (a placeholder in a precompiled query).
 */
export function inScope(
  eb: ExpressionBuilder<DB, 'applications'>,
  s: ApplicationScope,
  param: (name: string, value: string) => string = (_name, value) => value,
): Expression<SqlBool> {
  if (s.all) return sql<SqlBool>`1 = 1`;
  const ors: Expression<SqlBool>[] = [];
  if (s.unitId) ors.push(eb('applications.unit_id', '=', param('scopeUnit', s.unitId)));
  if (s.cityId) ors.push(eb('applications.city_id', '=', param('scopeCity', s.cityId)));
  if (s.provinceId) ors.push(eb('applications.province_id', '=', param('scopeProvince', s.provinceId)));
  if (s.expertId)
    ors.push(
      eb.exists(
        eb
          .selectFrom('expert_assignments')
          .select('expert_assignments.id')
          .whereRef('expert_assignments.application_id', '=', 'applications.id')
          .where('expert_assignments.expert_id', '=', param('scopeExpert', s.expertId))
          .where('expert_assignments.status', 'in', ['assigned', 'submitted']),
      ),
    );
  return ors.length ? eb.or(ors) : sql<SqlBool>`1 = 0`;
}

/** `"<field>"` inside the JSON array of main_fields, as a LIKE pattern with its wildcards escaped. */
export const mainFieldPattern = (field: string) => `%${JSON.stringify(field).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Searches this long (in characters) or longer use the trigram index (FTS5 on SQLite, pg_trgm on PostgreSQL). */
export const TRIGRAM_MIN_CHARS = 3;

/** The shape of a list query: what it filters by, not the values (one compiled query per shape). */
interface ListShape {
  scope: 'all' | { unit: boolean; city: boolean; province: boolean; expert: boolean };
  statuses: number;
  cityId: boolean;
  provinceId: boolean;
  operatorNature: boolean;
  mainField: boolean;
  batchId: boolean;
  /** none, fewer than three characters (no trigram), or three or more. */
  search: 'none' | 'short' | 'trigram';
  /** The search's narrow rows limited to a city or a province the list is limited to anyway. */
  searchWithin: 'none' | 'city' | 'province';
  /** keyset: newest change first after a given row (streaming); page: one sorted page; count: the total. */
  mode: 'keyset' | 'page' | 'count';
  after: boolean;
  sort: ApplicationSort;
  order: SortOrder;
}

/** The columns of each sort key of the list (a whitelist: nothing else reaches ORDER BY). */
const SORT_COLUMNS: Record<ApplicationSort, readonly string[]> = {
  updatedAt: ['applications.updated_at'],
  submittedAt: ['applications.submitted_at'],
  number: ['applications.number'],
  spaceName: ['applications.space_name'],
  unitName: ['unit.name'],
  cityName: ['city.name'],
  status: ['applications.status'],
};

/** The list's rows under a filter, before selecting, ordering and limiting (shared by page, count and keyset). */
function filteredList(db: Executor, p: (name: string) => string, shape: ListShape) {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const scope: ApplicationScope =
    shape.scope === 'all'
      ? { all: true }
      : {
          unitId: shape.scope.unit ? 'unit' : undefined,
          cityId: shape.scope.city ? 'city' : undefined,
          provinceId: shape.scope.province ? 'province' : undefined,
          expertId: shape.scope.expert ? 'expert' : undefined,
        };
  const statuses = Array.from({ length: shape.statuses }, (_, i) => p(`status${i}`));
  // SQLite: the trigram index (FTS5) unless the search is within a city. A city's entries in the
  // covering index are read in well under a millisecond whatever the word, while the FTS5 match
  // costs what the word matches nationally (专业化 matches all 100,000: 20-75 ms). PostgreSQL picks
  // between its trigram GIN index and the city or province from its statistics.
  const fts = !pg && shape.search === 'trigram' && shape.searchWithin !== 'city';
  // Applications whose space or unit name contains the search (the narrow rows of application_search,
  // through the trigram index when there is one and the search is long enough for it), or whose USCC
  // or number is the search.
  const nameMatches = db
    .selectFrom('application_search as s')
    .select('s.application_id')
    .$if(shape.searchWithin === 'city', (qb) => qb.where('s.city_id', '=', p('searchCity')))
    .$if(shape.searchWithin === 'province', (qb) => qb.where('s.province_id', '=', p('searchProvince')))
    .$if(fts, (qb) =>
      qb.where(
        's.id',
        'in',
        sql<number>`(select rowid from application_search_fts where application_search_fts match ${p('phrase')})`,
      ),
    )
    .$if(shape.search !== 'none' && !fts, (qb) =>
      qb.where((eb) => eb.or([eb('s.space_name', 'like', p('pattern')), eb('s.unit_name', 'like', p('pattern'))])),
    );
  const matches = nameMatches
    .unionAll(
      db
        .selectFrom('applications as byUscc')
        .select('byUscc.id as application_id')
        .where('byUscc.uscc', '=', p('uscc')),
    )
    .unionAll(
      db
        .selectFrom('applications as byNumber')
        .select('byNumber.id as application_id')
        .where('byNumber.number', '=', p('number')),
    );
  return withNames(db)
    .where((eb) => inScope(eb, scope, (name) => p(name)))
    .$if(shape.statuses > 0, (qb) => qb.where('applications.status', 'in', statuses))
    .$if(shape.cityId, (qb) => qb.where('applications.city_id', '=', p('cityId')))
    .$if(shape.provinceId, (qb) => qb.where('applications.province_id', '=', p('provinceId')))
    .$if(shape.operatorNature, (qb) => qb.where('applications.operator_nature', '=', p('operatorNature')))
    .$if(shape.mainField, (qb) =>
      qb.where(sql<SqlBool>`${sql.ref('applications.main_fields')} like ${p('mainField')} escape '\\'`),
    )
    .$if(shape.batchId, (qb) => qb.where('applications.batch_id', '=', p('batchId')))
    .$if(shape.search !== 'none', (qb) => qb.where('applications.id', 'in', matches));
}

const countQuery = precompiled((db, p, key) => filteredList(db, p, JSON.parse(key) as ListShape).select(countAll()));

const listQuery = precompiled((db, p, key) => {
  const shape = JSON.parse(key) as ListShape;
  const rows = filteredList(db, p, shape).select(DETAIL_COLUMNS);
  if (shape.mode === 'page')
    return orderBySort(rows, shape, SORT_COLUMNS, ['applications.id'])
      .limit(p('limit') as unknown as number)
      .offset(p('offset') as unknown as number);
  return rows
    .$if(shape.after, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb('applications.updated_at', '<', p('afterUpdatedAt')),
          eb.and([eb('applications.updated_at', '=', p('afterUpdatedAt')), eb('applications.id', '<', p('afterId'))]),
        ]),
      ),
    )
    .orderBy('applications.updated_at', 'desc')
    .orderBy('applications.id', 'desc')
    .limit(p('limit') as unknown as number);
});

/**
 * The shape and the values of a list query. `q` finds the applications whose space or unit name
 * contains it, or whose USCC or number it is. The query is compiled once per shape of filter (it runs
 * on every queue page).
 */
function listParams(
  f: Omit<ApplicationFilter, 'limit'>,
  mode: ListShape['mode'],
  sort: Pick<PageRequest<ApplicationSort>, 'sort' | 'order'> = { sort: 'updatedAt', order: 'desc' },
) {
  const q = f.q?.trim() || undefined;
  const s = f.scope;
  const search: ListShape['search'] = !q ? 'none' : [...q].length >= TRIGRAM_MIN_CHARS ? 'trigram' : 'short';
  // The narrow rows can be limited to the city or province when the list is (a reviewer's queue).
  const onlyCity = !s.all && s.cityId && !s.unitId && !s.provinceId && !s.expertId ? s.cityId : undefined;
  const onlyProvince = !s.all && s.provinceId && !s.unitId && !s.cityId && !s.expertId ? s.provinceId : undefined;
  const searchCity = f.cityId ?? onlyCity;
  const searchProvince = f.provinceId ?? onlyProvince;
  const shape: ListShape = {
    scope: s.all ? 'all' : { unit: !!s.unitId, city: !!s.cityId, province: !!s.provinceId, expert: !!s.expertId },
    statuses: f.status?.length ?? 0,
    cityId: !!f.cityId,
    provinceId: !!f.provinceId,
    operatorNature: !!f.operatorNature,
    mainField: !!f.mainField,
    batchId: !!f.batchId,
    search,
    searchWithin: search === 'none' ? 'none' : searchCity ? 'city' : searchProvince ? 'province' : 'none',
    mode,
    after: mode === 'keyset' && !!f.after,
    sort: mode === 'page' ? sort.sort : 'updatedAt',
    order: mode === 'page' ? sort.order : 'desc',
  };
  const values: Record<string, unknown> = {
    ...(s.all
      ? {}
      : { scopeUnit: s.unitId, scopeCity: s.cityId, scopeProvince: s.provinceId, scopeExpert: s.expertId }),
    cityId: f.cityId,
    provinceId: f.provinceId,
    operatorNature: f.operatorNature,
    mainField: f.mainField ? mainFieldPattern(f.mainField) : undefined,
    batchId: f.batchId,
    afterUpdatedAt: f.after?.updatedAt,
    afterId: f.after?.id,
    searchCity,
    searchProvince,
    // FTS5: the search as one phrase (a substring with the trigram tokenizer); LIKE as before.
    phrase: q ? `"${q.replaceAll('"', '""')}"` : undefined,
    pattern: q ? `%${q}%` : undefined,
    uscc: q?.toUpperCase(),
    number: q,
  };
  (f.status ?? []).forEach((st, i) => (values[`status${i}`] = st));
  return { key: JSON.stringify(shape), values };
}

/**
 * Newest change first, (updated_at, id) descending, after a given row; one more row than the limit,
 * to tell whether more follow (the export streams the whole list this way).
 */
export function listApplications(db: Executor, f: ApplicationFilter) {
  const { key, values } = listParams(f, 'keyset');
  return listQuery(db, { ...values, limit: f.limit + 1 }, key);
}

/** One page of the list, sorted by a whitelisted key, with the total under the same filter. */
export function listApplicationPage(
  db: Executor,
  f: Omit<ApplicationFilter, 'limit' | 'after'>,
  req: PageRequest<ApplicationSort>,
) {
  const rows = listParams(f, 'page', req);
  const count = listParams(f, 'count');
  return paginate(req, {
    rows: (limit, offset) => listQuery(db, { ...rows.values, limit, offset }, rows.key),
    count: async () => (await countQuery(db, count.values, count.key))[0]?.n ?? 0,
  });
}
export type ApplicationListRow = Awaited<ReturnType<typeof listApplications>>[number];

export const insertApplication = (db: Executor, row: Insertable<ApplicationTable>) =>
  db.insertInto('applications').values(row).execute();

/** Saves the working copy only if the application is still at the version (and an editable status) read. */
export async function updateApplicationContent(
  db: Executor,
  a: {
    id: string;
    version: number;
    statuses: readonly string[];
    content: string;
    spaceName: string | null;
    now: Date;
    userId: string;
  },
): Promise<boolean> {
  const at = a.now.toISOString();
  const res = await db
    .updateTable('applications')
    .set({
      content: a.content,
      space_name: a.spaceName,
      version: a.version + 1,
      updated_at: at,
      saved_at: at,
      saved_by: a.userId,
    })
    .where('id', '=', a.id)
    .where('version', '=', a.version)
    .where('status', 'in', [...a.statuses])
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

// ---- timeline ----

/** The timeline: every event with the acting organisation's and person's names, oldest first. */
export const listEvents = (db: Executor, applicationId: string) =>
  db
    .selectFrom('application_events')
    .leftJoin('orgs', 'orgs.id', 'application_events.actor_org_id')
    .leftJoin('users', 'users.id', 'application_events.actor_id')
    .selectAll('application_events')
    .select(['orgs.name as actor_org_name', 'users.display_name as actor_display_name'])
    .where('application_events.application_id', '=', applicationId)
    .orderBy('application_events.seq')
    .orderBy('application_events.at')
    .orderBy('application_events.id')
    .execute();
export type EventRow = Awaited<ReturnType<typeof listEvents>>[number];

// ---- snapshots and pledges ----

export async function findSnapshot(db: Executor, id: string) {
  const row = await db.selectFrom('application_snapshots').selectAll().where('id', '=', id).executeTakeFirst();
  return row && { ...row, content: readSnapshot(row.content, `snapshot ${row.id}`) };
}

export async function nextSnapshotSeq(db: Executor, applicationId: string): Promise<number> {
  const row = await db
    .selectFrom('application_snapshots')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('application_id', '=', applicationId)
    .executeTakeFirst();
  return Number(row?.seq ?? 0) + 1;
}

/** The pledge signed for a snapshot (the latest, should there be several). */
export const findPledgeForSnapshot = (db: Executor, snapshotId: string) =>
  db
    .selectFrom('pledges')
    .selectAll()
    .where('snapshot_id', '=', snapshotId)
    .orderBy('signed_at', 'desc')
    .limit(1)
    .executeTakeFirst();

/** Numbers already given that start with the prefix (a batch year and a city). */
export const listNumbers = (db: Executor, prefix: string) =>
  db.selectFrom('applications').select('number').where('number', 'like', `${prefix}%`).execute();

// ---- files ----

const FILE_COLUMNS = [
  'id',
  'application_id',
  'kind',
  'sha256',
  'file_name',
  'mime',
  'size',
  'uploaded_by',
  'uploaded_at',
] as const;

/** The files still attached (not deleted), in upload order. */
export const listFiles = (db: Executor, applicationId: string) =>
  db
    .selectFrom('application_files')
    .select(FILE_COLUMNS)
    .where('application_id', '=', applicationId)
    .where('deleted_at', 'is', null)
    .orderBy('uploaded_at')
    .orderBy('id')
    .execute();
export type FileRow = Awaited<ReturnType<typeof listFiles>>[number];

export const findFile = (db: Executor, applicationId: string, fileId: string) =>
  db
    .selectFrom('application_files')
    .select(FILE_COLUMNS)
    .where('application_id', '=', applicationId)
    .where('id', '=', fileId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();

export async function countFiles(db: Executor, applicationId: string): Promise<number> {
  const row = await db
    .selectFrom('application_files')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('application_id', '=', applicationId)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---- facts for guards ----

/** Whether the application is in a city or province dispatch that has been sent (or received). */
export async function inSentDispatch(db: Executor, applicationId: string): Promise<boolean> {
  // Only the current round counts: a dispatch that carried the application before its latest
  // recommendation (the correction path: correction_requested → recommended again) no longer holds it.
  // Sending a dispatch writes a dispatch_to_province event, so compare event order.
  const last = await db
    .selectFrom('application_events')
    .select(['action', 'seq'])
    .where('application_id', '=', applicationId)
    .where('action', 'in', ['recommend', 'dispatch_to_province'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return last?.action === 'dispatch_to_province';
}

/** Paper copies registered for the application that are not known to belong elsewhere. */
export async function paperCopiesCount(db: Executor, applicationId: string): Promise<number> {
  const row = await db
    .selectFrom('paper_copies')
    .select((eb) => eb.fn.sum<number>('count').as('n'))
    .where('application_id', '=', applicationId)
    .where((eb) => eb.or([eb('code_status', 'is', null), eb('code_status', '=', 'match')]))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The batch fields that creating and submitting an application need. */
export const findBatchForApplication = (db: Executor, batchId: string) =>
  db
    .selectFrom('batches')
    .select(['id', 'name', 'year', 'status', 'required_file_kinds'])
    .where('id', '=', batchId)
    .executeTakeFirst();

export const insertEvent = (
  db: Executor,
  e: {
    id: string;
    applicationId: string;
    action: string;
    from: string | null;
    to: string;
    actorId: string | null;
    actorOrgId: string | null;
    role: string | null;
    comment: string | null;
    at: string;
    seq: number;
  },
) =>
  db
    .insertInto('application_events')
    .values({
      id: e.id,
      application_id: e.applicationId,
      action: e.action,
      from_status: e.from,
      to_status: e.to,
      actor_id: e.actorId,
      actor_org_id: e.actorOrgId,
      actor_role: e.role,
      comment: e.comment,
      at: e.at,
      seq: e.seq,
    })
    .execute();
