import type { Executor } from '../db/database.js';
import type { Jurisdiction } from '../policies/common.js';

export const findOrg = (db: Executor, id: string) =>
  db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirst();

export interface OrgFilter {
  kind?: string;
  q?: string;
  parentId?: string;
  provinceId?: string;
  scope?: Jurisdiction;
}

export function listOrgs(db: Executor, f: OrgFilter) {
  const scope = f.scope;
  return db
    .selectFrom('orgs')
    .selectAll()
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
    .$if(scope?.level === 'org', (q) => q.where('id', '=', (scope as { orgId: string }).orgId))
    .orderBy('kind')
    .orderBy('sort_order')
    .orderBy('name')
    .limit(2000)
    .execute();
}
