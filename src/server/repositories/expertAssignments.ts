import type { Updateable } from 'kysely';
import type { AssignmentSort } from '../../domain/schemas/experts.js';
import type { Executor } from '../db/database.js';
import { countAll, orderBySort, paginate, type PageRequest } from '../queries/pagination.js';
import type { ExpertAssignmentTable } from '../db/schema.js';

/** Assignment statuses in which the expert sees the application (a withdrawn expert no longer does). */
export const VISIBLE_ASSIGNMENT_STATUSES = ['assigned', 'submitted'] as const;

/** Whether the user is an expert assigned to the application (and has not withdrawn). */
export async function isAssignedExpert(db: Executor, userId: string, applicationId: string): Promise<boolean> {
  const row = await db
    .selectFrom('expert_assignments')
    .select('id')
    .where('expert_id', '=', userId)
    .where('application_id', '=', applicationId)
    .where('status', 'in', [...VISIBLE_ASSIGNMENT_STATUSES])
    .executeTakeFirst();
  return !!row;
}

function withNames(db: Executor) {
  return db
    .selectFrom('expert_assignments as ea')
    .innerJoin('applications as a', 'a.id', 'ea.application_id')
    .innerJoin('orgs as unit', 'unit.id', 'a.unit_id')
    .innerJoin('orgs as city', 'city.id', 'a.city_id')
    .innerJoin('batches as b', 'b.id', 'a.batch_id')
    .innerJoin('users as expert', 'expert.id', 'ea.expert_id')
    .innerJoin('orgs as expert_org', 'expert_org.id', 'expert.org_id')
    .leftJoin('users as assigner', 'assigner.id', 'ea.assigned_by')
    .selectAll('ea')
    .select([
      'a.number as app_number',
      'a.space_name as app_space_name',
      'a.status as app_status',
      'a.unit_id as app_unit_id',
      'a.city_id as app_city_id',
      'a.province_id as app_province_id',
      'unit.name as unit_name',
      'city.name as city_name',
      'b.name as batch_name',
      'expert.display_name as expert_name',
      'expert_org.name as expert_org_name',
      'assigner.display_name as assigned_by_name',
    ]);
}

export const findAssignment = (db: Executor, id: string) => withNames(db).where('ea.id', '=', id).executeTakeFirst();
export type AssignmentRow = NonNullable<Awaited<ReturnType<typeof findAssignment>>>;

export const findAssignmentFor = (db: Executor, applicationId: string, expertId: string) =>
  db
    .selectFrom('expert_assignments')
    .selectAll()
    .where('application_id', '=', applicationId)
    .where('expert_id', '=', expertId)
    .executeTakeFirst();

export interface AssignmentFilter {
  /** An expert's own assignments. */
  expertId?: string;
  /** A province's assignments (the province officer). */
  provinceId?: string;
  applicationId?: string;
  batchId?: string;
  status?: string;
  q?: string;
}

/** Assignments under a filter, scoped by expert or province (the caller's policy decides which). */
function filtered(db: Executor, f: AssignmentFilter) {
  const q = f.q?.trim();
  return withNames(db)
    .$if(!!f.expertId, (qb) => qb.where('ea.expert_id', '=', f.expertId!))
    .$if(!!f.provinceId, (qb) => qb.where('ea.province_id', '=', f.provinceId!))
    .$if(!!f.applicationId, (qb) => qb.where('ea.application_id', '=', f.applicationId!))
    .$if(!!f.batchId, (qb) => qb.where('ea.batch_id', '=', f.batchId!))
    .$if(!!f.status, (qb) => qb.where('ea.status', '=', f.status!))
    .$if(!!q, (qb) =>
      qb.where((eb) =>
        eb.or([eb('a.space_name', 'like', `%${q}%`), eb('unit.name', 'like', `%${q}%`), eb('a.number', '=', q!)]),
      ),
    );
}

/** Every assignment under a filter, newest first (an application's few, for the candidates' flags). */
export const listAssignments = (db: Executor, f: AssignmentFilter) =>
  filtered(db, f).orderBy('ea.assigned_at', 'desc').orderBy('ea.id').execute();

const ASSIGNMENT_SORT_COLUMNS: Record<AssignmentSort, readonly string[]> = {
  assignedAt: ['ea.assigned_at'],
  dueOn: ['ea.due_on'],
  spaceName: ['a.space_name'],
  totalScore: ['ea.total_score'],
};

