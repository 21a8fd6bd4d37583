import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CreatePublicationRequest,
  PendingDecisionFilter,
  PendingDecisionSort,
  pendingDecisionsResponse,
  publicationResponse,
  publicationsResponse,
  PublicationSort,
} from '../../domain/schemas/publications.js';
import type { ListParams } from '../components/useListParams';
import { api } from './client';

export type Publications = z.infer<typeof publicationsResponse>;
export type PendingDecisions = z.infer<typeof pendingDecisionsResponse>;
type PublicationAnswer = z.infer<typeof publicationResponse>;

const key = (batchId: string) => ['publications', batchId] as const;
const path = (batchId: string) => `/api/batches/${encodeURIComponent(batchId)}/publications`;

/** A page of the batch's publications, and how many decisions a publication would publish now. */
export function usePublications(batchId: string | undefined, page: ListParams<PublicationSort>) {
  return useQuery({
    queryKey: [...key(batchId ?? ''), 'history', page],
    queryFn: () => api.get<Publications>(path(batchId!), { ...page }),
    enabled: !!batchId,
    placeholderData: keepPreviousData,
  });
}

/** A page of the preview: the decisions a publication would publish now. */
export function usePendingDecisions(
  batchId: string | undefined,
  filter: PendingDecisionFilter,
  page: ListParams<PendingDecisionSort>,
) {
  return useQuery({
    queryKey: [...key(batchId ?? ''), 'pending', filter, page],
    queryFn: () => api.get<PendingDecisions>(`${path(batchId!)}/pending`, { ...filter, ...page }),
    enabled: !!batchId,
    placeholderData: keepPreviousData,
  });
}

export function usePublish(batchId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreatePublicationRequest) => api.post<PublicationAnswer>(path(batchId), body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: key(batchId) });
      void qc.invalidateQueries({ queryKey: ['applications'] });
    },
  });
}
