import type { OrgSort } from '../../domain/schemas/orgs.js';
import type { Executor } from '../db/database.js';
import type { Jurisdiction } from '../policies/common.js';
import { countAll, orderBySort, paginate, type PageRequest } from '../queries/pagination.js';

export const findOrg = (db: Executor, id: string) =>
  db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirst();

export interface OrgFilter {
  kind?: string;
  q?: string;
  parentId?: string;
  provinceId?: string;
  scope?: Jurisdiction;
  /** Units (applicant and expert units) only within this jurisdiction; other kinds are reference data. */
  unitScope?: Jurisdiction;
}

const UNIT_KINDS = ['applicant_unit', 'expert_unit'];

/** The organisations under a filter (no columns selected yet): one definition for the whole list and the pages. */
function baseQuery(db: Executor, f: OrgFilter) {
  const scope = f.scope;
  return db
    .selectFrom('orgs')
    .$if(!!f.kind, (q) => q.where('kind', '=', f.kind!))
    .$if(!!f.parentId, (q) => q.where('parent_id', '=', f.parentId!))
    .$if(!!f.provinceId, (q) => q.where('province_id', '=', f.provinceId!))
    .$if(!!f.q, (q) =>
      q.where((eb) =>
        eb.or([
          eb('name', 'like', `%${f.q}%`),
          eb('short_name', 'like', `%${f.q}%`),
          eb('uscc', '=', f.q!.toUpperCase()),
        ]),
      ),
    )
    .$if(scope?.level === 'province', (q) =>
      q.where((eb) =>
        eb.or([eb('province_id', '=', (scope as { provinceId: string }).provinceId), eb('kind', '=', 'ministry')]),
      ),
    )
    .$if(scope?.level === 'city', (q) => q.where('city_id', '=', (scope as { cityId: string }).cityId))
    .$if(!!f.unitScope && f.unitScope.level !== 'nation', (q) =>
      q.where((eb) => {
        const u = f.unitScope!;
        const inside =
          u.level === 'province'
            ? eb('province_id', '=', u.provinceId)
            : u.level === 'city'
              ? eb('city_id', '=', u.cityId)
              : eb('id', '=', u.level === 'org' ? u.orgId : '');
        return eb.or([eb('kind', 'not in', UNIT_KINDS), inside]);
      }),
    )
    .$if(scope?.level === 'org', (q) => q.where('id', '=', (scope as { orgId: string }).orgId));
}

/** The whole list under a filter (reference data for pickers), up to 2,000 organisations. */
export function listOrgs(db: Executor, f: OrgFilter) {
  return baseQuery(db, f).selectAll().orderBy('kind').orderBy('sort_order').orderBy('name').limit(2000).execute();
}

const SORT_COLUMNS: Record<OrgSort, readonly string[]> = {
  kind: ['kind', 'sort_order', 'name'],
  name: ['name'],
  shortName: ['short_name'],
  regionCode: ['region_code'],
};

/** One page of the organisations under a filter, sorted by a whitelisted column, with the total. */
export function listOrgsPage(db: Executor, f: OrgFilter, req: PageRequest<OrgSort>) {
  return paginate(req, {
    rows: (limit, offset) =>
      orderBySort(baseQuery(db, f).selectAll(), req, SORT_COLUMNS, ['id']).limit(limit).offset(offset).execute(),
    count: async () => (await baseQuery(db, f).select(countAll()).executeTakeFirstOrThrow()).n,
  });
}

/** The names of the organisations `ids` visible under the filter's scope (the parents beside a page). */
async function namesOf(db: Executor, f: OrgFilter, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await baseQuery(db, { unitScope: f.unitScope }).select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** How many organisations in the filter's scope have each of `ids` as their parent. */
async function childCounts(db: Executor, f: OrgFilter, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await baseQuery(db, { unitScope: f.unitScope })
    .select(['parent_id', countAll()])
    .where('parent_id', 'in', ids)
    .groupBy('parent_id')
    .execute();
  return new Map(rows.map((r) => [r.parent_id!, Number(r.n)]));
}

/** The organisation `id` and those above it, from the top (a few levels: ministry, province, city). */
async function ancestorsOf(db: Executor, f: OrgFilter, id: string): Promise<{ id: string; name: string }[]> {
  const chain: { id: string; name: string }[] = [];
  let next: string | null = id;
  for (let depth = 0; next && depth < 8 && !chain.some((o) => o.id === next); depth++) {
    const row = await baseQuery(db, { unitScope: f.unitScope })
      .select(['id', 'name', 'parent_id'])
      .where('id', '=', next)
      .executeTakeFirst();
    if (!row) break;
    chain.unshift({ id: row.id, name: row.name });
    next = row.parent_id;
  }
  return chain;
}

/**
 * One page of the organisations (listOrgsPage) with what the hierarchy needs: each row's parent name
 * and number of children, and the chain above the parent filtered by.
 */
export async function listOrgsTreePage(db: Executor, f: OrgFilter, req: PageRequest<OrgSort>) {
  const page = await listOrgsPage(db, f, req);
  const parentIds = [...new Set(page.items.flatMap((o) => (o.parent_id ? [o.parent_id] : [])))];
  const [names, counts, ancestors] = await Promise.all([
    namesOf(db, f, parentIds),
    childCounts(
      db,
      f,
      page.items.map((o) => o.id),
    ),
    f.parentId ? ancestorsOf(db, f, f.parentId) : Promise.resolve([]),
  ]);
  return {
    ...page,
    items: page.items.map((o) => ({
      row: o,
      parentName: o.parent_id ? (names.get(o.parent_id) ?? null) : null,
      childCount: counts.get(o.id) ?? 0,
    })),
    ancestors,
  };
}
