import { WorkbenchHome } from '../../components/WorkbenchHome';

/** Landing page of the city_reviewer role. */
export function CityReviewerHome() {
  return <WorkbenchHome role="city_reviewer" />;
}
