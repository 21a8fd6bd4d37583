import type { DispatchLevel } from '../../../domain/workflow.js';
import { useOrgs } from '../../api/orgs';
import { useCurrentUser } from '../../auth/useSession';
import { useMyOrg } from './useMyOrg';

/** Who the 推荐函 is addressed to and signed by: city → its province; province → the Ministry. */
export function useLetterParties(level: DispatchLevel): { to: string; from: string } {
  const user = useCurrentUser();
  const me = useMyOrg();
  const provinces = useOrgs({ kind: 'province' });
  const ministries = useOrgs({ kind: 'ministry' });
  const provinceId = me?.kind === 'province' ? me.id : me?.provinceId;
  const province = provinces.data?.find((p) => p.id === provinceId);
  const ministry = ministries.data?.[0];
  if (level === 'city') return { to: province?.name ?? '', from: user.orgName };
  return { to: ministry?.name ?? '', from: province?.name ?? user.orgName };
}
