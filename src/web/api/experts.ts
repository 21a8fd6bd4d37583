import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { errorMessage, type ErrorBody } from '../../domain/errors.js';
import { PAGE_SIZE_MAX } from '../../domain/schemas/pagination.js';
import type {
  Assignment,
  assignmentListResponse,
  AssignmentSort,
  AssignmentStatus,
  bulkAssignmentRequest,
  bulkAssignmentResponse,
  CreateFieldVisitRequest,
  expertCandidatesResponse,
  FieldVisit,
  fieldVisitListResponse,
  FieldVisitSort,
  Ranking,
  RankingSort,
  scoreDraftRequest,
  ScoreRequest,
  UpdateFieldVisitRequest,
} from '../../domain/schemas/experts.js';
import type { ListParams } from '../components/useListParams';
import { ApiError, api, getCsrfToken } from './client';

/** Expert review (材料评审), field visits (实地调研) and the ranking by score. */
export type { Assignment, FieldVisit, Ranking };
type BulkAssignmentResponse = z.infer<typeof bulkAssignmentResponse>;
export type ExpertCandidate = z.infer<typeof expertCandidatesResponse>['items'][number];

const enc = encodeURIComponent;
const ASSIGNMENTS_KEY = ['expert-assignments'] as const;
const visitsKey = (applicationId: string) => ['field-visits', applicationId] as const;

export function useExpertCandidates(applicationId: string | undefined) {
  return useQuery({
    queryKey: ['experts', applicationId ?? ''],
    queryFn: () =>
      api.get<{ items: ExpertCandidate[] }>('/api/experts', { applicationId: applicationId! }).then((r) => r.items),
    enabled: !!applicationId,
  });
}

export interface AssignmentFilter {
  applicationId?: string;
  batchId?: string;
  status?: AssignmentStatus;
}

export type AssignmentPage = z.infer<typeof assignmentListResponse>;

/** An application's assignments (a handful: one page of the largest size holds them). */
export function useAssignments(filter: AssignmentFilter & { applicationId: string }, enabled = true) {
  return useQuery({
    queryKey: [...ASSIGNMENTS_KEY, 'list', filter],
    queryFn: () =>
      api.get<AssignmentPage>('/api/expert-assignments', { ...filter, pageSize: PAGE_SIZE_MAX }).then((r) => r.items),
    enabled,
  });
}

/** One numbered page of the assignments (an expert's tasks), with the total. */
export function useAssignmentPage(filter: AssignmentFilter & { q?: string }, page: ListParams<AssignmentSort>) {
  return useQuery({
    queryKey: [...ASSIGNMENTS_KEY, 'list', 'page', filter, page],
    queryFn: () => api.get<AssignmentPage>('/api/expert-assignments', { ...filter, ...page }),
    placeholderData: keepPreviousData,
  });
}

export function useAssignment(id: string | undefined) {
  return useQuery({
    queryKey: [...ASSIGNMENTS_KEY, 'detail', id ?? ''],
    queryFn: () => api.get<{ assignment: Assignment }>(`/api/expert-assignments/${enc(id!)}`).then((r) => r.assignment),
    enabled: !!id,
  });
}

/** Any change to assignments refreshes them, the candidates (assigned flags) and the ranking. */
function useAssignmentMutation<V, R = unknown>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ASSIGNMENTS_KEY });
      void qc.invalidateQueries({ queryKey: ['experts'] });
      void qc.invalidateQueries({ queryKey: ['ranking'] });
    },
  });
}

export const useAssignExpert = () =>
  useAssignmentMutation((body: { applicationId: string; expertId: string; dueOn?: string }) =>
    api.post<{ assignment: Assignment }>('/api/expert-assignments', body),
  );

export const useRemoveAssignment = () =>
  useAssignmentMutation((id: string) => api.delete<unknown>(`/api/expert-assignments/${enc(id)}`));

export const useScoreAssignment = () =>
  useAssignmentMutation(({ id, ...body }: ScoreRequest & { id: string }) =>
    api.post<{ assignment: Assignment }>(`/api/expert-assignments/${enc(id)}/score`, body),
  );

export const useDeclineAssignment = () =>
  useAssignmentMutation(({ id, reason }: { id: string; reason: string }) =>
    api.post<{ assignment: Assignment }>(`/api/expert-assignments/${enc(id)}/decline`, { reason }),
  );

export interface RankingFilter {
  cityId?: string;
  status?: string;
  q?: string;
}

/** One numbered page of the ranking (each row keeps its rank in the whole ranking), with the total. */
export function useRanking(batchId: string | undefined, filter: RankingFilter, page: ListParams<RankingSort>) {
  return useQuery({
    queryKey: ['ranking', batchId ?? '', filter, page],
    queryFn: () => api.get<Ranking>(`/api/batches/${enc(batchId!)}/ranking`, { ...filter, ...page }),
    enabled: !!batchId,
    placeholderData: keepPreviousData,
  });
}

