import type { ApplicationStatus } from '../../../domain/workflow.js';

/** Tag colours by status: work to do (blue/orange), done well (green), ended badly (red). */
export function statusColor(status: string): string | undefined {
  switch (status as ApplicationStatus) {
    case 'draft':
      return 'blue';
    case 'returned':
    case 'correction_requested':
      return 'orange';
    case 'declined':
    case 'province_declined':
    case 'not_filed':
    case 'cancelled':
      return 'red';
    case 'withdrawn':
      return undefined;
    case 'filed':
      return 'green';
    default:
      return 'geekblue';
  }
}
