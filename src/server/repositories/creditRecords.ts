import type { CreditRecordSort } from '../../domain/schemas/integrity.js';
import { countAll, orderBySort, paginate, type PageRequest } from '../queries/pagination.js';
import type { Executor } from '../db/database.js';
import type { CreditRecordTable } from '../db/schema.js';

/** Where a credit list reaches: one province's records, or all. */
export type CreditScope = { all: true } | { all?: false; provinceId: string };

/** Active at `now`: started, and not ended (valid_to null or later than now). */
export async function findActiveCreditRecord(db: Executor, uscc: string, now: Date) {
  const at = now.toISOString();
  return db
    .selectFrom('credit_records')
    .selectAll()
    .where('uscc', '=', uscc)
    .where('valid_from', '<=', at)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', at)]))
    .orderBy('valid_from', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export interface CreditFilter {
  scope: CreditScope;
  status: 'active' | 'all';
  q?: string;
  now: Date;
}

/** The records under a filter, with the recording organisation and the application joined, not yet selected. */
function filtered(db: Executor, f: CreditFilter) {
  const at = f.now.toISOString();
  const q = f.q?.trim();
  const s = f.scope;
  return db
    .selectFrom('credit_records')
    .leftJoin('orgs', 'orgs.id', 'credit_records.recorded_by_org_id')
    .leftJoin('applications', 'applications.id', 'credit_records.application_id')
    .$if(!s.all, (qb) => qb.where('credit_records.province_id', '=', (s as { provinceId: string }).provinceId))
    .$if(f.status === 'active', (qb) =>
      qb
        .where('credit_records.valid_from', '<=', at)
        .where((eb) => eb.or([eb('credit_records.valid_to', 'is', null), eb('credit_records.valid_to', '>', at)])),
    )
    .$if(!!q, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb('credit_records.unit_name', 'like', `%${q}%`),
          eb('credit_records.uscc', '=', q!.toUpperCase()),
          eb('credit_records.reason', 'like', `%${q}%`),
        ]),
      ),
    );
}

const withNames = <QB extends ReturnType<typeof filtered>>(qb: QB) =>
  qb
    .selectAll('credit_records')
    .select(['orgs.name as recorded_by_org_name', 'applications.number as application_number']);

const SORT_COLUMNS: Record<CreditRecordSort, readonly string[]> = {
  createdAt: ['credit_records.created_at'],
  unitName: ['credit_records.unit_name'],
  validFrom: ['credit_records.valid_from'],
  validTo: ['credit_records.valid_to'],
};

/** Every record under the filter, newest first (the export). */
export function listCreditRecords(db: Executor, f: CreditFilter) {
  return withNames(filtered(db, f))
    .orderBy('credit_records.created_at', 'desc')
    .orderBy('credit_records.id', 'desc')
    .execute();
}

/** One page of the records under the filter, sorted by a whitelisted key, with the total. */
export function listCreditRecordPage(db: Executor, f: CreditFilter, req: PageRequest<CreditRecordSort>) {
  return paginate(req, {
    rows: (limit, offset) =>
      orderBySort(withNames(filtered(db, f)), req, SORT_COLUMNS, ['credit_records.id'])
        .limit(limit)
        .offset(offset)
        .execute(),
    count: async () => (await filtered(db, f).select(countAll()).executeTakeFirstOrThrow()).n,
  });
}
export type CreditRecordRow = Awaited<ReturnType<typeof listCreditRecords>>[number];

export const findCreditRecord = (db: Executor, id: string) =>
  withNames(
    db
      .selectFrom('credit_records')
      .leftJoin('orgs', 'orgs.id', 'credit_records.recorded_by_org_id')
      .leftJoin('applications', 'applications.id', 'credit_records.application_id'),
  )
    .where('credit_records.id', '=', id)
    .executeTakeFirst();

export const insertCreditRecord = (db: Executor, row: CreditRecordTable) =>
  db.insertInto('credit_records').values(row).execute();

/** Ends a record only while it is still active (else false, nothing changed). */
export async function endCreditRecord(
  db: Executor,
  e: { id: string; validTo: string; reason: string; userId: string; now: Date },
): Promise<boolean> {
  const at = e.now.toISOString();
  const res = await db
    .updateTable('credit_records')
    .set({ valid_to: e.validTo, end_reason: e.reason, ended_by: e.userId, ended_at: at })
    .where('id', '=', e.id)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', at)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
