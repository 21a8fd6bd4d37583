import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role } from '../../domain/roles.js';
import type {
  AccountAction,
  AccountSort,
  CreateAccountRequest,
  UpdateAccountRequest,
} from '../../domain/schemas/accounts.js';
import type { SortOrder } from '../../domain/schemas/pagination.js';
import { api } from './client';
import type { AccountList, AccountStatus, AccountWithPassword } from './types';

export interface AccountFilter {
  q?: string;
  role?: Role;
  orgId?: string;
  status?: AccountStatus;
  page: number;
  pageSize: number;
  sort?: AccountSort;
  order?: SortOrder;
}

export type { AccountAction };

const KEY = ['accounts'] as const;

export function useAccounts(filter: AccountFilter) {
  return useQuery({
    queryKey: [...KEY, filter],
    queryFn: () => api.get<AccountList>('/api/accounts', { ...filter }),
    placeholderData: keepPreviousData,
  });
}

/** Every account mutation refreshes the list afterwards. */
function useAccountMutation<V>(fn: (vars: V) => Promise<AccountWithPassword>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export const useCreateAccount = () =>
  useAccountMutation((body: CreateAccountRequest) => api.post<AccountWithPassword>('/api/accounts', body));

export const useUpdateAccount = () =>
  useAccountMutation(({ id, ...body }: UpdateAccountRequest & { id: string }) =>
    api.patch<AccountWithPassword>(`/api/accounts/${encodeURIComponent(id)}`, body),
  );

export const useSetRoles = () =>
  useAccountMutation(({ id, roles }: { id: string; roles: Role[] }) =>
    api.put<AccountWithPassword>(`/api/accounts/${encodeURIComponent(id)}/roles`, { roles }),
  );

export const useAccountAction = () =>
  useAccountMutation(({ id, action }: { id: string; action: AccountAction }) =>
    api.post<AccountWithPassword>(`/api/accounts/${encodeURIComponent(id)}/actions/${action}`),
  );
