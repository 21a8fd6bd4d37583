import { useQuery } from '@tanstack/react-query';
import type { SimilarityReport } from '../../domain/schemas/similarity.js';
import { api } from './client';

export type { SimilarityReport };

/** An application's 查重 report; polled every few seconds while it is still pending. */
export function useSimilarityReport(applicationId: string) {
  return useQuery({
    queryKey: ['similarity', applicationId],
    queryFn: () =>
      api
        .get<{ report: SimilarityReport }>(`/api/applications/${encodeURIComponent(applicationId)}/similarity`)
        .then((r) => r.report),
    refetchInterval: (q) => (q.state.data?.status === 'pending' ? 3000 : false),
  });
}
