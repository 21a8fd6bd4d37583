import { useDashboard } from '../../api/dashboard';
import { WorkbenchHome } from '../../components/WorkbenchHome';
import { m } from '../../i18n';
import { statusTile } from '../review/homeTiles';
import { StatusCounts } from '../review/StatusCounts';
import { acceptancePaths as p } from './paths';

const t = m.review.home;

/** Landing page of the acceptance centre: packages to receive, applications to check, counts. */
export function AcceptanceClerkHome() {
  const dashboard = useDashboard();
  return (
    <WorkbenchHome role="acceptance_clerk">
      <StatusCounts
        dashboard={dashboard}
        listPath={p.applications}
        extra={(d) => [
          {
            key: 'receive',
            label: t.toReceive,
            count: d.dispatchesToReceive ?? 0,
            to: `${p.dispatches}?status=sent`,
            todo: true,
          },
          statusTile(d, 'dispatched_to_province', t.toAccept, p.applications),
        ]}
      />
    </WorkbenchHome>
  );
}
