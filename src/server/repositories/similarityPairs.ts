import { sql, type RawBuilder } from 'kysely';
import type { SimilarityPairSort } from '../../domain/schemas/similarity.js';
import { isPostgres } from '../db/migrations/helpers.js';
import type { Executor } from '../db/database.js';
import { countAll, orderBySort, paginate, type PageRequest } from '../queries/pagination.js';
import type { StoredSource } from '../similarity/engine.js';

/** Kysely queries of the 查重 pairs: (application, source) with the source's 复制比 at or above a threshold. */

export interface SimilarityPairFilter {
  batchId: string;
  /** Only this province's applications; null: every province (the Ministry). */
  provinceId: string | null;
  threshold: number;
  /** Part of an application number or space name, of either side of the pair. */
  q?: string;
}

/**
 * A field of a stored source (`s.value`, one element of the report's `sources`): `->>` on PostgreSQL,
 * json_extract on SQLite. Both give SQL NULL for a JSON null.
 */
function field<T>(db: Executor, name: keyof StoredSource, type?: 'double precision' | 'integer'): RawBuilder<T> {
  if (!isPostgres(db)) return sql<T>`json_extract(s.value, ${`$.${name}`})`;
  const text = sql`s.value ->> ${name}`;
  return type ? sql<T>`(${text})::${sql.raw(type)}` : sql<T>`${text}`;
}

/**
 * One row per (report, source) of the batch's current, ready reports at or above the threshold. The
 * report's sources are a JSON array in similarity_reports.report, expanded by the database
 * (json_array_elements, json_each), so that the list is filtered, counted, sorted and paged in SQL.
 */
function pairRows(db: Executor, f: SimilarityPairFilter) {
  const sources = isPostgres(db)
    ? sql<{ value: unknown }>`json_array_elements(r.report::json -> 'sources')`
    : sql<{ value: unknown }>`json_each(r.report, '$.sources')`;
  const ratio = field<number>(db, 'ratio', 'double precision');
  return db
    .selectFrom('similarity_reports as r')
    .innerJoin('applications as a', (j) =>
      j.onRef('a.id', '=', 'r.application_id').onRef('a.current_snapshot_id', '=', 'r.snapshot_id'),
    )
    .innerJoin('orgs as city', 'city.id', 'a.city_id')
    .crossJoin(sources.as('s'))
    .select([
      'a.id as application_id',
      'a.number',
      'a.space_name',
      'city.short_name as city_name',
      ratio.as('ratio'),
      field<number>(db, 'matchedChars', 'integer').as('matched_chars'),
      field<string | null>(db, 'number').as('source_number'),
      field<string>(db, 'spaceName').as('source_space_name'),
      sql<string>`coalesce(${field(db, 'applicationId')}, ${field(db, 'number')}, '')`.as('source_key'),
      // The whole source, for the presenter (as text on both databases).
      (isPostgres(db) ? sql<string>`s.value::text` : sql<string>`s.value`).as('source'),
    ])
    .where('a.batch_id', '=', f.batchId)
    .where('r.status', '=', 'ready')
    .where('r.max_single_source', '>=', f.threshold)
    .where(sql<boolean>`${ratio} >= ${f.threshold}`)
    .$if(f.provinceId !== null, (q) => q.where('a.province_id', '=', f.provinceId!));
}

/** The pairs under the search (number or space name of either side). */
function filtered(db: Executor, f: SimilarityPairFilter) {
  const like = `%${f.q ?? ''}%`;
  return db
    .selectFrom(pairRows(db, f).as('p'))
    .$if(!!f.q, (q) =>
      q.where((eb) =>
        eb.or([
          eb('p.number', 'like', like),
          eb('p.space_name', 'like', like),
          eb('p.source_number', 'like', like),
          eb('p.source_space_name', 'like', like),
        ]),
      ),
    );
}

const SORT_COLUMNS: Record<SimilarityPairSort, readonly string[]> = {
  ratio: ['p.ratio'],
  matchedChars: ['p.matched_chars'],
  number: ['p.number'],
};

/** One page of the pairs, sorted (the pair's application and source break ties), with the total. */
export async function listSimilarityPairPage(
  db: Executor,
  f: SimilarityPairFilter,
  req: PageRequest<SimilarityPairSort>,
) {
  const paged = await paginate(req, {
    rows: (limit, offset) =>
      orderBySort(filtered(db, f).selectAll('p'), req, SORT_COLUMNS, ['p.application_id', 'p.source_key'])
        .limit(limit)
        .offset(offset)
        .execute(),
    count: async () => (await filtered(db, f).select(countAll()).executeTakeFirstOrThrow()).n,
  });
  return { ...paged, items: paged.items.map((r) => ({ ...r, source: JSON.parse(r.source) as StoredSource })) };
}