/** The whole ranking in its order, page after page (the province's list starts in this order). */
export function useWholeRanking(batchId: string | undefined) {
  return useQuery({
    queryKey: ['ranking', batchId ?? '', 'whole'],
    queryFn: async () => {
      const items: Ranking['items'] = [];
      for (let page = 1; ; page++) {
        const r = await api.get<Ranking>(`/api/batches/${enc(batchId!)}/ranking`, { page, pageSize: 100 });
        items.push(...r.items);
        if (r.items.length === 0 || items.length >= r.total) return items;
      }
    },
    enabled: !!batchId,
  });
}

// ---- field visits ----

export type FieldVisitPage = z.infer<typeof fieldVisitListResponse>;

/** One page of an application's field visits (the latest first), with the total and allowedActions. */
export function useFieldVisits(applicationId: string, page: ListParams<FieldVisitSort>) {
  return useQuery({
    queryKey: [...visitsKey(applicationId), page],
    queryFn: () => api.get<FieldVisitPage>(`/api/applications/${enc(applicationId)}/field-visits`, { ...page }),
    placeholderData: keepPreviousData,
  });
}

function useVisitMutation<V>(applicationId: string, fn: (v: V) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: visitsKey(applicationId) });
      void qc.invalidateQueries({ queryKey: ['ranking'] });
    },
  });
}

export const useCreateFieldVisit = (applicationId: string) =>
  useVisitMutation(applicationId, (body: CreateFieldVisitRequest) =>
    api.post<{ visit: FieldVisit }>(`/api/applications/${enc(applicationId)}/field-visits`, body).then((r) => r.visit),
  );

export const useUpdateFieldVisit = (applicationId: string) =>
  useVisitMutation(applicationId, ({ id, ...body }: UpdateFieldVisitRequest & { id: string }) =>
    api.patch<{ visit: FieldVisit }>(`/api/field-visits/${enc(id)}`, body),
  );

/** Uploads one photo of a field visit (multipart field `file`). */
async function uploadPhoto(visitId: string, file: File): Promise<unknown> {
  const form = new FormData();
  form.append('file', file, file.name);
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = getCsrfToken();
  if (token) headers['x-csrf-token'] = token;
  const res = await fetch(`/api/field-visits/${enc(visitId)}/photos`, {
    method: 'POST',
    body: form,
    headers,
    credentials: 'same-origin',
  });
  if (res.ok) return res.json();
  const body = (await res.json().catch(() => null)) as Partial<ErrorBody> | null;
  const err = body?.error;
  throw new ApiError(res.status, err?.code ?? 'internal', err?.message ?? errorMessage.internal, err?.details ?? []);
}

export const useUploadVisitPhoto = (applicationId: string) =>
  useVisitMutation(applicationId, ({ visitId, file }: { visitId: string; file: File }) => uploadPhoto(visitId, file));

export const visitPhotoUrl = (visitId: string, photoId: string, inline = true) =>
  `/api/field-visits/${enc(visitId)}/photos/${enc(photoId)}${inline ? '?disposition=inline' : ''}`;

export const useDeclareNoConflict = () =>
  useAssignmentMutation((id: string) =>
    api.post<{ assignment: Assignment }>(`/api/expert-assignments/${enc(id)}/declaration`, { agreed: true }),
  );

export const useSaveScoreDraft = () =>
  useAssignmentMutation(({ id, ...body }: z.input<typeof scoreDraftRequest> & { id: string }) =>
    api.put<{ assignment: Assignment }>(`/api/expert-assignments/${enc(id)}/draft`, body),
  );

export const useSetAssignmentDue = () =>
  useAssignmentMutation(({ id, dueOn }: { id: string; dueOn: string | null }) =>
    api.put<{ assignment: Assignment }>(`/api/expert-assignments/${enc(id)}/due`, { dueOn }),
  );

export const useBulkAssign = () =>
  useAssignmentMutation((body: z.input<typeof bulkAssignmentRequest>) =>
    api.post<BulkAssignmentResponse>('/api/expert-assignments/bulk', body),
  );

const FIELDS_KEY = ['experts', 'me', 'fields'];
export function useMyExpertFields() {
  return useQuery({
    queryKey: FIELDS_KEY,
    queryFn: () => api.get<{ fields: string[] }>('/api/experts/me/fields').then((r) => r.fields),
  });
}
export function useSaveMyExpertFields() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (fields: string[]) => api.put<{ fields: string[] }>('/api/experts/me/fields', { fields }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: FIELDS_KEY }),
  });
}
