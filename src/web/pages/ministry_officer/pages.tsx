import type { RolePage } from '../../routes';
import { m } from '../../i18n';
import { ApplicationQueue } from '../review/ApplicationQueue';
import { DispatchDetailPage } from '../review/DispatchDetailPage';
import { DispatchListPage } from '../review/DispatchListPage';
import { ReviewDetailPage } from '../review/ReviewDetailPage';
import { ministryTabs } from '../review/tabs';
import { ministryPaths as p } from './paths';
import { PublicationPage } from './PublicationPage';

const roles = ['ministry_officer'] as const;
const t = m.review;

/** Routes of the Ministry (科技部) beyond the landing page. */
export const ministryPages: RolePage[] = [
  { path: p.publications, roles, element: <PublicationPage /> },
  {
    path: p.dispatches,
    roles,
    element: (
      <DispatchListPage
        title={t.dispatch.ministryIncomingTitle}
        subtitle={t.dispatch.ministryIncomingSubtitle}
        base={p.dispatches}
        level="province"
      />
    ),
  },
  { path: `${p.dispatches}/:id`, roles, element: <DispatchDetailPage base={p.dispatches} appBase={p.applications} /> },
  {
    path: p.applications,
    roles,
    element: (
      <ApplicationQueue
        title={t.ministry.title}
        subtitle={t.ministry.subtitle}
        tabs={ministryTabs}
        detailBase={p.applications}
        provinceFilter
        cityFilter
      />
    ),
  },
  {
    path: `${p.applications}/:id`,
    roles,
    element: (
      <ReviewDetailPage
        backTo={p.applications}
        slots={{ conflicts: true, commentLabels: { reject: t.ministry.rejectLabel } }}
      />
    ),
  },
];
