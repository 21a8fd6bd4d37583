import { Card, Skeleton } from 'antd';
import { assignmentStatusLabels } from '../../../domain/schemas/experts.js';
import { useDashboard } from '../../api/dashboard';
import { WorkbenchHome } from '../../components/WorkbenchHome';
import { m } from '../../i18n';
import { CountTiles } from '../review/StatusCounts';
import { ExpertFieldsCard } from './ExpertFieldsCard';
import { expertPaths as p } from './paths';

/** Landing page of the expert: review tasks by status. */
export function ExpertHome() {
  const dashboard = useDashboard();
  const a = dashboard.data?.assignments;
  return (
    <WorkbenchHome role="expert">
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{m.review.home.tasks}</h2>}>
        {a ? (
          <CountTiles
            tiles={(['assigned', 'submitted', 'withdrawn'] as const).map((s) => ({
              key: s,
              label: assignmentStatusLabels[s],
              count: a[s],
              to: `${p.assignments}?status=${s}`,
              todo: s === 'assigned',
            }))}
          />
        ) : (
          <Skeleton active />
        )}
      </Card>
      <ExpertFieldsCard />
    </WorkbenchHome>
  );
}
