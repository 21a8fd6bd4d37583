import type { Conflict, CreditRecord } from '../../domain/schemas/integrity.js';
import type { ConflictRow } from '../repositories/conflicts.js';
import type { CreditRecordRow } from '../repositories/creditRecords.js';

export const presentConflict = (c: ConflictRow): Conflict => ({
  id: c.id,
  unitId: c.unit_id,
  unitName: c.unit_name,
  uscc: c.unit_uscc,
  reason: c.reason,
  declaredAt: c.declared_at,
});

/** Active at `now`: started and not (yet) ended. */
export const isCreditActive = (r: { valid_from: string; valid_to: string | null }, now: Date): boolean =>
  new Date(r.valid_from).getTime() <= now.getTime() && (!r.valid_to || new Date(r.valid_to).getTime() > now.getTime());

export const presentCreditRecord = (r: CreditRecordRow, now: Date): CreditRecord => ({
  id: r.id,
  uscc: r.uscc,
  unitName: r.unit_name,
  unitId: r.unit_id,
  applicationId: r.application_id,
  applicationNumber: r.application_number ?? null,
  reason: r.reason,
  source: r.source,
  recordedByOrgId: r.recorded_by_org_id,
  recordedByOrgName: r.recorded_by_org_name ?? null,
  provinceId: r.province_id,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  active: isCreditActive(r, now),
  endReason: r.end_reason,
  endedAt: r.ended_at,
  createdAt: r.created_at,
});
