import { z } from 'zod';
import { ORG_KINDS } from '../roles.js';
import { pageQuery, pageResponse } from './pagination.js';

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
  kind: z.enum(ORG_KINDS, { error: '单位类型不正确' }).optional(),
  q: z.string().trim().max(64).optional(),
  parentId: z.string().max(64).optional(),
  provinceId: z.string().max(64).optional(),
});
export const orgListResponse = z.object({ items: z.array(orgSchema) });

/** The paged organisation list's sort keys (server whitelist); the default is by kind, as the whole list. */
export const ORG_SORTS = ['kind', 'name', 'shortName', 'regionCode'] as const;
export type OrgSort = (typeof ORG_SORTS)[number];

/** The paged list (系统管理员's 单位管理 page): the whole list's filters, paged like every list. */
export const listOrgsPageQuery = listOrgsQuery.extend(pageQuery(ORG_SORTS, { sort: 'kind', order: 'asc' }).shape);
/**
 * A row of the paged list: the organisation with its parent's name (上级单位) and how many
 * organisations of the list have it as their parent (its 下级单位), to walk the hierarchy.
 */
export const orgPageItem = orgSchema.extend({ parentName: z.string().nullable(), childCount: z.number() });
/**
 * The page and, filtered by parent (`parentId`), that parent and those above it from the top (the
 * breadcrumb of the hierarchy); empty without that filter.
 */
export const orgPageResponse = pageResponse(orgPageItem).extend({
  ancestors: z.array(z.object({ id: z.string(), name: z.string() })),
});
