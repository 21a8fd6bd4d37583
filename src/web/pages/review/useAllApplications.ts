import { useEffect, useMemo } from 'react';
import type { ApplicationStatus } from '../../../domain/workflow.js';
import { useApplicationList, type ApplicationListItem } from '../../api/applications';

/** Every application in some statuses, following the cursor to the end (lists for ranking are short). */
export function useAllApplications(status: ApplicationStatus[]) {
  const list = useApplicationList({ status, limit: 100 });
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const items = useMemo<ApplicationListItem[]>(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  return { items, loading: list.isPending || hasNextPage, error: list.error, refetch: list.refetch };
}
