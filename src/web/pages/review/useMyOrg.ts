import type { OrgKind } from '../../../domain/roles.js';
import { useOrgs } from '../../api/orgs';
import type { Org } from '../../api/types';
import { useCurrentUser } from '../../auth/useSession';

/** The user's own organisation from the reference list (the session names it, the list has its province). */
export function useMyOrg(): Org | undefined {
  const user = useCurrentUser();
  const orgs = useOrgs({ kind: user.orgKind as OrgKind });
  return orgs.data?.find((o) => o.id === user.orgId);
}

/** The cities the user oversees: the province's for provincial users, every city for the Ministry. */
export function useMyCities(): Org[] {
  const me = useMyOrg();
  const cities = useOrgs({ kind: 'city' });
  const provinceId = me?.kind === 'province' ? me.id : me?.provinceId;
  const all = cities.data ?? [];
  return me?.kind === 'ministry' ? all : all.filter((c) => c.provinceId === provinceId);
}
