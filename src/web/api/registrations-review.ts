import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Registration,
  RegistrationDecision,
  registrationListResponse,
  RegistrationSort,
  RegistrationStatus,
} from '../../domain/schemas/registrations.js';
import type { SortOrder } from '../../domain/schemas/pagination.js';
import { api } from './client';

/** The city bureau's side of unit registration: the pending list and the decision. */
export type { Registration };
export type RegistrationList = z.infer<typeof registrationListResponse>;

export interface RegistrationFilter {
  status: RegistrationStatus | 'all';
  q?: string;
  page: number;
  pageSize: number;
  sort?: RegistrationSort;
  order?: SortOrder;
}

const KEY = ['registrations'] as const;

export function useRegistrations(filter: RegistrationFilter) {
  return useQuery({
    queryKey: [...KEY, filter],
    queryFn: () => api.get<RegistrationList>('/api/registrations', { ...filter }),
    placeholderData: keepPreviousData,
  });
}

export function useDecideRegistration() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, comment }: { id: string; action: RegistrationDecision; comment?: string }) =>
      api.post<{ registration: Registration }>(
        `/api/registrations/${encodeURIComponent(id)}/actions/${action}`,
        comment ? { comment } : {},
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

/** The Excel export of the list as filtered (fetched by DownloadButton with the session cookie). */
export function registrationsExportUrl(filter: Pick<RegistrationFilter, 'status' | 'q'>): string {
  const qs = new URLSearchParams({ status: filter.status });
  if (filter.q) qs.set('q', filter.q);
  return `/api/registrations/export.xlsx?${qs.toString()}`;
}

/** The licence of a registration, inline (an <img> or a new tab, with the session cookie). */
export const registrationLicenceUrl = (id: string) =>
  `/api/registrations/${encodeURIComponent(id)}/licence?disposition=inline`;
