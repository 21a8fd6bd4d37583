import { sql, type SelectQueryBuilder } from 'kysely';
import { cursorOffset, pageCursor, type Paged, type SortOrder } from '../../domain/schemas/pagination.js';

export interface PageRequest<K extends string = string> {
  page: number;
  pageSize: number;
  sort: K;
  order: SortOrder;
  /** The earlier contract's cursor paging (see pageQuery): an offset cursor and a page size. */
  cursor?: string;
  limit?: number;
}

/**
 * The one pagination helper of every list query: runs the count and the page (limit/offset) side by
 * side and answers the page with its total. `rows` receives the limit and the offset; `count` the
 * number of rows under the same filters.
 */
export async function paginate<Row>(
  req: Pick<PageRequest, 'page' | 'pageSize'> & { cursor?: string; limit?: number },
  run: { rows: (limit: number, offset: number) => Promise<Row[]>; count: () => Promise<number | string | bigint> },
): Promise<Paged<Row>> {
  // `cursor`/`limit` (the earlier contract) stand for an offset and a page size.
  const pageSize = req.limit ?? req.pageSize;
  const offset = req.cursor ? cursorOffset(req.cursor) : (req.page - 1) * pageSize;
  const [items, count] = await Promise.all([run.rows(pageSize, offset), run.count()]);
  const total = Number(count);
  const next = offset + items.length;
  return {
    items,
    total,
    page: Math.floor(offset / pageSize) + 1,
    pageSize,
    nextCursor: items.length === pageSize && next < total ? pageCursor(next) : null,
  };
}

/**
 * Orders a query by a whitelisted sort key: the key's columns in the requested order, empty values
 * last whatever the order (SQLite and PostgreSQL disagree on where NULL sorts), then the tie-breakers
 * so that pages never overlap or skip a row.
 */
export function orderBySort<DB, TB extends keyof DB, O, K extends string>(
  qb: SelectQueryBuilder<DB, TB, O>,
  req: Pick<PageRequest<K>, 'sort' | 'order'>,
  columns: Record<K, readonly string[]>,
  tieBreakers: readonly string[],
): SelectQueryBuilder<DB, TB, O> {
  let q = qb;
  for (const column of columns[req.sort]) {
    q = q.orderBy(sql`case when ${sql.ref(column)} is null then 1 else 0 end`).orderBy(sql.ref(column), req.order);
  }
  for (const column of tieBreakers) q = q.orderBy(sql.ref(column), req.order);
  return q;
}

/** count(*) as n, for the count side of a paged query. */
export const countAll = () => sql<number | string | bigint>`count(*)`.as('n');
