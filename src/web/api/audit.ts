import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import type { AuditOutcome } from '../../domain/audit.js';
import { api } from './client';
import type { AuditPage, AuditVerifyResult } from './types';

export interface AuditFilter {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  outcome?: AuditOutcome;
  q?: string;
}

const PAGE_SIZE = 50;

/** The audit log, newest first, fetched page by page with the server's cursor. */
export function useAuditLog(filter: AuditFilter) {
  return useInfiniteQuery({
    queryKey: ['audit', filter],
    queryFn: ({ pageParam }) =>
      api.get<AuditPage>('/api/audit', { ...filter, cursor: pageParam ?? undefined, limit: PAGE_SIZE }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** Walks the hash chain on the server; a mutation because it is run on demand, not cached. */
export const useVerifyAudit = () => useMutation({ mutationFn: () => api.get<AuditVerifyResult>('/api/audit/verify') });
