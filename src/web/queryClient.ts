import { QueryClient } from '@tanstack/react-query';
import { isApiError } from './api/client';

/** Retries only what may succeed the second time: network failures and server errors. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, error) => count < 2 && (!isApiError(error) || error.status === 0 || error.status >= 500),
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
    mutations: { retry: false },
  },
});
