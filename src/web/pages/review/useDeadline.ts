import { useQuery } from '@tanstack/react-query';
import type { Batch, DeadlineKind } from '../../../domain/schemas/batches.js';
import { api } from '../../api/client';
import { useMyOrg } from './useMyOrg';

/** The open batches with their deadline cascade. */
export function useOpenBatches() {
  return useQuery({
    queryKey: ['review', 'batches', 'open'],
    queryFn: () => api.get<{ items: Batch[] }>('/api/batches', { status: 'open' }).then((r) => r.items),
    staleTime: 60_000,
  });
}

/**
 * The deadline in force for the user's next step in the first open batch: a city bureau's is set per
 * province ('city'), the province's is national ('province').
 */
export function useDeadline(kind: Extract<DeadlineKind, 'city' | 'province'>): string | null {
  const batches = useOpenBatches();
  const me = useMyOrg();
  const provinceId = me?.kind === 'province' ? me.id : me?.provinceId;
  const batch = batches.data?.[0];
  const d = batch?.deadlines.find((x) => x.kind === kind && (kind === 'province' || x.scopeOrgId === provinceId));
  return d?.dueAt ?? null;
}
