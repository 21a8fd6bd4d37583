import { WorkbenchHome } from '../../components/WorkbenchHome';

/** Landing page of the province_officer role. */
export function ProvinceOfficerHome() {
  return <WorkbenchHome role="province_officer" />;
}
