import { PostgresAdapter, sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../db/database.js';
import { precompiled } from '../db/precompiled.js';
import type { DB } from '../db/schema.js';
import type { ApplicationStatus } from '../../domain/workflow.js';
import type { ApplicationSort } from '../../domain/schemas/applications.js';
import type { SortOrder } from '../../domain/schemas/pagination.js';
import type { ApplicationScope } from '../policies/applications.js';
import { countAll, orderBySort, paginate, type PageRequest } from '../queries/pagination.js';
import { DETAIL_COLUMNS, withNames } from './applicationColumns.js';

/*
 * The application list: the filters, the jurisdiction clause and the paged, sorted query behind
 * GET /api/applications, the queues and the 汇总表 export.
 */
export interface ApplicationFilter {
  scope: ApplicationScope;
  status?: ApplicationStatus[];
  cityId?: string;
  provinceId?: string;
  batchId?: string;
  mainField?: string;
  operatorNature?: string;
  q?: string;
  /** 查重: only applications whose ready report's 总文字复制比 is at least this. */
  minSimilarity?: number;
  /** Only decisions a publication (公布) covers. */
  published?: boolean;
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
  published: boolean;
  /** Joined to its 查重 report (sorted or filtered by 复制比). */
  similarity: boolean;
  minSimilarity: boolean;
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
  similarity: ['sim.overall'],
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
    .$if(shape.published, (qb) =>
      qb.where((eb) =>
        eb.exists(
          eb
            .selectFrom('publication_items')
            .select('publication_items.application_id')
            .whereRef('publication_items.application_id', '=', 'applications.id'),
        ),
      ),
    )
    .$if(shape.search !== 'none', (qb) => qb.where('applications.id', 'in', matches))
    .$if(shape.similarity, (qb) =>
      qb.leftJoin('similarity_reports as sim', (join) =>
        join.onRef('sim.application_id', '=', 'applications.id').on('sim.status', '=', 'ready'),
      ),
    )
    .$if(shape.minSimilarity, (qb) => qb.where(sql<SqlBool>`${sql.ref('sim.overall')} >= ${p('minSimilarity')}`));
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
    published: !!f.published,
    similarity: f.minSimilarity !== undefined || (mode === 'page' && sort.sort === 'similarity'),
    minSimilarity: f.minSimilarity !== undefined,
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
    minSimilarity: f.minSimilarity,
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
