import type { Executor } from '../db/database.js';
import type { Updateable } from 'kysely';
import { countAll, orderBySort, paginate, type PageRequest } from '../queries/pagination.js';
import type { RegistrationSort } from '../../domain/schemas/registrations.js';
import type { RegistrationLicenceTable, RegistrationTable } from '../db/schema.js';

export const findRegistration = (db: Executor, id: string) =>
  db
    .selectFrom('registrations')
    .leftJoin('orgs', 'orgs.id', 'registrations.city_id')
    .selectAll('registrations')
    .select(['orgs.name as city_name', 'orgs.province_id as province_id'])
    .where('registrations.id', '=', id)
    .executeTakeFirst();

export type RegistrationRow = NonNullable<Awaited<ReturnType<typeof findRegistration>>>;

/** A registration still awaiting its city's decision under this USCC or login name. */
export const findPendingRegistration = (db: Executor, by: { uscc?: string; username?: string }) =>
  db
    .selectFrom('registrations')
    .select(['id', 'uscc', 'username'])
    .where('status', '=', 'pending')
    .$if(!!by.uscc, (q) => q.where('uscc', '=', by.uscc!))
    .$if(!!by.username, (q) => q.where('username', '=', by.username!))
    .executeTakeFirst();

/** The newest registration under a login name that has not become an account (pending or refused). */
export const findUndecidedOrRefusedByUsername = (db: Executor, username: string) =>
  db
    .selectFrom('registrations')
    .selectAll()
    .where('username', '=', username)
    .where('status', 'in', ['pending', 'refused'])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();

export const insertRegistration = (db: Executor, row: RegistrationTable) =>
  db.insertInto('registrations').values(row).execute();

export interface RegistrationFilter {
  cityId: string;
  status?: string;
  q?: string;
}

function baseQuery(db: Executor, f: RegistrationFilter) {
  return db
    .selectFrom('registrations')
    .where('registrations.city_id', '=', f.cityId)
    .$if(!!f.status, (q) => q.where('registrations.status', '=', f.status!))
    .$if(!!f.q, (q) =>
      q.where((eb) =>
        eb.or([
          eb('registrations.unit_name', 'like', `%${f.q}%`),
          eb('registrations.username', 'like', `%${f.q}%`),
          eb('registrations.uscc', '=', f.q!.toUpperCase()),
        ]),
      ),
    );
}

const SORT_COLUMNS: Record<RegistrationSort, readonly string[]> = {
  createdAt: ['registrations.created_at'],
  unitName: ['registrations.unit_name'],
  status: ['registrations.status'],
};

/** One page of the registrations of one city (the city reviewer's); by default oldest first. */
export function listRegistrations(db: Executor, f: RegistrationFilter, req: PageRequest<RegistrationSort>) {
  return paginate(req, {
    rows: (limit, offset) =>
      orderBySort(
        baseQuery(db, f)
          .leftJoin('orgs', 'orgs.id', 'registrations.city_id')
          .selectAll('registrations')
          .select(['orgs.name as city_name', 'orgs.province_id as province_id']),
        req,
        SORT_COLUMNS,
        ['registrations.id'],
      )
        .limit(limit)
        .offset(offset)
        .execute(),
    count: async () => (await baseQuery(db, f).select(countAll()).executeTakeFirstOrThrow()).n,
  });
}

/**
 * Records a decision only if the registration is still pending at the version read; false when
 * someone decided first (the caller answers 409 and nothing is written).
 */
export async function decideRegistration(
  db: Executor,
  id: string,
  version: number,
  d: {
    status: 'approved' | 'refused';
    comment: string | null;
    decidedBy: string;
    now: Date;
    orgId?: string;
    userId?: string;
  },
): Promise<boolean> {
  return updatePendingAtVersion(db, id, version, {
    status: d.status,
    comment: d.comment,
    decided_by: d.decidedBy,
    decided_at: d.now.toISOString(),
    org_id: d.orgId ?? null,
    user_id: d.userId ?? null,
  });
}

/** A licence uploaded ahead of its registration, found by the SHA-256 of its token. */
export const findLicenceUpload = (db: Executor, tokenHash: string) =>
  db.selectFrom('registration_licences').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();

export const insertLicenceUpload = (db: Executor, row: RegistrationLicenceTable) =>
  db.insertInto('registration_licences').values(row).execute();

/**
 * Points a pending registration at another licence file, only at the version read (false when the
 * city decided or someone changed it in between: nothing written).
 */
export async function replaceLicence(
  db: Executor,
  id: string,
  version: number,
  f: { sha256: string; mime: string; name: string; size: number },
): Promise<boolean> {
  return updatePendingAtVersion(db, id, version, {
    licence_sha256: f.sha256,
    licence_mime: f.mime,
    licence_name: f.name,
    licence_size: f.size,
  });
}

/** Writes `set` to a registration still pending at the version read; false (nothing written) otherwise. */
async function updatePendingAtVersion(
  db: Executor,
  id: string,
  version: number,
  set: Updateable<RegistrationTable>,
): Promise<boolean> {
  const res = await db
    .updateTable('registrations')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Binds an uploaded licence to its registration, once: false when another registration took it first. */
export async function bindLicenceUpload(db: Executor, id: string, registrationId: string, now: Date) {
  const res = await db
    .updateTable('registration_licences')
    .set({ registration_id: registrationId, used_at: now.toISOString() })
    .where('id', '=', id)
    .where('registration_id', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
