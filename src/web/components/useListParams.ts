import { useCallback, useEffect, useMemo } from 'react';
import type { TablePaginationConfig, TableProps } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useSearchParams } from 'react-router-dom';
import { PAGE_SIZES, type SortOrder } from '../../domain/schemas/pagination.js';
import { fmt, m } from '../i18n';

export interface ListParams<K extends string> {
  page: number;
  pageSize: number;
  sort: K;
  order: SortOrder;
}

/**
 * The one way every list pages, sorts and filters: numbered pages with the total, a page size, column
 * sorting on the server's whitelist, and all of it in the URL (search params), so a list can be
 * reloaded, shared or linked to. Changing a filter goes back to page 1.
 */
export function useListParams<K extends string>(
  sortKeys: readonly K[],
  defaults: { sort: K; order: SortOrder; pageSize?: number },
) {
  const [params, setParams] = useSearchParams();
  const defaultSize = defaults.pageSize ?? 20;
  const pageRaw = Number(params.get('page'));
  const sizeRaw = Number(params.get('pageSize'));
  const sortRaw = params.get('sort');
  const orderRaw = params.get('order');
  const list: ListParams<K> = {
    page: Number.isInteger(pageRaw) && pageRaw >= 1 ? pageRaw : 1,
    pageSize: (PAGE_SIZES as readonly number[]).includes(sizeRaw) ? sizeRaw : defaultSize,
    sort: sortKeys.find((k) => k === sortRaw) ?? defaults.sort,
    order: orderRaw === 'asc' || orderRaw === 'desc' ? orderRaw : defaults.order,
  };

  /**
   * Sets URL parameters (undefined or '' removes one); any change other than the page's goes back to page 1.
   * Starts from the address as it is now, not as it was at the last render: a second change made before
   * the page has re-rendered after the first (a search typed right after choosing a filter) would
   * otherwise put the first one back (React Router's functional update passes the rendered params).
   */
  const update = useCallback(
    (next: Record<string, string | undefined>) => {
      const p = new URLSearchParams(window.location.search);
      for (const [k, v] of Object.entries(next)) {
        if (v) p.set(k, v);
        else p.delete(k);
      }
      if (!('page' in next)) p.delete('page');
      setParams(p, { replace: true });
    },
    [setParams],
  );

  /** Sorts by `key` in `order` (the 排序 control; header clicks go through tableProps' onChange). */
  const setSort = (key: K, order: SortOrder) =>
    update(
      key === defaults.sort && order === defaults.order ? { sort: undefined, order: undefined } : { sort: key, order },
    );

  /** The antd sort state of a column whose key is a sort key. */
  const sortOrderOf = (key: K): 'ascend' | 'descend' | null =>
    list.sort === key ? (list.order === 'asc' ? 'ascend' : 'descend') : null;

  /** Props for an antd Table showing one page of `total` rows. */
  function tableProps<T>(total: number | undefined): Pick<TableProps<T>, 'pagination' | 'onChange'> {
    const pagination: TablePaginationConfig = {
      current: list.page,
      pageSize: list.pageSize,
      total: total ?? 0,
      showSizeChanger: true,
      pageSizeOptions: PAGE_SIZES.map(String),
      showTotal: (n) => fmt(m.common.total, { total: n }),
    };
    return {
      pagination,
      onChange: (p, _filters, sorter, extra) => {
        if (extra.action === 'sort') {
          const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<T> | undefined;
          const key = sortKeys.find((k) => k === s?.columnKey);
          if (!key && s?.columnKey !== undefined && s.order) return; // a column sorted on the page itself
          update({
            sort: key && s?.order ? key : undefined,
            order: key && s?.order ? (s.order === 'ascend' ? 'asc' : 'desc') : undefined,
          });
        } else if (extra.action === 'paginate') {
          const size = p.pageSize ?? list.pageSize;
          update({
            page: size !== list.pageSize ? undefined : String(p.current ?? 1),
            pageSize: size === defaultSize ? undefined : String(size),
          });
        }
      },
    };
  }

  return { ...list, params, update, setSort, sortOrderOf, tableProps };
}

/** After the rows of the last page went away (decided, filtered), show the new last page. */
export function useClampPage(page: number, pageSize: number, total: number | undefined, goTo: (page: number) => void) {
  const last = useMemo(() => Math.max(1, Math.ceil((total ?? 0) / pageSize)), [total, pageSize]);
  useEffect(() => {
    if (total !== undefined && page > last) goTo(last);
  }, [page, last, total, goTo]);
}
