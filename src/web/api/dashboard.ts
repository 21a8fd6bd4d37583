import { useQuery } from '@tanstack/react-query';
import type { ApplicationFilter, Dashboard } from '../../domain/schemas/dashboard.js';
import type { MinistryDashboard } from '../../domain/schemas/ministryDashboard.js';
import { api } from './client';

/** The landing page's counts: every count carries the list filter that shows exactly what it counts. */
export type { ApplicationFilter as DashboardFilter, Dashboard };

export function useDashboard(opts: { batchId?: string; provinceId?: string } = {}) {
  return useQuery({
    queryKey: ['dashboard', opts],
    queryFn: () => api.get<Dashboard>('/api/dashboard', { ...opts }),
  });
}

/** The query string of a list page for a count's filter (status as a comma-separated list). */
export function filterQuery(f: ApplicationFilter): string {
  const qs = new URLSearchParams();
  if (f.status?.length) qs.set('status', f.status.join(','));
  for (const k of ['cityId', 'batchId', 'mainField', 'operatorNature'] as const) {
    const v = f[k];
    if (v) qs.set(k, v);
  }
  if (f.published) qs.set('published', 'true');
  return qs.toString();
}

/** The Ministry's progress by province (科技部工作台), for one batch or all. */
export function useMinistryDashboard(batchId?: string) {
  return useQuery({
    queryKey: ['dashboard', 'ministry', batchId ?? null],
    queryFn: () => api.get<MinistryDashboard>('/api/dashboard/ministry', batchId ? { batchId } : {}),
  });
}
