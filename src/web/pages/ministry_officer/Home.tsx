import { WorkbenchHome } from '../../components/WorkbenchHome';

/** Landing page of the ministry_officer role. */
export function MinistryOfficerHome() {
  return <WorkbenchHome role="ministry_officer" />;
}
