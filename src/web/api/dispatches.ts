import type { ArrivalInput } from '../../domain/schemas/arrival.js';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CreateDispatchRequest,
  Dispatch,
  DispatchSort,
  dispatchListResponse,
  paperCopyListResponse,
  RegisterPaperCopyRequest,
  registerPaperCopyResponse,
  UpdateDispatchRequest,
} from '../../domain/schemas/dispatches.js';
import type { DispatchAction, DispatchLevel, DispatchStatus } from '../../domain/workflow.js';
import type { ApplicantPledge } from '../../domain/pledges.js';
import type { SortOrder } from '../../domain/schemas/pagination.js';
import type { DispatchBulkActionRequest, DispatchBulkActionResponse } from '../../domain/schemas/dispatchBulk.js';
import { APPLICATIONS_KEY, applicationKey } from './applications';
import { api } from './client';

/** Dispatches (报送批) and the paper copies registered against their applications. */
export type { Dispatch };
export type DispatchList = z.infer<typeof dispatchListResponse>;
export type DispatchSummary = DispatchList['items'][number];
export type PaperCopyList = z.infer<typeof paperCopyListResponse>;
export type PaperCopyResult = z.infer<typeof registerPaperCopyResponse>;

export interface DispatchFilter {
  level?: DispatchLevel;
  status?: DispatchStatus;
  batchId?: string;
  provinceId?: string;
  page: number;
  pageSize: number;
  sort?: DispatchSort;
  order?: SortOrder;
}

export const DISPATCHES_KEY = ['dispatches'] as const;
const dispatchKey = (id: string) => [...DISPATCHES_KEY, 'detail', id] as const;
const path = (id: string) => `/api/dispatches/${encodeURIComponent(id)}`;

export function useDispatches(filter: DispatchFilter) {
  return useQuery({
    queryKey: [...DISPATCHES_KEY, 'list', filter],
    queryFn: () => api.get<DispatchList>('/api/dispatches', { ...filter }),
    placeholderData: keepPreviousData,
  });
}

export function useDispatch(id: string | undefined) {
  return useQuery({
    queryKey: dispatchKey(id ?? ''),
    queryFn: () => api.get<{ dispatch: Dispatch }>(path(id!)).then((r) => r.dispatch),
    enabled: !!id,
  });
}

/** A dispatch changes its applications' statuses too: refresh both. */
function useDispatchMutation<V>(fn: (vars: V) => Promise<{ dispatch: Dispatch }>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (vars: V) => fn(vars).then((r) => r.dispatch),
    onSuccess: (d) => {
      qc.setQueryData(dispatchKey(d.id), d);
      void qc.invalidateQueries({ queryKey: [...DISPATCHES_KEY, 'list'] });
      void qc.invalidateQueries({ queryKey: APPLICATIONS_KEY });
    },
  });
}

export const useCreateDispatch = () =>
  useDispatchMutation((body: CreateDispatchRequest) => api.post<{ dispatch: Dispatch }>('/api/dispatches', body));

export const useUpdateDispatch = () =>
  useDispatchMutation(({ id, ...body }: UpdateDispatchRequest & { id: string }) =>
    api.patch<{ dispatch: Dispatch }>(path(id), body),
  );

export interface DispatchActionVars {
  id: string;
  action: DispatchAction;
  pledge?: ApplicantPledge;
  /** return: the approver's reason. */
  comment?: string;
  /** send: the approver's optional opinion (报送意见). */
  opinion?: string;
  /** receive: the 接收登记. */
  arrival?: ArrivalInput;
  version?: number;
}

export const useDispatchAction = () =>
  useDispatchMutation(({ id, action, ...body }: DispatchActionVars) =>
    api.post<{ dispatch: Dispatch }>(`${path(id)}/actions/${action}`, body),
  );

// ---- paper copies (纸质材料) ----

const paperKey = (applicationId: string) => ['paper-copies', applicationId] as const;
const paperPath = (applicationId: string) => `/api/applications/${encodeURIComponent(applicationId)}/paper-copies`;

export function usePaperCopies(applicationId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: paperKey(applicationId ?? ''),
    queryFn: () => api.get<PaperCopyList>(paperPath(applicationId!)),
    enabled: !!applicationId && enabled,
  });
}

/** Registering a copy may make acceptance possible: the detail (allowedActions) and dispatches refresh. */
export function useRegisterPaperCopy(applicationId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RegisterPaperCopyRequest) => api.post<PaperCopyResult>(paperPath(applicationId), body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: paperKey(applicationId) });
      void qc.invalidateQueries({ queryKey: applicationKey(applicationId) });
      void qc.invalidateQueries({ queryKey: DISPATCHES_KEY });
    },
  });
}

/** 批量接收登记: each dispatch received as by itself; the answer says per dispatch what happened. */
export function useDispatchBulkAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: DispatchBulkActionRequest) =>
      api.post<DispatchBulkActionResponse>('/api/dispatches/bulk-actions', body),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: DISPATCHES_KEY });
      void qc.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
}
