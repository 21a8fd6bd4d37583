import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { BulkActionRequest, BulkActionResponse } from '../../domain/schemas/bulk.js';
import type { ListParams } from '../components/useListParams';
import type {
  ApplicationActionRequest,
  ApplicationDetail,
  ApplicationListItem,
  applicationListResponse,
  ApplicationSort,
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
  /** 查重: only applications whose 总文字复制比 is at least this fraction ("0.3"). */
  minSimilarity?: string;
  /** Only decisions the Ministry published (公布). */
  published?: boolean;
}

export type ApplicationPage = z.infer<typeof applicationListResponse>;
export type ApplicationListParams = ListParams<ApplicationSort>;

export const APPLICATIONS_KEY = ['applications'] as const;
export const applicationKey = (id: string) => [...APPLICATIONS_KEY, 'detail', id] as const;

const DEFAULT_PAGE: ApplicationListParams = { page: 1, pageSize: 20, sort: 'updatedAt', order: 'desc' };

const toQuery = (f: ApplicationFilter, p: ApplicationListParams) => ({
  status: f.status?.length ? f.status.join(',') : undefined,
  cityId: f.cityId,
  provinceId: f.provinceId,
  batchId: f.batchId,
  mainField: f.mainField,
  operatorNature: f.operatorNature,
  q: f.q,
  minSimilarity: f.minSimilarity,
  published: f.published ? 'true' : undefined,
  ...p,
});

/** One page of the scoped list (the server decides the scope from the session). */
export const fetchApplications = (f: ApplicationFilter, p: ApplicationListParams = DEFAULT_PAGE) =>
  api.get<ApplicationPage>('/api/applications', toQuery(f, p));

/** One numbered page of the scoped list, with the total; the previous page stays shown while the next loads. */
export function useApplicationPage(f: ApplicationFilter, p: ApplicationListParams = DEFAULT_PAGE) {
  return useQuery({
    queryKey: [...APPLICATIONS_KEY, 'list', f, p],
    queryFn: () => fetchApplications(f, p),
    placeholderData: keepPreviousData,
  });
}

/** Every application of a filter, page after page (short lists: a dispatch's candidates). */
export function useAllApplicationPages(f: ApplicationFilter) {
  return useQuery({
    queryKey: [...APPLICATIONS_KEY, 'list', 'all', f],
    queryFn: async () => {
      const items: ApplicationListItem[] = [];
      for (let page = 1; ; page++) {
        const r = await fetchApplications(f, { ...DEFAULT_PAGE, page, pageSize: 100 });
        items.push(...r.items);
        if (r.items.length === 0 || items.length >= r.total) return items;
      }
    },
  });
}

/** Runs one action on many applications; the answer has a row per application (done, or refused and why). */
export function useBulkAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BulkActionRequest) => api.post<BulkActionResponse>('/api/applications/bulk-actions', body),
    onSettled: () => void qc.invalidateQueries({ queryKey: APPLICATIONS_KEY }),
  });
}

export const fetchApplication = (id: string) =>
  api.get<ApplicationDetail>(`/api/applications/${encodeURIComponent(id)}`);

export function useApplication(id: string | undefined) {
  return useQuery({ queryKey: applicationKey(id ?? ''), queryFn: () => fetchApplication(id!), enabled: !!id });
}

export const createApplication = (batchId: string) => api.post<ApplicationDetail>('/api/applications', { batchId });

/** A save's answer: `content` holds only the sections this save replaced (null: cleared). */
export interface SaveResult {
  id: string;
  version: number;
  updatedAt: string;
  content: Partial<ApplicationDetail['content']>;
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
