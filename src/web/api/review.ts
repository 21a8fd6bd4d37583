import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ChecklistResult,
  ReviewConfig,
  SaveChecklistRequest,
  UpdateReviewConfigRequest,
} from '../../domain/schemas/review.js';
import type { Changes } from '../../domain/schemas/changes.js';
import type { ChecklistLevel } from '../../domain/schemas/checklistLevels.js';
import { api } from './client';

/** Review configuration per batch (checklist, integrity rules, criteria), acknowledgements, checklists. */
export type { Changes, ChecklistLevel, ChecklistResult, ReviewConfig };

const configKey = (batchId: string) => ['review-config', batchId] as const;
const checklistKey = (applicationId: string, level: ChecklistLevel = 'city') =>
  (level === 'city'
    ? ['review-checklist', applicationId]
    : ['review-checklist', applicationId, level]) as readonly string[];
const checklistPath = (applicationId: string, level: ChecklistLevel) =>
  `/api/applications/${enc(applicationId)}/${level === 'city' ? 'review-checklist' : 'acceptance-checklist'}`;
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

export function useChecklist(applicationId: string, level: ChecklistLevel = 'city') {
  return useQuery({
    queryKey: checklistKey(applicationId, level),
    queryFn: () =>
      api.get<{ checklist: ChecklistResult }>(checklistPath(applicationId, level)).then((r) => r.checklist),
  });
}

export function useSaveChecklist(applicationId: string, level: ChecklistLevel = 'city') {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveChecklistRequest) =>
      api.put<{ checklist: ChecklistResult }>(checklistPath(applicationId, level), body).then((r) => r.checklist),
    onSuccess: (c) => {
      qc.setQueryData(checklistKey(applicationId, level), c);
      // Confirming last round's ticks again can make a decision possible (allowedActions).
      void qc.invalidateQueries({ queryKey: ['applications', 'detail', applicationId] });
    },
  });
}

/** What a resubmission changed against the version returned (GET /applications/{id}/changes). */
export function useChanges(applicationId: string) {
  return useQuery({
    queryKey: ['application-changes', applicationId],
    queryFn: () =>
      api.get<{ changes: Changes }>(`/api/applications/${enc(applicationId)}/changes`).then((r) => r.changes),
  });
}
