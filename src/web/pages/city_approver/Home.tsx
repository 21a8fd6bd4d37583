import { WorkbenchHome } from '../../components/WorkbenchHome';

/** Landing page of the city_approver role. */
export function CityApproverHome() {
  return <WorkbenchHome role="city_approver" />;
}
