import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  SimilarityFigures,
  SimilarityPair,
  SimilarityPairSort,
  SimilarityReport,
} from '../../domain/schemas/similarity.js';
import type { ListParams } from '../components/useListParams';
import { api } from './client';

export type { SimilarityPair, SimilarityReport };

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

/**
 * The 复制比 of the listed applications (those whose report the viewer may read). The key is the set
 * of ids, not their order: a list re-sorted or refreshed asks again only when it holds other rows, and
 * while it asks, the figures already known stay shown (a row never flips to "none" and back).
 */
export function useSimilarityFigures(ids: readonly string[]) {
  const set = [...new Set(ids)].sort();
  return useQuery({
    queryKey: ['similarity-figures', ...set],
    queryFn: () =>
      api
        .get<{ figures: SimilarityFigures[] }>('/api/similarity-figures', { ids: set.join(',') })
        .then((r) => new Map(r.figures.map((f) => [f.applicationId, f]))),
    enabled: set.length > 0 && set.length <= 100,
    placeholderData: keepPreviousData,
  });
}

/** One page of the pairs of a batch whose single-source 复制比 reaches the batch's threshold (province, Ministry). */
export function useSimilarityPairs(
  batchId: string | undefined,
  filter: { q?: string } & ListParams<SimilarityPairSort>,
) {
  return useQuery({
    queryKey: ['similarity-pairs', batchId ?? '', filter],
    queryFn: () =>
      api.get<{ threshold: number; pairs: SimilarityPair[]; total: number; page: number; pageSize: number }>(
        `/api/batches/${encodeURIComponent(batchId!)}/similarity-pairs`,
        { ...filter },
      ),
    enabled: !!batchId,
    placeholderData: keepPreviousData,
  });
}
