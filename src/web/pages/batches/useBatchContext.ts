import { useOrgs } from '../../api/orgs';
import { useCurrentUser } from '../../auth/useSession';
import { useMyOrg } from '../review/useMyOrg';

/** The user, the user's organisation and the organisations the cascade table names. */
export function useBatchContext() {
  const user = useCurrentUser();
  const me = useMyOrg();
  const provinces = useOrgs({ kind: 'province' });
  const cities = useOrgs({ kind: 'city' });
  return { user, me, provinces: provinces.data ?? [], cities: cities.data ?? [] };
}
