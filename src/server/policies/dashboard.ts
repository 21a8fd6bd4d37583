import type { Actor } from '../context.js';
import { hasRole } from './common.js';

/** Which sections the actor's landing page holds beyond the counts of its application list, and for whom. */
export interface DashboardSections {
  /** A city reviewer: the pending unit registrations of its city. */
  registrationsOfCity?: string;
  /** Dispatches waiting to be received: the acceptance centre the province's city dispatches, the Ministry the province dispatches. */
  dispatchesToReceive?: { level: 'city' | 'province'; provinceId: string | null };
  /** An expert: its own assignments, by status. */
  assignmentsOf?: string;
  /** The province section (funnel, fields, natures): the province officer's own; the Ministry the province it names. */
  provinceId?: string;
}

/** The sections of the actor's dashboard; `requestedProvinceId` is heard from the Ministry only. */
export function dashboardSections(actor: Actor, requestedProvinceId?: string): DashboardSections {
  const out: DashboardSections = {};
  if (hasRole(actor, 'city_reviewer') && actor.orgKind === 'city' && actor.cityId)
    out.registrationsOfCity = actor.cityId;
  if (hasRole(actor, 'acceptance_clerk') && actor.provinceId)
    out.dispatchesToReceive = { level: 'city', provinceId: actor.provinceId };
  else if (hasRole(actor, 'ministry_officer')) out.dispatchesToReceive = { level: 'province', provinceId: null };
  if (hasRole(actor, 'expert')) out.assignmentsOf = actor.userId;
  const provinceId =
    hasRole(actor, 'province_officer') && actor.provinceId
      ? actor.provinceId
      : hasRole(actor, 'ministry_officer')
        ? requestedProvinceId
        : undefined;
  if (provinceId) out.provinceId = provinceId;
  return out;
}
