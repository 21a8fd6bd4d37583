import type { Executor } from '../db/database.js';
import type { Jurisdiction } from '../policies/common.js';
import type { AuditSort } from '../../domain/schemas/audit.js';
import { countAll, orderBySort, paginate, type PageRequest } from '../queries/pagination.js';

export interface AuditFilter {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  outcome?: string;
  targetId?: string;
  q?: string;
  /** Only this record (the proof's check that the auditor may see it). */
  seq?: number;
  scope: Jurisdiction;
}

/** The records under the filters and within the auditor's reach (the base of the page, the count and the export). */
function filtered(db: Executor, f: AuditFilter) {
  const s = f.scope;
  const iso = (v: string) => new Date(v).toISOString();
  return (
    db
      .selectFrom('audit_log')
      .leftJoin('orgs', 'orgs.id', 'audit_log.org_id')
      .$if(!!f.from, (q) => q.where('audit_log.at', '>=', iso(f.from!)))
      .$if(!!f.to, (q) => q.where('audit_log.at', '<=', iso(f.to!)))
      .$if(!!f.actor, (q) => q.where('audit_log.actor_name', '=', f.actor!))
      .$if(!!f.action, (q) => q.where('audit_log.action', '=', f.action!))
      .$if(!!f.outcome, (q) => q.where('audit_log.outcome', '=', f.outcome!))
      .$if(!!f.targetId, (q) => q.where('audit_log.target_id', '=', f.targetId!))
      .$if(f.seq !== undefined, (q) => q.where('audit_log.seq', '=', f.seq!))
      .$if(!!f.q, (q) =>
        q.where((eb) =>
          eb.or([
            eb('audit_log.summary', 'like', `%${f.q}%`),
            eb('audit_log.actor_name', 'like', `%${f.q}%`),
            eb('audit_log.ip', '=', f.q!),
            eb('audit_log.target_id', '=', f.q!),
          ]),
        ),
      )
      // A provincial auditor sees its province's records and those without an organisation (unknown users' logins).
      .$if(s.level === 'province', (q) =>
        q.where((eb) =>
          eb.or([
            eb('orgs.province_id', '=', (s as { provinceId: string }).provinceId),
            eb('audit_log.org_id', 'is', null),
          ]),
        ),
      )
      .$if(s.level === 'city' || s.level === 'org', (q) => q.where('audit_log.actor_id', '=', '__none__'))
  );
}

/** The records with what the list shows of them: organisation, application (or user, batch), seal. */
function withDetails(db: Executor, f: AuditFilter) {
  return filtered(db, f)
    .selectAll('audit_log')
    .leftJoin('applications', (j) =>
      j.onRef('applications.id', '=', 'audit_log.target_id').on('audit_log.target_type', '=', 'application'),
    )
    .leftJoin('users as target_user', (j) =>
      j.onRef('target_user.id', '=', 'audit_log.target_id').on('audit_log.target_type', '=', 'user'),
    )
    .leftJoin('batches as target_batch', (j) =>
      j.onRef('target_batch.id', '=', 'audit_log.target_id').on('audit_log.target_type', '=', 'batch'),
    )
    .select(['orgs.name as org_name', 'applications.number as app_number', 'applications.space_name as app_space_name'])
    .select([
      'target_user.username as user_name',
      'target_user.display_name as user_display_name',
      'target_batch.name as batch_name',
    ])
    .select((eb) =>
      eb
        .selectFrom('audit_seals')
        .select('audit_seals.id')
        .whereRef('audit_seals.last_seq', '>=', 'audit_log.seq')
        .whereRef('audit_seals.first_seq', '<=', 'audit_log.seq')
        .orderBy('audit_seals.last_seq')
        .limit(1)
        .as('seal_id'),
    );
}

const SORT_COLUMNS: Record<AuditSort, readonly string[]> = {
  seq: [],
  at: ['audit_log.at'],
  actor: ['audit_log.actor_name'],
  action: ['audit_log.action'],
  outcome: ['audit_log.outcome'],
};

/** One page of the log under the filters, with the total. */
export const listAuditPage = (db: Executor, f: AuditFilter, req: PageRequest<AuditSort>) =>
  paginate(req, {
    rows: (limit, offset) =>
      orderBySort(withDetails(db, f), req, SORT_COLUMNS, ['audit_log.seq']).limit(limit).offset(offset).execute(),
    count: async () => (await filtered(db, f).select(countAll()).executeTakeFirstOrThrow()).n,
  });

/** Every record under the filters, newest first, up to `limit` (the export of the filtered view). */
export const listAudit = (db: Executor, f: AuditFilter, limit: number) =>
  withDetails(db, f).orderBy('audit_log.seq', 'desc').limit(limit).execute();

export type AuditRow = Awaited<ReturnType<typeof listAudit>>[number];
