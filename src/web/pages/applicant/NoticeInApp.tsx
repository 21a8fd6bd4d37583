import { CurrentNotice } from '../public/NoticePage';
import '../public/public.css';

/** The batch notice inside the applicant's workbench frame. */
export function ApplicantNoticePage() {
  return <CurrentNotice apply={false} />;
}
