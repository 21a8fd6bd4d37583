import { Flex } from 'antd';
import { useDashboard } from '../../api/dashboard';
import { Countdown } from '../../components/Countdown';
import { WorkbenchHome } from '../../components/WorkbenchHome';
import { m } from '../../i18n';
import { statusTile } from '../review/homeTiles';
import { StatusCounts } from '../review/StatusCounts';
import { useDeadline } from '../review/useDeadline';
import { provincePaths as p } from './paths';
import { ProvinceDashboard } from './ProvinceDashboard';
import { SimilarityPairsCard } from './SimilarityPairsCard';

const t = m.review.home;

/** Landing page of the province department: to-dos, counts, and the province's picture by city. */
export function ProvinceOfficerHome() {
  const dashboard = useDashboard();
  const deadline = useDeadline('province');
  const province = dashboard.data?.province;
  return (
    <WorkbenchHome role="province_officer">
      <Flex vertical gap={16}>
        {deadline ? <Countdown deadline={deadline} label={m.review.dispatch.deadline} /> : null}
        <StatusCounts
          dashboard={dashboard}
          listPath={p.applications}
          extra={(d) => [
            statusTile(d, 'accepted', t.toAssess, p.applications),
            { ...statusTile(d, 'province_recommended', t.toMinistry, p.applications), to: p.dispatches },
          ]}
        />
        {province ? <ProvinceDashboard p={province} /> : null}
        <SimilarityPairsCard applicationPath={(id) => `${p.applications}/${id}`} />
      </Flex>
    </WorkbenchHome>
  );
}
