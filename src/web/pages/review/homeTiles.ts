import type { ApplicationStatus } from '../../../domain/workflow.js';
import { filterQuery, type Dashboard } from '../../api/dashboard';
import type { CountTile } from './StatusCounts';

/** A to-do tile for the applications in one status, linking to the role's queue filtered to them. */
export function statusTile(d: Dashboard, status: ApplicationStatus, label: string, listPath: string): CountTile {
  const s = d.byStatus.find((x) => x.status === status);
  const filter = s?.filter ?? { status: [status] };
  return { key: `todo-${status}`, label, count: s?.count ?? 0, to: `${listPath}?${filterQuery(filter)}`, todo: true };
}
