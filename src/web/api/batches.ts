import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Batch,
  BatchDocument,
  createBatchRequest,
  Deadline,
  ExtendDeadlineRequest,
  SetDeadlineRequest,
  BatchSort,
  UpdateBatchRequest,
} from '../../domain/schemas/batches.js';
import type { ListParams } from '../components/useListParams';
import { m } from '../i18n';
import { api, ApiError, failureOf, getCsrfToken } from './client';
import { fetchSession } from './session';

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

/** One page of the 批次管理 list (numbered pages, sort and filter from the URL), with the total. */
export function useBatchPage(filter: { status?: 'open' | 'closed' } & ListParams<BatchSort>) {
  return useQuery({
    queryKey: [...BATCHES_KEY, 'page', filter],
    queryFn: () =>
      api.get<{ items: Batch[]; total: number; page: number; pageSize: number }>(
        '/api/batches',
        { ...filter },
        { quietAuth: true },
      ),
    placeholderData: keepPreviousData,
  });
}

/** What the list offers the user (create a batch), as the server decides it; [] until loaded. */
export function useBatchListActions(status?: 'open' | 'closed'): 'create'[] {
  const q = useQuery({
    queryKey: [...BATCHES_KEY, 'list', status ?? 'all'],
    queryFn: () =>
      api.get<{ items: Batch[]; allowedActions: 'create'[] }>('/api/batches', { status }, { quietAuth: true }),
    select: (data) => data.allowedActions,
    staleTime: 60_000,
  });
  return q.data ?? [];
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

// ---- mutations (system administrator; deadlines by the level that owns them) ----

/** Every batch mutation refreshes the batch lists and details afterwards (also after a refusal). */
function useBatchMutation<V, R>(fn: (vars: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => qc.invalidateQueries({ queryKey: BATCHES_KEY }),
  });
}

const batchPath = (id: string) => `/api/batches/${encodeURIComponent(id)}`;

export const useCreateBatch = () =>
  useBatchMutation((body: z.input<typeof createBatchRequest>) =>
    api.post<{ batch: Batch }>('/api/batches', body).then((r) => r.batch),
  );

export const useUpdateBatch = () =>
  useBatchMutation(({ id, ...body }: UpdateBatchRequest & { id: string }) =>
    api.patch<{ batch: Batch }>(batchPath(id), body).then((r) => r.batch),
  );

export const useSetDeadline = () =>
  useBatchMutation(({ batchId, ...body }: SetDeadlineRequest & { batchId: string }) =>
    api.put<{ deadline: Deadline }>(`${batchPath(batchId)}/deadlines`, body).then((r) => r.deadline),
  );

export const useExtendDeadline = () =>
  useBatchMutation(({ deadlineId, ...body }: ExtendDeadlineRequest & { deadlineId: string }) =>
    api
      .post<{ deadline: Deadline }>(`/api/deadlines/${encodeURIComponent(deadlineId)}/extensions`, body)
      .then((r) => r.deadline),
  );

async function postDocument(batchId: string, title: string, file: File): Promise<Response> {
  const form = new FormData();
  // The server reads the title before the file, so it must come first.
  form.append('title', title);
  form.append('file', file, file.name);
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = getCsrfToken();
  if (token) headers['x-csrf-token'] = token;
  try {
    return await fetch(`${batchPath(batchId)}/documents`, {
      method: 'POST',
      headers,
      body: form,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network', m.common.networkError);
  }
}

/** Uploads a notice document or attachment template (multipart, the title before the file). */
export async function uploadBatchDocument(batchId: string, title: string, file: File): Promise<BatchDocument> {
  let res = await postDocument(batchId, title, file);
  if (res.status === 403) {
    const err = await failureOf(res.clone(), true);
    if (err.code === 'csrf_invalid') {
      await fetchSession();
      res = await postDocument(batchId, title, file);
    }
  }
  if (!res.ok) throw await failureOf(res);
  return ((await res.json()) as { document: BatchDocument }).document;
}

export const useUploadBatchDocument = () =>
  useBatchMutation(({ batchId, title, file }: { batchId: string; title: string; file: File }) =>
    uploadBatchDocument(batchId, title, file),
  );
