import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { OrgKind } from '../../domain/roles.js';
import type { orgPageResponse, OrgSort } from '../../domain/schemas/orgs.js';
import type { ListParams } from '../components/useListParams';
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

export type OrgPage = z.infer<typeof orgPageResponse>;
/** A row of the paged list: the organisation with its parent's name and number of children. */
export type OrgPageItem = OrgPage['items'][number];

/** One numbered page of the organisations (the system administrator's 单位管理), with the total. */
export function useOrgPage(filter: OrgFilter, page: ListParams<OrgSort>) {
  return useQuery({
    queryKey: ['orgs', 'paged', filter, page],
    queryFn: () => api.get<OrgPage>('/api/orgs/paged', { ...filter, ...page }),
    placeholderData: keepPreviousData,
  });
}
