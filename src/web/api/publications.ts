import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CreatePublicationRequest,
  publicationResponse,
  publicationsResponse,
} from '../../domain/schemas/publications.js';
import { api } from './client';

export type Publications = z.infer<typeof publicationsResponse>;
type PublicationAnswer = z.infer<typeof publicationResponse>;

const key = (batchId: string) => ['publications', batchId] as const;
const path = (batchId: string) => `/api/batches/${encodeURIComponent(batchId)}/publications`;

/** The batch's publications and the decisions a publication would publish now (the preview). */
export function usePublications(batchId: string | undefined) {
  return useQuery({
    queryKey: key(batchId ?? ''),
    queryFn: () => api.get<Publications>(path(batchId!)),
    enabled: !!batchId,
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
