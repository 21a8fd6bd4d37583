import type { RolePage } from '../../routes';
import { m } from '../../i18n';
import { ApplicationQueue } from '../review/ApplicationQueue';
import { DispatchBuilderPage } from '../review/DispatchBuilderPage';
import { DispatchDetailPage } from '../review/DispatchDetailPage';
import { DispatchListPage } from '../review/DispatchListPage';
import { IntegrityGate } from '../review/IntegrityGate';
import { ReviewChecklistCard } from '../review/ReviewChecklistCard';
import { ReviewDetailPage, type ReviewDetailSlots } from '../review/ReviewDetailPage';
import { cityTabs } from '../review/tabs';
import { useDeadline } from '../review/useDeadline';
import { cityReviewerPaths as p } from './paths';
import { RegistrationsPage } from './RegistrationsPage';

const roles = ['city_reviewer'] as const;
const t = m.review;

/** The reviewer acknowledges the integrity rules, then works through the checklist and acts. */
const detailSlots: ReviewDetailSlots = {
  conflicts: true,
  before: (d) => (
    <>
      <IntegrityGate batchId={d.batchId} />
      <ReviewChecklistCard applicationId={d.id} />
    </>
  ),
};

function Dispatches() {
  const deadline = useDeadline('city');
  return (
    <DispatchListPage
      title={t.dispatch.listTitle}
      subtitle={t.dispatch.listSubtitle}
      base={p.dispatches}
      level="city"
      deadline={deadline}
    />
  );
}

/** Routes of the city reviewer (市科技局经办人) beyond the landing page. */
export const cityReviewerPages: RolePage[] = [
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
  { path: p.registrations, roles, element: <RegistrationsPage /> },
  { path: p.dispatches, roles, element: <Dispatches /> },
  { path: `${p.dispatches}/new`, roles, element: <DispatchBuilderPage level="city" base={p.dispatches} /> },
  { path: `${p.dispatches}/:id`, roles, element: <DispatchDetailPage base={p.dispatches} appBase={p.applications} /> },
  { path: `${p.dispatches}/:id/edit`, roles, element: <DispatchBuilderPage level="city" base={p.dispatches} /> },
];
