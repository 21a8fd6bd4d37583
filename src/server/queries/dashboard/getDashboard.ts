import { operatorNatureOptions, type OperatorNature } from '../../../domain/application/labels.js';
import { AppError } from '../../../domain/errors.js';
import {
  FUNNEL_STAGES,
  SUBMITTED_ON,
  type ApplicationFilter,
  type Dashboard,
} from '../../../domain/schemas/dashboard.js';
import { APPLICATION_STATUSES, statusLabels, type ApplicationStatus } from '../../../domain/workflow.js';
import type { Actor } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { applicationListScope } from '../../policies/applications.js';
import {
  AWAITING_PUBLICATION,
  isUnitOnlyScope,
  MINISTRY_DECISIONS,
  unpublishedDecisionIds,
} from '../../commands/applications/applicantStatus.js';
import { dashboardSections } from '../../policies/dashboard.js';
import {
  citiesOf,
  countAssignmentsByStatus,
  countByCityStatus,
  countByOperatorNature,
  countByStatus,
  countDispatchesToReceive,
  countPendingRegistrations,
  mainFieldArrays,
} from '../../repositories/dashboard.js';
import { findOrg } from '../../repositories/orgs.js';

type ProvinceSection = NonNullable<Dashboard['province']>;

/**
 * The landing-page numbers of the actor, within its scope (the same scope as GET /api/applications),
 * each with the list filter that shows the applications counted.
 */
export async function getDashboard(opts: {
  db: Executor;
  actor: Actor;
  batchId?: string;
  provinceId?: string;
}): Promise<Dashboard> {
  const { db, actor, batchId } = opts;
  const scope = applicationListScope(actor);
  if (!scope) throw new AppError('forbidden', '管理员账号不处理申报业务');
  const base: ApplicationFilter = batchId ? { batchId } : {};
  const rows = await countByStatus(db, scope, batchId);
  const counts = new Map(rows.map((r) => [r.status, Number(r.n)]));
  if (isUnitOnlyScope(scope)) await countUnpublishedAsAwaiting(db, scope.all ? '' : scope.unitId!, counts, batchId);
  const out: Dashboard = {
    batchId: batchId ?? null,
    byStatus: APPLICATION_STATUSES.filter((s) => counts.get(s)).map((status) => ({
      status,
      label: statusLabels[status],
      count: counts.get(status)!,
      filter: { ...base, status: [status] },
    })),
    total: { count: rows.reduce((s, r) => s + Number(r.n), 0), filter: base },
  };
  const sections = dashboardSections(actor, opts.provinceId);
  if (sections.registrationsOfCity)
    out.pendingRegistrations = await countPendingRegistrations(db, sections.registrationsOfCity);
  if (sections.dispatchesToReceive) {
    const { level, provinceId } = sections.dispatchesToReceive;
    out.dispatchesToReceive = await countDispatchesToReceive(db, level, provinceId, batchId);
  }
  if (sections.assignmentsOf) {
    const counts = await countAssignmentsByStatus(db, sections.assignmentsOf, batchId);
    const a = new Map(counts.map((r) => [r.status, Number(r.n)]));
    out.assignments = {
      assigned: a.get('assigned') ?? 0,
      submitted: a.get('submitted') ?? 0,
      withdrawn: a.get('withdrawn') ?? 0,
    };
  }
  if (sections.provinceId) out.province = await provinceSection(db, sections.provinceId, batchId);
  return out;
}

/** The province's funnel by city, and its submitted applications by main field, operator nature and city. */
async function provinceSection(db: Executor, provinceId: string, batchId?: string): Promise<ProvinceSection> {
  const province = await findOrg(db, provinceId);
  if (!province || province.kind !== 'province') throw new AppError('not_found', '省份不存在');
  const base: ApplicationFilter = { ...(batchId ? { batchId } : {}) };
  const submitted = [...SUBMITTED_ON];
  const [cities, byCityStatus, natures, fieldArrays] = await Promise.all([
    citiesOf(db, provinceId),
    countByCityStatus(db, provinceId, batchId),
    countByOperatorNature(db, provinceId, submitted, batchId),
    mainFieldArrays(db, provinceId, submitted, batchId),
  ]);
  const cell = new Map(byCityStatus.map((r) => [`${r.city_id}|${r.status}`, Number(r.n)]));
  const sum = (cityIds: string[], statuses: readonly ApplicationStatus[]) =>
    cityIds.reduce((t, c) => t + statuses.reduce((u, s) => u + (cell.get(`${c}|${s}`) ?? 0), 0), 0);
  const allCities = cities.map((c) => c.id);
  // The Ministry's list reaches every province: its links name this one.
  const inProvince: ApplicationFilter = { ...base, provinceId };

  const fields = new Map<string, number>();
  for (const r of fieldArrays) {
    let list: unknown;
    try {
      list = JSON.parse(r.main_fields ?? '[]');
    } catch {
      continue;
    }
    if (!Array.isArray(list)) continue;
    for (const f of new Set(list.filter((x): x is string => typeof x === 'string' && x.trim() !== '')))
      fields.set(f, (fields.get(f) ?? 0) + Number(r.n));
  }
  const natureCount = new Map(natures.map((n) => [n.operator_nature, Number(n.n)]));

  return {
    provinceId,
    provinceName: province.short_name ?? province.name,
    funnel: {
      stages: FUNNEL_STAGES.map((s) => ({ key: s.key, label: s.label })),
      rows: cities.map((c) => ({
        cityId: c.id,
        cityName: c.short_name ?? c.name,
        stages: FUNNEL_STAGES.map((s) => ({
          key: s.key,
          count: sum([c.id], s.statuses),
          filter: { ...base, cityId: c.id, status: [...s.statuses] },
        })),
      })),
      totals: FUNNEL_STAGES.map((s) => ({
        key: s.key,
        count: sum(allCities, s.statuses),
        filter: { ...inProvince, status: [...s.statuses] },
      })),
    },
    byMainField: [...fields.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh-CN'))
      .map(([field, count]) => ({ field, count, filter: { ...inProvince, status: submitted, mainField: field } })),
    byOperatorNature: operatorNatureOptions
      .filter((o) => natureCount.get(o.value))
      .map((o) => ({
        nature: o.value as OperatorNature,
        label: o.label,
        count: natureCount.get(o.value)!,
        filter: { ...inProvince, status: submitted, operatorNature: o.value as OperatorNature },
      })),
    byCity: cities.map((c) => ({
      cityId: c.id,
      cityName: c.short_name ?? c.name,
      count: sum([c.id], submitted),
      filter: { ...base, cityId: c.id, status: submitted },
    })),
  };
}

/** The unit's own counts: its unpublished decisions count as 已报送科技部 (issue 14). */
async function countUnpublishedAsAwaiting(db: Executor, unitId: string, counts: Map<string, number>, batchId?: string) {
  const decided = await db
    .selectFrom('applications')
    .select(['id', 'status'])
    .where('unit_id', '=', unitId)
    .where('status', 'in', [...MINISTRY_DECISIONS])
    .$if(!!batchId, (q) => q.where('batch_id', '=', batchId!))
    .execute();
  const hidden = await unpublishedDecisionIds(db, decided);
  for (const r of decided.filter((d) => hidden.has(d.id))) {
    counts.set(r.status, (counts.get(r.status) ?? 0) - 1);
    counts.set(AWAITING_PUBLICATION, (counts.get(AWAITING_PUBLICATION) ?? 0) + 1);
  }
}
