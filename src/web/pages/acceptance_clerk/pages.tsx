import { Typography } from 'antd';
import type { RolePage } from '../../routes';
import { m } from '../../i18n';
import { ApplicationQueue } from '../review/ApplicationQueue';
import { DispatchDetailPage } from '../review/DispatchDetailPage';
import { DispatchListPage } from '../review/DispatchListPage';
import { PaperCopyPanel } from '../review/PaperCopyPanel';
import { ReviewChecklistCard } from '../review/ReviewChecklistCard';
import { ReviewDetailPage } from '../review/ReviewDetailPage';
import { acceptanceTabs } from '../review/tabs';
import { acceptancePaths as p } from './paths';
import { ScanPaperCopiesPage } from './ScanPaperCopiesPage';

const roles = ['acceptance_clerk'] as const;
const t = m.review;

/** Routes of the acceptance centre (省受理中心) beyond the landing page. */
export const acceptancePages: RolePage[] = [
  { path: p.scan, roles, element: <ScanPaperCopiesPage appBase={p.applications} /> },
  {
    path: p.dispatches,
    roles,
    element: (
      <DispatchListPage
        title={t.dispatch.incomingTitle}
        subtitle={t.dispatch.incomingSubtitle}
        base={p.dispatches}
        level="city"
      />
    ),
  },
  {
    path: `${p.dispatches}/:id`,
    roles,
    element: <DispatchDetailPage base={p.dispatches} appBase={p.applications} paperCopies />,
  },
  {
    path: p.applications,
    roles,
    element: (
      <ApplicationQueue
        title={t.acceptance.title}
        subtitle={t.acceptance.subtitle}
        tabs={acceptanceTabs}
        detailBase={p.applications}
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
        slots={{
          conflicts: true,
          before: (d) => (
            <>
              <ReviewChecklistCard applicationId={d.id} level="acceptance" />
              <PaperCopyPanel applicationId={d.id} canRegister={d.status === 'dispatched_to_province'} />
            </>
          ),
          actionFooter: (d) =>
            d.status === 'dispatched_to_province' && !d.allowedActions.includes('accept') ? (
              <Typography.Text type="secondary">{t.acceptance.acceptHint}</Typography.Text>
            ) : null,
          commentLabels: { request_correction: t.acceptance.correctionLabel },
        }}
      />
    ),
  },
];