/** One page of the assignments under a filter, sorted by a whitelisted key (newest first by default), with the total. */
export function listAssignmentPage(db: Executor, f: AssignmentFilter, req: PageRequest<AssignmentSort>) {
  return paginate(req, {
    rows: (limit, offset) =>
      orderBySort(filtered(db, f), req, ASSIGNMENT_SORT_COLUMNS, ['ea.id']).limit(limit).offset(offset).execute(),
    count: async () => (await filtered(db, f).clearSelect().select(countAll()).executeTakeFirstOrThrow()).n,
  });
}

export const insertAssignment = (
  db: Executor,
  a: {
    id: string;
    applicationId: string;
    expertId: string;
    batchId: string;
    provinceId: string;
    assignedBy: string;
    now: Date;
    dueOn?: string | null;
  },
) =>
  db
    .insertInto('expert_assignments')
    .values({
      id: a.id,
      application_id: a.applicationId,
      expert_id: a.expertId,
      batch_id: a.batchId,
      province_id: a.provinceId,
      status: 'assigned',
      assigned_by: a.assignedBy,
      assigned_at: a.now.toISOString(),
      criteria: null,
      scores: null,
      total_score: null,
      comment: null,
      submitted_at: null,
      withdrawn_at: null,
      withdraw_reason: null,
      due_on: a.dueOn ?? null,
      updated_at: a.now.toISOString(),
      version: 1,
    })
    .execute();

/** Changes an assignment only if it is still in the status and version read; false otherwise. */
export async function updateAssignment(
  db: Executor,
  id: string,
  expect: { status: string; version: number },
  set: Omit<Updateable<ExpertAssignmentTable>, 'id' | 'version'> & { updated_at: string },
): Promise<boolean> {
  const res = await db
    .updateTable('expert_assignments')
    .set({ ...set, version: expect.version + 1 })
    .where('id', '=', id)
    .where('status', '=', expect.status)
    .where('version', '=', expect.version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function deleteAssignment(db: Executor, id: string, expect: { status: string; version: number }) {
  const res = await db
    .deleteFrom('expert_assignments')
    .where('id', '=', id)
    .where('status', '=', expect.status)
    .where('version', '=', expect.version)
    .executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

/** Active expert accounts with their organisation and its city: the one query behind both readers below. */
const activeExperts = (db: Executor) =>
  db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .innerJoin('orgs', 'orgs.id', 'users.org_id')
    .leftJoin('orgs as city', 'city.id', 'orgs.city_id')
    .select([
      'users.id',
      'users.display_name',
      'users.org_id',
      'orgs.name as org_name',
      'orgs.city_id',
      'city.name as city_name',
      'users.expert_fields',
      'users.email',
    ])
    .where('user_roles.role', '=', 'expert')
    .where('users.status', '=', 'active');

/** Active expert accounts of a province, with their organisation and its city. */
export const listExperts = (db: Executor, provinceId: string) =>
  activeExperts(db)
    .where('orgs.province_id', '=', provinceId)
    .orderBy('orgs.name')
    .orderBy('users.display_name')
    .limit(1000)
    .execute();
export type ExpertRow = Awaited<ReturnType<typeof listExperts>>[number];

/** One expert account (any province), or undefined when the user is not an active expert. */
export const findExpert = (db: Executor, userId: string) =>
  activeExperts(db).select('orgs.province_id').where('users.id', '=', userId).executeTakeFirst();

/** The user ids among `userIds` that declared a conflict with the unit. */
export async function conflictedUsers(db: Executor, unitId: string, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('conflicts')
    .select('user_id')
    .where('unit_id', '=', unitId)
    .where('user_id', 'in', userIds)
    .execute();
  return new Set(rows.map((r) => r.user_id));
}

/** The applications' 主要专业方向 (JSON arrays from the submitted snapshot), by id. */
export async function mainFieldsOf(db: Executor, ids: string[]): Promise<Map<string, string | null>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('applications').select(['id', 'main_fields']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.main_fields]));
}

/** How many assignments still to score each expert has (for spreading the load). */
export async function openAssignmentCounts(db: Executor, expertIds: string[]): Promise<Map<string, number>> {
  if (expertIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('expert_assignments')
    .select(['expert_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('expert_id', 'in', expertIds)
    .where('status', '=', 'assigned')
    .groupBy('expert_id')
    .execute();
  return new Map(rows.map((r) => [r.expert_id, Number(r.n)]));
}

export async function setExpertFields(db: Executor, userId: string, fields: string[], now: Date) {
  await db
    .updateTable('users')
    .set({ expert_fields: JSON.stringify(fields), updated_at: now.toISOString() })
    .where('id', '=', userId)
    .execute();
}

export const findExpertFields = (db: Executor, userId: string) =>
  db.selectFrom('users').select('expert_fields').where('id', '=', userId).executeTakeFirst();
