import { useQuery } from '@tanstack/react-query';
import type { Batch, BatchDocument, Deadline } from '../../domain/schemas/batches.js';
import { api } from './client';

/** Batches (批次) with their notice, templates and deadline cascade; public, no session needed. */
export type { Batch, BatchDocument, Deadline };

export const BATCHES_KEY = ['batches'] as const;

export function useBatches(status?: 'open' | 'closed') {
  return useQuery({
    queryKey: [...BATCHES_KEY, 'list', status ?? 'all'],
    queryFn: () => api.get<{ items: Batch[] }>('/api/batches', { status }, { quietAuth: true }),
    select: (data) => data.items,
    staleTime: 60_000,
  });
}

export function useBatch(id: string | undefined) {
  return useQuery({
    queryKey: [...BATCHES_KEY, 'detail', id ?? ''],
    queryFn: () => api.get<{ batch: Batch }>(`/api/batches/${encodeURIComponent(id!)}`, undefined, { quietAuth: true }),
    select: (data) => data.batch,
    enabled: !!id,
    staleTime: 60_000,
  });
}

/** Download address of one of the batch's templates (附件). */
export const batchDocumentUrl = (batchId: string, docId: string) =>
  `/api/batches/${encodeURIComponent(batchId)}/documents/${encodeURIComponent(docId)}`;

/** The applicant deadline of a city in a batch, or undefined when the city has set none. */
export const applicantDeadlineFor = (batch: Batch, cityId: string | undefined): Deadline | undefined =>
  batch.deadlines.find((d) => d.kind === 'applicant' && d.scopeOrgId === cityId);
