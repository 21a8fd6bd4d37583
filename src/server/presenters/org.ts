import type { Org } from '../../domain/schemas/orgs.js';
import type { OrgKind } from '../../domain/roles.js';
import type { OrgTable } from '../db/schema.js';

export const presentOrg = (o: OrgTable): Org => ({
  id: o.id,
  name: o.name,
  shortName: o.short_name,
  kind: o.kind as OrgKind,
  regionCode: o.region_code,
  parentId: o.parent_id,
  provinceId: o.province_id,
  cityId: o.city_id,
});
