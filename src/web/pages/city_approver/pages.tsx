import type { RolePage } from '../../routes';
import { m } from '../../i18n';
import { ApplicationQueue } from '../review/ApplicationQueue';
import { DispatchDetailPage } from '../review/DispatchDetailPage';
import { DispatchListPage } from '../review/DispatchListPage';
import { ReviewChecklistCard } from '../review/ReviewChecklistCard';
import { ReviewDetailPage, type ReviewDetailSlots } from '../review/ReviewDetailPage';
import { cityTabs } from '../review/tabs';
import { useDeadline } from '../review/useDeadline';
import { cityApproverPaths as p } from './paths';

const roles = ['city_approver'] as const;
const t = m.review;

/** The approver reads the reviewer's checklist (read-only). */
const detailSlots: ReviewDetailSlots = {
  conflicts: true,
  before: (d) => <ReviewChecklistCard applicationId={d.id} />,
};

function Dispatches() {
  const deadline = useDeadline('city');
  return (
    <DispatchListPage
      title={t.dispatch.approveTitle}
      subtitle={t.dispatch.approveSubtitle}
      base={p.dispatches}
      level="city"
      deadline={deadline}
    />
  );
}

/** Routes of the city approver (市科技局审核人) beyond the landing page. */
export const cityApproverPages: RolePage[] = [
  { path: p.dispatches, roles, element: <Dispatches /> },
  { path: `${p.dispatches}/:id`, roles, element: <DispatchDetailPage base={p.dispatches} appBase={p.applications} /> },
  {
    path: p.applications,
    roles,
    element: (
      <ApplicationQueue title={t.queue.title} subtitle={t.queue.subtitle} tabs={cityTabs} detailBase={p.applications} />
    ),
  },
  {
    path: `${p.applications}/:id`,
    roles,
    element: <ReviewDetailPage backTo={p.applications} slots={detailSlots} />,
  },
];
