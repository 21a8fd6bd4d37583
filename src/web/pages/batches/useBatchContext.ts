import { useMemo } from 'react';
import { useOrgs } from '../../api/orgs';
import { useCurrentUser } from '../../auth/useSession';
import { useMyOrg } from '../review/useMyOrg';
import { batchPermissions } from './permissions';

/** The user's permissions on batches and the organisations the cascade table names. */
export function useBatchContext() {
  const user = useCurrentUser();
  const me = useMyOrg();
  const provinces = useOrgs({ kind: 'province' });
  const cities = useOrgs({ kind: 'city' });
  const perms = useMemo(() => batchPermissions(user, me), [user, me]);
  return { user, me, perms, provinces: provinces.data ?? [], cities: cities.data ?? [] };
}
