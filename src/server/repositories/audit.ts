import type { Executor } from '../db/database.js';
import type { Jurisdiction } from '../policies/common.js';

export interface AuditFilter {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  outcome?: string;
  targetId?: string;
  q?: string;
  cursor?: string;
  limit: number;
  scope: Jurisdiction;
}

/** Newest first, one more than the limit (to tell whether a next page exists). */
export function listAudit(db: Executor, f: AuditFilter) {
  const s = f.scope;
  const iso = (v: string) => new Date(v).toISOString();
  return (
    db
      .selectFrom('audit_log')
      .leftJoin('orgs', 'orgs.id', 'audit_log.org_id')
      .selectAll('audit_log')
      .leftJoin('applications', (j) =>
        j.onRef('applications.id', '=', 'audit_log.target_id').on('audit_log.target_type', '=', 'application'),
      )
      .select([
        'orgs.name as org_name',
        'applications.number as app_number',
        'applications.space_name as app_space_name',
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
      )
      .$if(!!f.from, (q) => q.where('audit_log.at', '>=', iso(f.from!)))
      .$if(!!f.to, (q) => q.where('audit_log.at', '<=', iso(f.to!)))
      .$if(!!f.actor, (q) => q.where('audit_log.actor_name', '=', f.actor!))
      .$if(!!f.action, (q) => q.where('audit_log.action', '=', f.action!))
      .$if(!!f.outcome, (q) => q.where('audit_log.outcome', '=', f.outcome!))
      .$if(!!f.targetId, (q) => q.where('audit_log.target_id', '=', f.targetId!))
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
      .$if(!!f.cursor, (q) => q.where('audit_log.seq', '<', Number(f.cursor)))
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
      .orderBy('audit_log.seq', 'desc')
      .limit(f.limit + 1)
      .execute()
  );
}
