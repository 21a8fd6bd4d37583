import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ChecklistResult,
  ReviewConfig,
  SaveChecklistRequest,
  UpdateReviewConfigRequest,
} from '../../domain/schemas/review.js';
import { api } from './client';

/** Review configuration per batch (checklist, integrity rules, criteria), acknowledgements, checklists. */
export type { ChecklistResult, ReviewConfig };

const configKey = (batchId: string) => ['review-config', batchId] as const;
const checklistKey = (applicationId: string) => ['review-checklist', applicationId] as const;
const enc = encodeURIComponent;

export function useReviewConfig(batchId: string | undefined) {
  return useQuery({
    queryKey: configKey(batchId ?? ''),
    queryFn: () =>
      api.get<{ config: ReviewConfig }>(`/api/batches/${enc(batchId!)}/review-config`).then((r) => r.config),
    enabled: !!batchId,
  });
}

export function useUpdateReviewConfig(batchId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateReviewConfigRequest) =>
      api.put<{ config: ReviewConfig }>(`/api/batches/${enc(batchId)}/review-config`, body).then((r) => r.config),
    onSuccess: (config) => qc.setQueryData(configKey(batchId), config),
  });
}

export function useAcknowledge(batchId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (textVersion: number) =>
      api.post<unknown>(`/api/batches/${enc(batchId)}/acknowledgements`, { textVersion }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: configKey(batchId) });
      // the review actions become possible
      void qc.invalidateQueries({ queryKey: ['applications'] });
    },
  });
}

export function useChecklist(applicationId: string) {
  return useQuery({
    queryKey: checklistKey(applicationId),
    queryFn: () =>
      api
        .get<{ checklist: ChecklistResult }>(`/api/applications/${enc(applicationId)}/review-checklist`)
        .then((r) => r.checklist),
  });
}

export function useSaveChecklist(applicationId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveChecklistRequest) =>
      api
        .put<{ checklist: ChecklistResult }>(`/api/applications/${enc(applicationId)}/review-checklist`, body)
        .then((r) => r.checklist),
    onSuccess: (c) => qc.setQueryData(checklistKey(applicationId), c),
  });
}
