import type { RolePage } from '../../routes';
import { m } from '../../i18n';
import { ApplicationQueue } from '../review/ApplicationQueue';
import { DispatchBuilderPage } from '../review/DispatchBuilderPage';
import { DispatchDetailPage } from '../review/DispatchDetailPage';
import { DispatchListPage } from '../review/DispatchListPage';
import { ExpertAssignmentCard } from '../review/ExpertAssignmentCard';
import { FieldVisitsPanel } from '../review/FieldVisitsPanel';
import { ReviewChecklistCard } from '../review/ReviewChecklistCard';
import { ReviewDetailPage, type ReviewDetailSlots } from '../review/ReviewDetailPage';
import { ScoresTable } from '../review/ScoresTable';
import { provinceTabs } from '../review/tabs';
import { useDeadline } from '../review/useDeadline';
import { CreditRecordsPage } from './CreditRecordsPage';
import { provincePaths as p } from './paths';
import { RankingPage } from './RankingPage';
import { ReviewConfigPage } from './ReviewConfigPage';

const roles = ['province_officer'] as const;
const t = m.review;

/** The province assesses: experts and their scores, field visits, the city's checklist, then decides. */
const detailSlots: ReviewDetailSlots = {
  conflicts: true,
  before: (d) => (
    <>
      <ExpertAssignmentCard applicationId={d.id} canAssign={d.assessmentActions.includes('assign_experts')} />
      <ReviewChecklistCard applicationId={d.id} />
    </>
  ),
  extraTabs: (d) => [
    { key: 'scores', label: t.scores.tab, children: <ScoresTable applicationId={d.id} /> },
    {
      key: 'visits',
      label: t.visits.tab,
      children: <FieldVisitsPanel applicationId={d.id} />,
    },
  ],
};

function Dispatches() {
  const deadline = useDeadline('province');
  return (
    <DispatchListPage
      title={t.dispatch.provinceListTitle}
      subtitle={t.dispatch.provinceListSubtitle}
      base={p.dispatches}
      level="province"
      deadline={deadline}
    />
  );
}

/** Routes of the province department (省科技厅) beyond the landing page. */
export const provincePages: RolePage[] = [
  {
    path: p.applications,
    roles,
    element: (
      <ApplicationQueue
        title={t.province.title}
        subtitle={t.province.subtitle}
        tabs={provinceTabs}
        detailBase={p.applications}
        cityFilter
      />
    ),
  },
  {
    path: `${p.applications}/:id`,
    roles,
    element: <ReviewDetailPage backTo={p.applications} slots={detailSlots} />,
  },
  { path: p.dispatches, roles, element: <Dispatches /> },
  { path: `${p.dispatches}/new`, roles, element: <DispatchBuilderPage level="province" base={p.dispatches} /> },
  { path: `${p.dispatches}/:id`, roles, element: <DispatchDetailPage base={p.dispatches} appBase={p.applications} /> },
  { path: `${p.dispatches}/:id/edit`, roles, element: <DispatchBuilderPage level="province" base={p.dispatches} /> },
  {
    path: p.cityDispatches,
    roles,
    element: (
      <DispatchListPage
        title={t.dispatch.cityIncomingTitle}
        subtitle={t.dispatch.cityIncomingSubtitle}
        base={p.cityDispatches}
        level="city"
      />
    ),
  },
  {
    path: `${p.cityDispatches}/:id`,
    roles,
    element: <DispatchDetailPage base={p.cityDispatches} appBase={p.applications} />,
  },
  { path: p.credit, roles, element: <CreditRecordsPage /> },
  { path: p.ranking, roles, element: <RankingPage /> },
  { path: p.config, roles, element: <ReviewConfigPage /> },
];
