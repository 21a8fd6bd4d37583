import type { Role } from '../../domain/roles.js';
import { countAll, orderBySort, paginate, type PageRequest } from '../queries/pagination.js';
import type { AccountSort } from '../../domain/schemas/accounts.js';
import type { Executor } from '../db/database.js';
import type { Jurisdiction } from '../policies/common.js';

export interface AccountFilter {
  q?: string;
  role?: Role;
  orgId?: string;
  status?: string;
  scope: Jurisdiction;
}

function baseQuery(db: Executor, f: AccountFilter) {
  const s = f.scope;
  return db
    .selectFrom('users')
    .innerJoin('orgs', 'orgs.id', 'users.org_id')
    .$if(!!f.q, (q) =>
      q.where((eb) =>
        eb.or([
          eb('users.username', 'like', `%${f.q}%`),
          eb('users.display_name', 'like', `%${f.q}%`),
          eb('orgs.name', 'like', `%${f.q}%`),
        ]),
      ),
    )
    .$if(!!f.role, (q) =>
      q.where('users.id', 'in', (eb) => eb.selectFrom('user_roles').select('user_id').where('role', '=', f.role!)),
    )
    .$if(!!f.orgId, (q) => q.where('users.org_id', '=', f.orgId!))
    .$if(!!f.status, (q) => q.where('users.status', '=', f.status!))
    .$if(s.level === 'province', (q) => q.where('orgs.province_id', '=', (s as { provinceId: string }).provinceId))
    .$if(s.level === 'city', (q) => q.where('orgs.city_id', '=', (s as { cityId: string }).cityId))
    .$if(s.level === 'org', (q) => q.where('orgs.id', '=', (s as { orgId: string }).orgId));
}

const COLUMNS = [
  'users.id',
  'users.username',
  'users.display_name',
  'users.org_id',
  'orgs.name as org_name',
  'users.status',
  'users.locked_until',
  'users.must_change_password',
  'users.last_login_at',
  'users.created_at',
  'users.mobile',
  'users.email',
  'users.version',
] as const;

export type AccountRow = Awaited<ReturnType<typeof findAccount>> & {};

const SORT_COLUMNS: Record<AccountSort, readonly string[]> = {
  createdAt: ['users.created_at'],
  username: ['users.username'],
  displayName: ['users.display_name'],
  lastLoginAt: ['users.last_login_at'],
  status: ['users.status'],
};

/** One page of the accounts in scope, sorted by a whitelisted column, with the total. */
export async function listAccounts(db: Executor, f: AccountFilter, req: PageRequest<AccountSort>) {
  const page = await paginate(req, {
    rows: (limit, offset) =>
      orderBySort(baseQuery(db, f).select(COLUMNS), req, SORT_COLUMNS, ['users.id'])
        .limit(limit)
        .offset(offset)
        .execute(),
    count: async () => (await baseQuery(db, f).select(countAll()).executeTakeFirstOrThrow()).n,
  });
  return { ...page, items: await withRoles(db, page.items) };
}

export async function findAccount(db: Executor, id: string) {
  const row = await db
    .selectFrom('users')
    .innerJoin('orgs', 'orgs.id', 'users.org_id')
    .select(COLUMNS)
    .select(['orgs.kind as org_kind', 'orgs.province_id', 'orgs.city_id'])
    .where('users.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return (await withRoles(db, [row]))[0]!;
}

async function withRoles<T extends { id: string }>(db: Executor, rows: T[]): Promise<(T & { roles: Role[] })[]> {
  if (rows.length === 0) return [];
  const roles = await db
    .selectFrom('user_roles')
    .select(['user_id', 'role'])
    .where(
      'user_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  const byUser = new Map<string, Role[]>();
  for (const r of roles) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r.role as Role]);
  return rows.map((r) => ({ ...r, roles: (byUser.get(r.id) ?? []).sort() }));
}
