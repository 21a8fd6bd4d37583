import { WorkbenchHome } from '../../components/WorkbenchHome';

/** Landing page of the applicant role. */
export function ApplicantHome() {
  return <WorkbenchHome role="applicant" />;
}
