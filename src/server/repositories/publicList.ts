import type { Executor } from '../db/database.js';
import type { PublicFiledSort } from '../../domain/schemas/public.js';
import { orderBySort, type PageRequest } from '../queries/pagination.js';

export interface FiledFilter {
  provinceId?: string;
  batchId?: string;
  q?: string;
}

function filed(db: Executor, f: Omit<FiledFilter, 'provinceId'>) {
  const q = f.q?.trim();
  return (
    db
      .selectFrom('applications as a')
      .innerJoin('orgs as unit', 'unit.id', 'a.unit_id')
      .innerJoin('orgs as city', 'city.id', 'a.city_id')
      .innerJoin('orgs as prov', 'prov.id', 'a.province_id')
      .innerJoin('batches as b', 'b.id', 'a.batch_id')
      // Only published decisions are public (issue 14): filing and publication are different acts.
      .innerJoin('publication_items as pi', 'pi.application_id', 'a.id')
      .innerJoin('publications as pub', 'pub.id', 'pi.publication_id')
      .where('a.status', '=', 'filed')
      .$if(!!f.batchId, (qb) => qb.where('a.batch_id', '=', f.batchId!))
      .$if(!!q, (qb) =>
        qb.where((eb) => eb.or([eb('a.space_name', 'like', `%${q}%`), eb('unit.name', 'like', `%${q}%`)])),
      )
  );
}

const SORT_COLUMNS: Record<PublicFiledSort, readonly string[]> = {
  province: ['prov.sort_order', 'a.province_id', 'city.sort_order', 'a.space_name'],
  spaceName: ['a.space_name'],
  city: ['city.sort_order', 'a.city_id', 'a.space_name'],
};

/**
 * One page of the filed spaces — only what the public list shows — by province (in reference order),
 * city and name (or by name, or by city); with the day each was filed.
 */
export const listFiled = (
  db: Executor,
  f: FiledFilter,
  sort: Pick<PageRequest<PublicFiledSort>, 'sort' | 'order'>,
  offset: number,
  limit: number,
) =>
  orderBySort(
    filed(db, f)
      .$if(!!f.provinceId, (qb) => qb.where('a.province_id', '=', f.provinceId!))
      .select((eb) => [
        'a.space_name',
        'unit.name as operator_name',
        'a.main_fields',
        'a.province_id',
        'prov.name as province_org_name',
        'prov.short_name as province_short_name',
        'city.name as city_org_name',
        'city.short_name as city_short_name',
        'b.name as batch_name',
        'b.year as batch_year',
        eb
          .selectFrom('application_events as e')
          .select((e) => e.fn.max('e.at').as('at'))
          .whereRef('e.application_id', '=', 'a.id')
          .where('e.action', '=', 'file')
          .as('filed_at'),
      ]),
    sort,
    SORT_COLUMNS,
    ['a.id'],
  )
    .offset(offset)
    .limit(limit)
    .execute();
export type FiledRow = Awaited<ReturnType<typeof listFiled>>[number];

export async function countFiled(db: Executor, f: FiledFilter): Promise<number> {
  const r = await filed(db, f)
    .$if(!!f.provinceId, (qb) => qb.where('a.province_id', '=', f.provinceId!))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Filed spaces per province under the batch and search filters (for the province tabs). */
export const countFiledByProvince = (db: Executor, f: FiledFilter) =>
  filed(db, f)
    .select([
      'a.province_id',
      'prov.name as province_org_name',
      'prov.short_name as province_short_name',
      'prov.sort_order',
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .groupBy(['a.province_id', 'prov.name', 'prov.short_name', 'prov.sort_order'])
    .orderBy('prov.sort_order')
    .orderBy('a.province_id')
    .execute();
