import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Conflict,
  conflictListResponse,
  ConflictSort,
  CreditRecord,
  creditRecordListResponse,
  CreditRecordSort,
  DeclareConflictRequest,
} from '../../domain/schemas/integrity.js';
import type { ListParams } from '../components/useListParams';
import { api } from './client';

/** Integrity: credit records (不良科技信用记录) and the user's own declared conflicts of interest (回避). */
export type { Conflict, CreditRecord };
export type CreditRecordPage = z.infer<typeof creditRecordListResponse>;
export type ConflictPage = z.infer<typeof conflictListResponse>;

export interface CreditFilter {
  status: 'active' | 'all';
  q?: string;
}

const CREDIT_KEY = ['credit-records'] as const;

/** One numbered page of the credit records, with the total. */
export function useCreditRecords(filter: CreditFilter, page: ListParams<CreditRecordSort>) {
  return useQuery({
    queryKey: [...CREDIT_KEY, filter, page],
    queryFn: () => api.get<CreditRecordPage>('/api/credit-records', { ...filter, ...page }),
    placeholderData: keepPreviousData,
  });
}

/** The export's address, fetched by DownloadButton with the session cookie. */
export function creditExportUrl(format: 'csv' | 'json' | 'xlsx', filter: CreditFilter): string {
  const qs = new URLSearchParams({ format, status: filter.status });
  if (filter.q) qs.set('q', filter.q);
  return `/api/credit-records/export?${qs.toString()}`;
}

const CONFLICTS_KEY = ['conflicts'] as const;

/** One numbered page of the user's declarations, with the total. */
export function useConflicts(q: string | undefined, page: ListParams<ConflictSort>) {
  return useQuery({
    queryKey: [...CONFLICTS_KEY, q ?? null, page],
    queryFn: () => api.get<ConflictPage>('/api/conflicts', { q, ...page }),
    placeholderData: keepPreviousData,
  });
}

export function useDeclareConflict() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: DeclareConflictRequest) => api.post<{ conflict: Conflict }>('/api/conflicts', body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: CONFLICTS_KEY });
      // allowedActions change once a conflict is declared
      void qc.invalidateQueries({ queryKey: ['applications'] });
    },
  });
}

export function useWithdrawConflict() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<unknown>(`/api/conflicts/${encodeURIComponent(id)}`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: CONFLICTS_KEY });
      void qc.invalidateQueries({ queryKey: ['applications'] });
    },
  });
}
