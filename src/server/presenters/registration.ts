import type { Registration, RegistrationStatus } from '../../domain/schemas/registrations.js';
import type { RegistrationRow } from '../repositories/registrations.js';

/** A registration as the city reviewer sees it; the password hash never leaves the server. */
export const presentRegistration = (r: RegistrationRow): Registration => ({
  id: r.id,
  unitName: r.unit_name,
  uscc: r.uscc,
  cityOrgId: r.city_id,
  cityName: r.city_name ?? null,
  contactName: r.contact_name,
  mobile: r.mobile,
  email: r.email,
  username: r.username,
  legalRepresentative: r.legal_representative ?? null,
  address: r.address ?? null,
  licence:
    r.licence_sha256 && r.licence_mime && r.licence_name
      ? { fileName: r.licence_name, mime: r.licence_mime, size: Number(r.licence_size ?? 0) }
      : null,
  status: r.status as RegistrationStatus,
  comment: r.comment,
  decidedAt: r.decided_at,
  orgId: r.org_id,
  userId: r.user_id,
  createdAt: r.created_at,
  version: Number(r.version),
});
