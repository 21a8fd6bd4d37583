import { WorkbenchHome } from '../../components/WorkbenchHome';

/** Landing page of the acceptance_clerk role. */
export function AcceptanceClerkHome() {
  return <WorkbenchHome role="acceptance_clerk" />;
}
