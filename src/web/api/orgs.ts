import { useQuery } from '@tanstack/react-query';
import type { OrgKind } from '../../domain/roles.js';
import { api } from './client';
import type { Org } from './types';

export interface OrgFilter {
  kind?: OrgKind;
  q?: string;
  parentId?: string;
}

/** Reference organisations; they change rarely, so they stay fresh for a few minutes. */
export function useOrgs(filter: OrgFilter = {}) {
  return useQuery({
    queryKey: ['orgs', filter],
    queryFn: () => api.get<{ items: Org[] }>('/api/orgs', { ...filter }),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });
}
