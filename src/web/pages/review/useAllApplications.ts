import type { ApplicationStatus } from '../../../domain/workflow.js';
import { useAllApplicationPages } from '../../api/applications';

/** Every application in some statuses, page after page (lists for ranking are short). */
export function useAllApplications(status: ApplicationStatus[]) {
  const list = useAllApplicationPages({ status });
  return { items: list.data ?? [], loading: list.isPending, error: list.error, refetch: list.refetch };
}
