import {
  AT_MINISTRY,
  MINISTRY_STAGE_STATUSES,
  MINISTRY_STAGES,
  PUBLISHED_STATUSES,
  type MinistryCell,
  type MinistryDashboard,
  type MinistryStageKey,
} from '../../../domain/schemas/ministryDashboard.js';
import type { Actor } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { assertMayViewMinistryDashboard } from '../../policies/ministryDashboard.js';
import {
  countByProvinceStatus,
  countProvinceDispatches,
  countPublishedByProvince,
  provincesInOrder,
} from '../../repositories/ministryDashboard.js';

/**
 * The Ministry's progress by province (issue 17): lists to receive and received, applications that
 * reached the Ministry, pending, filed, not filed and published, for one batch or all. Each count
 * carries the filter of the list that shows exactly what it counts.
 */
export async function getMinistryDashboard(opts: {
  db: Executor;
  actor: Actor;
  batchId?: string;
}): Promise<MinistryDashboard> {
  const { db, actor, batchId } = opts;
  assertMayViewMinistryDashboard(actor);
  const [provinces, apps, dispatches, published] = await Promise.all([
    provincesInOrder(db),
    countByProvinceStatus(db, AT_MINISTRY, batchId),
    countProvinceDispatches(db, batchId),
    countPublishedByProvince(db, batchId),
  ]);
  const appCount = new Map(apps.map((r) => [`${r.province_id}|${r.status}`, Number(r.n)]));
  const dispatchCount = new Map(dispatches.map((r) => [`${r.province_id}|${r.status}`, Number(r.n)]));
  const publishedCount = new Map(published.map((r) => [r.province_id, Number(r.n)]));
  const batch = batchId ? { batchId } : {};

  /** One stage's count for a province (or, without one, all of them) and the list it links to. */
  const cellOf = (key: MinistryStageKey, provinceIds: string[], provinceId?: string): MinistryCell => {
    const sum = (m: Map<string, number>, suffix: string) =>
      provinceIds.reduce((t, p) => t + (m.get(`${p}${suffix}`) ?? 0), 0);
    const inProvince = provinceId ? { provinceId } : {};
    switch (key) {
      case 'listsToReceive':
      case 'listsReceived': {
        const status = key === 'listsToReceive' ? 'sent' : 'received';
        return {
          key,
          count: sum(dispatchCount, `|${status}`),
          dispatches: { level: 'province', status, ...inProvince, ...batch },
        };
      }
      case 'published':
        // The decisions a publication covers, in the queue like the other counts.
        return {
          key,
          count: sum(publishedCount, ''),
          applications: { ...batch, ...inProvince, status: [...PUBLISHED_STATUSES], published: true },
        };
      case 'received':
      case 'pending':
      case 'filed':
      case 'notFiled': {
        const statuses = MINISTRY_STAGE_STATUSES[key]!;
        return {
          key,
          count: statuses.reduce((t, s) => t + sum(appCount, `|${s}`), 0),
          applications: { ...batch, ...inProvince, status: [...statuses] },
        };
      }
    }
  };

  const all = provinces.map((p) => p.id);
  return {
    batchId: batchId ?? null,
    stages: MINISTRY_STAGES.map((s) => ({ key: s.key, label: s.label })),
    rows: provinces.map((p) => ({
      provinceId: p.id,
      provinceName: p.short_name ?? p.name,
      cells: MINISTRY_STAGES.map((s) => cellOf(s.key, [p.id], p.id)),
    })),
    totals: MINISTRY_STAGES.map((s) => cellOf(s.key, all)),
  };
}
