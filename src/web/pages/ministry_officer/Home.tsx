import { useDashboard } from '../../api/dashboard';
import { WorkbenchHome } from '../../components/WorkbenchHome';
import { m } from '../../i18n';
import { statusTile } from '../review/homeTiles';
import { StatusCounts } from '../review/StatusCounts';
import { Flex } from 'antd';
import { MinistryProgress } from './MinistryProgress';
import { ministryPaths as p } from './paths';

const t = m.review.home;

/** Landing page of the Ministry: provincial lists to receive, applications to file, counts, progress by province. */
export function MinistryOfficerHome() {
  const dashboard = useDashboard();
  return (
    <WorkbenchHome role="ministry_officer">
      <Flex vertical gap={16}>
        <StatusCounts
          dashboard={dashboard}
          listPath={p.applications}
          extra={(d) => [
            {
              key: 'receive',
              label: t.toReceiveProvince,
              count: d.dispatchesToReceive ?? 0,
              to: `${p.dispatches}?status=sent`,
              todo: true,
            },
            statusTile(d, 'dispatched_to_ministry', t.toFile, p.applications),
          ]}
        />
        <MinistryProgress />
      </Flex>
    </WorkbenchHome>
  );
}
