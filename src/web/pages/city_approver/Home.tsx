import { Flex } from 'antd';
import { useDashboard } from '../../api/dashboard';
import { useDispatches } from '../../api/dispatches';
import { Countdown } from '../../components/Countdown';
import { WorkbenchHome } from '../../components/WorkbenchHome';
import { m } from '../../i18n';
import { StatusCounts } from '../review/StatusCounts';
import { useDeadline } from '../review/useDeadline';
import { cityApproverPaths as p } from './paths';

const t = m.review.home;

/** Landing page of the city approver: drafts waiting to be signed and sent, the deadline, counts. */
export function CityApproverHome() {
  const dashboard = useDashboard();
  const drafts = useDispatches({ level: 'city', status: 'draft', page: 1, pageSize: 1 });
  const deadline = useDeadline('city');
  return (
    <WorkbenchHome role="city_approver">
      <Flex vertical gap={16}>
        {deadline ? <Countdown deadline={deadline} label={m.review.dispatch.deadline} /> : null}
        <StatusCounts
          dashboard={dashboard}
          listPath={p.applications}
          extra={() => [
            {
              key: 'drafts',
              label: t.toSign,
              count: drafts.data?.total ?? 0,
              to: `${p.dispatches}?status=draft`,
              todo: true,
            },
          ]}
        />
      </Flex>
    </WorkbenchHome>
  );
}
