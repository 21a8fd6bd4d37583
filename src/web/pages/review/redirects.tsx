import { Navigate, useParams } from 'react-router-dom';
import { WORKFLOW_ROLES, type Role } from '../../../domain/roles.js';
import { useDispatch } from '../../api/dispatches';
import { useCurrentUser } from '../../auth/useSession';
import { FullPageSpin } from '../../components/FullPageSpin';
import { LoadFailed } from '../../components/LoadFailed';
import { ROLE_HOME } from '../../navigation';

/** Where each role reads an application. */
const APPLICATION_BASE: Partial<Record<Role, string>> = {
  applicant: `${ROLE_HOME.applicant}/applications`,
  city_reviewer: `${ROLE_HOME.city_reviewer}/applications`,
  city_approver: `${ROLE_HOME.city_approver}/applications`,
  acceptance_clerk: `${ROLE_HOME.acceptance_clerk}/applications`,
  province_officer: `${ROLE_HOME.province_officer}/applications`,
  ministry_officer: `${ROLE_HOME.ministry_officer}/applications`,
};

/** The link in a notification (/applications/{id}) opens the user's own page for it. */
function ApplicationLink() {
  const { id = '' } = useParams<{ id: string }>();
  const user = useCurrentUser();
  const role = user.roles.find((r) => APPLICATION_BASE[r]);
  return <Navigate replace to={role ? `${APPLICATION_BASE[role]}/${id}` : '/'} />;
}

/** The link in a notification (/dispatches/{id}) opens the user's own page for the dispatch. */
function DispatchLink() {
  const { id } = useParams<{ id: string }>();
  const user = useCurrentUser();
  const dispatch = useDispatch(id);
  if (dispatch.isError) return <LoadFailed error={dispatch.error} />;
  if (!dispatch.data) return <FullPageSpin />;
  const city = dispatch.data.level === 'city';
  const has = (r: Role) => user.roles.includes(r);
  const base = has('city_approver')
    ? `${ROLE_HOME.city_approver}/dispatches`
    : has('city_reviewer')
      ? `${ROLE_HOME.city_reviewer}/dispatches`
      : has('acceptance_clerk') && city
        ? `${ROLE_HOME.acceptance_clerk}/dispatches`
        : has('province_officer')
          ? `${ROLE_HOME.province_officer}/${city ? 'city-dispatches' : 'dispatches'}`
          : has('province_approver') && !city
            ? `${ROLE_HOME.province_approver}/dispatches`
            : has('ministry_officer')
              ? `${ROLE_HOME.ministry_officer}/dispatches`
              : null;
  return <Navigate replace to={base ? `${base}/${dispatch.data.id}` : '/'} />;
}

/** Role-neutral addresses that notifications and e-mails link to. */
export const linkRedirects = [
  { path: '/applications/:id', roles: WORKFLOW_ROLES, element: <ApplicationLink /> },
  { path: '/dispatches/:id', roles: WORKFLOW_ROLES, element: <DispatchLink /> },
];
