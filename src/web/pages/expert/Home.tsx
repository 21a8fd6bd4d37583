import { WorkbenchHome } from '../../components/WorkbenchHome';

/** Landing page of the expert role. */
export function ExpertHome() {
  return <WorkbenchHome role="expert" />;
}
