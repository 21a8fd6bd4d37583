import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { AuditOutcome } from '../../domain/audit.js';
import type { AuditSort } from '../../domain/schemas/audit.js';
import type { ListParams } from '../components/useListParams';
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

/** One page of the audit log under the filter, with the total (numbered pages, like every list). */
export function useAuditLog(filter: AuditFilter & ListParams<AuditSort>) {
  return useQuery({
    queryKey: ['audit', filter],
    queryFn: () => api.get<AuditPage>('/api/audit', { ...filter }),
    placeholderData: keepPreviousData,
  });
}

/** Walks the hash chain on the server; a mutation because it is run on demand, not cached. */
export const useVerifyAudit = () => useMutation({ mutationFn: () => api.get<AuditVerifyResult>('/api/audit/verify') });
