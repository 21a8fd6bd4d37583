import { Flex } from 'antd';
import { useDashboard } from '../../api/dashboard';
import { Countdown } from '../../components/Countdown';
import { WorkbenchHome } from '../../components/WorkbenchHome';
import { m } from '../../i18n';
import { statusTile } from '../review/homeTiles';
import { IntegrityGate } from '../review/IntegrityGate';
import { StatusCounts } from '../review/StatusCounts';
import { useDeadline, useOpenBatches } from '../review/useDeadline';
import { cityReviewerPaths as p } from './paths';

const t = m.review.home;

/** Landing page of the city reviewer: integrity acknowledgement, to-dos, counts by status, the deadline. */
export function CityReviewerHome() {
  const dashboard = useDashboard();
  const batches = useOpenBatches();
  const deadline = useDeadline('city');
  const batchId = batches.data?.[0]?.id;
  return (
    <WorkbenchHome role="city_reviewer">
      <Flex vertical gap={16}>
        {batchId ? <IntegrityGate batchId={batchId} /> : null}
        {deadline ? <Countdown deadline={deadline} label={m.review.dispatch.deadline} /> : null}
        <StatusCounts
          dashboard={dashboard}
          listPath={p.applications}
          extra={(d) => [
            statusTile(d, 'submitted', t.toReview, p.applications),
            statusTile(d, 'correction_requested', t.toCorrect, p.applications),
            { ...statusTile(d, 'recommended', t.toDispatch, p.applications), to: p.dispatches },
            {
              key: 'registrations',
              label: t.toRegister,
              count: d.pendingRegistrations ?? 0,
              to: p.registrations,
              todo: true,
            },
          ]}
        />
      </Flex>
    </WorkbenchHome>
  );
}
