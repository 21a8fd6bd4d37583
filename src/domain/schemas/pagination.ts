import { z } from 'zod';

/** Page sizes offered by every list (the server accepts any size from 1 to PAGE_SIZE_MAX). */
export const PAGE_SIZES = [10, 20, 50, 100] as const;
export const PAGE_SIZE_MAX = 100;
export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/**
 * The query parameters of every paged list: page (from 1), pageSize, and a sort key from the list's
 * own whitelist with its order. One definition, so every list reads the same URL parameters.
 */
export function pageQuery<K extends string>(
  sortKeys: readonly [K, ...K[]],
  defaults: { sort: K; order: SortOrder; pageSize?: number },
) {
  return z.object({
    page: z.coerce.number({ error: '页码不正确' }).int('页码不正确').min(1, '页码不正确').max(100000).default(1),
    pageSize: z.coerce
      .number({ error: '每页条数不正确' })
      .int('每页条数不正确')
      .min(1, '每页条数不正确')
      .max(PAGE_SIZE_MAX, `每页最多 ${PAGE_SIZE_MAX} 条`)
      .default(defaults.pageSize ?? 20),
    sort: z.enum(sortKeys, { error: '排序字段不正确' }).default(defaults.sort),
    order: z.enum(SORT_ORDERS, { error: '排序方向不正确' }).default(defaults.order),
    /**
     * Cursor paging, for clients of the earlier `cursor`/`limit` contract: `cursor` is the `nextCursor`
     * of the previous page (it takes the place of `page`), `limit` the page size (it takes the place of
     * `pageSize`). Both answer the same lists in the same order as the numbered pages.
     */
    cursor: z
      .string({ error: '分页游标无效，请从第一页重新加载' })
      .regex(/^o\d{1,9}$/, '分页游标无效，请从第一页重新加载')
      .optional(),
    limit: z.coerce
      .number({ error: '每页条数不正确' })
      .int('每页条数不正确')
      .min(1, '每页条数不正确')
      .max(PAGE_SIZE_MAX, `每页最多 ${PAGE_SIZE_MAX} 条`)
      .optional(),
  });
}

/** The cursor of the page that starts at `offset` (opaque to clients). */
export const pageCursor = (offset: number): string => `o${offset}`;
/** The offset a cursor of pageCursor names. */
export const cursorOffset = (cursor: string): number => Number(cursor.slice(1));

/** A page of a list: its items, the total under the same filters, and where the page lies. */
export function pageResponse<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number(),
    page: z.number(),
    pageSize: z.number(),
    /** The cursor of the next page (pass it as `cursor`), or null on the last page. */
    nextCursor: z.string().nullable(),
  });
}

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  nextCursor: string | null;
}
