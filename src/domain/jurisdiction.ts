/**
 * The part of the organisation tree an administrator or officer oversees: the Ministry sees all,
 * a provincial-level org its province, a city bureau its city, anyone else only its own org.
 * Pure, so that the server's policies and the web app (which offers only what they allow) agree.
 */
export type Jurisdiction =
  | { level: 'nation' }
  | { level: 'province'; provinceId: string }
  | { level: 'city'; provinceId: string; cityId: string }
  | { level: 'org'; orgId: string };

/** Who acts, as far as the jurisdiction goes: the server's actor, or the web's session with its org. */
export interface OrgSubject {
  orgId: string;
  orgKind: string;
  provinceId: string | null;
  cityId: string | null;
}

export function jurisdictionOf(s: OrgSubject): Jurisdiction {
  switch (s.orgKind) {
    case 'ministry':
      return { level: 'nation' };
    case 'province':
    case 'province_dept':
    case 'acceptance_centre':
      return { level: 'province', provinceId: s.provinceId! };
    case 'city':
      return { level: 'city', provinceId: s.provinceId!, cityId: s.cityId! };
    default:
      return { level: 'org', orgId: s.orgId };
  }
}
