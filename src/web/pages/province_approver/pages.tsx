import { Flex } from 'antd';
import type { RolePage } from '../../routes';
import { useDispatches } from '../../api/dispatches';
import { Countdown } from '../../components/Countdown';
import { CountTiles } from '../review/StatusCounts';
import { WorkbenchHome } from '../../components/WorkbenchHome';
import { m } from '../../i18n';
import { DispatchDetailPage } from '../review/DispatchDetailPage';
import { DispatchListPage } from '../review/DispatchListPage';
import { useDeadline } from '../review/useDeadline';
import { provinceApproverPaths as p } from './paths';

const roles = ['province_approver'] as const;
const t = m.process.leader;

/** Landing page of the province approver (分管领导): lists waiting for signature and the deadline. */
export function ProvinceApproverHome() {
  const drafts = useDispatches({ level: 'province', status: 'draft', page: 1, pageSize: 1 });
  const deadline = useDeadline('province');
  return (
    <WorkbenchHome role="province_approver">
      <Flex vertical gap={16}>
        {deadline ? <Countdown deadline={deadline} label={m.review.dispatch.deadline} /> : null}
        <CountTiles
          tiles={[
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

function Dispatches() {
  const deadline = useDeadline('province');
  return (
    <DispatchListPage
      title={t.listTitle}
      subtitle={t.listSubtitle}
      base={p.dispatches}
      level="province"
      deadline={deadline}
    />
  );
}

/** Routes of the province approver (省科技厅分管领导). */
export const provinceApproverPages: RolePage[] = [
  { path: p.home, roles, element: <ProvinceApproverHome /> },
  { path: p.dispatches, roles, element: <Dispatches /> },
  { path: `${p.dispatches}/:id`, roles, element: <DispatchDetailPage base={p.dispatches} /> },
];
