import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ApplicationActionRequest,
  ApplicationDetail,
  ApplicationListItem,
  UpdateApplicationRequest,
} from '../../domain/schemas/applications.js';
import type { OperatorNature } from '../../domain/application.js';
import type { ApplicationAction, ApplicationStatus } from '../../domain/workflow.js';
import { api } from './client';

/**
 * Applications: shared by the applicant's pages and the reviewers' pages. Types come from the
 * domain's response schemas, so server and web agree on every field.
 */
export type { ApplicationDetail, ApplicationListItem };

export interface ApplicationFilter {
  status?: ApplicationStatus[];
  cityId?: string;
  provinceId?: string;
  batchId?: string;
  mainField?: string;
  operatorNature?: OperatorNature;
  q?: string;
  limit?: number;
}

export interface ApplicationPage {
  items: ApplicationListItem[];
  nextCursor: string | null;
}

export const APPLICATIONS_KEY = ['applications'] as const;
export const applicationKey = (id: string) => [...APPLICATIONS_KEY, 'detail', id] as const;

const toQuery = (f: ApplicationFilter, cursor?: string | null) => ({
  status: f.status?.length ? f.status.join(',') : undefined,
  cityId: f.cityId,
  provinceId: f.provinceId,
  batchId: f.batchId,
  mainField: f.mainField,
  operatorNature: f.operatorNature,
  q: f.q,
  limit: f.limit ?? 20,
  cursor: cursor ?? undefined,
});

/** One page of the scoped list (the server decides the scope from the session). */
export const fetchApplications = (f: ApplicationFilter, cursor?: string | null) =>
  api.get<ApplicationPage>('/api/applications', toQuery(f, cursor));

/** The scoped list with cursor paging ("加载更多"). */
export function useApplicationList(f: ApplicationFilter) {
  return useInfiniteQuery({
    queryKey: [...APPLICATIONS_KEY, 'list', f],
    queryFn: ({ pageParam }) => fetchApplications(f, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export const fetchApplication = (id: string) =>
  api.get<ApplicationDetail>(`/api/applications/${encodeURIComponent(id)}`);

export function useApplication(id: string | undefined) {
  return useQuery({ queryKey: applicationKey(id ?? ''), queryFn: () => fetchApplication(id!), enabled: !!id });
}

export const createApplication = (batchId: string) => api.post<ApplicationDetail>('/api/applications', { batchId });

export interface SaveResult {
  id: string;
  version: number;
  updatedAt: string;
  content: ApplicationDetail['content'];
}

/** A draft save; the version names what the edit was based on (409 version_conflict when stale). */
export const saveApplication = (id: string, body: UpdateApplicationRequest) =>
  api.patch<SaveResult>(`/api/applications/${encodeURIComponent(id)}`, body);

export const runApplicationAction = (id: string, action: ApplicationAction, body: ApplicationActionRequest = {}) =>
  api.post<ApplicationDetail>(
    `/api/applications/${encodeURIComponent(id)}/actions/${encodeURIComponent(action)}`,
    body,
  );

/** Takes one workflow action; on success the detail cache holds the answer and lists refresh. */
export function useApplicationAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ action, ...body }: ApplicationActionRequest & { action: ApplicationAction }) =>
      runApplicationAction(id, action, body),
    onSuccess: (detail) => {
      qc.setQueryData(applicationKey(id), detail);
      void qc.invalidateQueries({ queryKey: [...APPLICATIONS_KEY, 'list'] });
    },
  });
}

export const applicationFileUrl = (id: string, fileId: string, inline = false) =>
  `/api/applications/${encodeURIComponent(id)}/files/${encodeURIComponent(fileId)}${inline ? '?disposition=inline' : ''}`;
