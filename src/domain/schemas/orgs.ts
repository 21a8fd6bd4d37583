import { z } from 'zod';
import { ORG_KINDS } from '../roles.js';

export const orgSchema = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: z.enum(ORG_KINDS),
  regionCode: z.string().nullable(),
  parentId: z.string().nullable(),
  provinceId: z.string().nullable(),
  cityId: z.string().nullable(),
});
export type Org = z.infer<typeof orgSchema>;

export const listOrgsQuery = z.object({
  kind: z.enum(ORG_KINDS).optional(),
  q: z.string().trim().max(64).optional(),
  parentId: z.string().max(64).optional(),
  provinceId: z.string().max(64).optional(),
});
export const orgListResponse = z.object({ items: z.array(orgSchema) });
