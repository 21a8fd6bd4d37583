import { z } from 'zod';
import { pageQuery } from './pagination.js';

/** The public list of filed spaces (备案示范名单), readable without login. */

/** Its sort keys: by province (the default: province, city, name in reference order), by name, by city. */
export const PUBLIC_FILED_SORTS = ['province', 'spaceName', 'city'] as const;
export type PublicFiledSort = (typeof PUBLIC_FILED_SORTS)[number];

export const publicFiledQuery = z.object({
  provinceId: z.string().max(64).optional(),
  batchId: z.string().max(64).optional(),
  /** Part of the space's or the operator's name. */
  q: z.string().trim().max(100).optional(),
  ...pageQuery(PUBLIC_FILED_SORTS, { sort: 'province', order: 'asc' }).shape,
});
export type PublicFiledQuery = z.infer<typeof publicFiledQuery>;

/** What the public sees of a filed space: nothing beyond its name, operator, fields and where and when. */
export const publicFiledItemSchema = z.object({
  spaceName: z.string(),
  operatorName: z.string(),
  mainFields: z.array(z.string()),
  provinceId: z.string(),
  provinceName: z.string(),
  cityName: z.string(),
  batchName: z.string(),
  year: z.number(),
  /** The day it was filed (Asia/Shanghai, YYYY-MM-DD). */
  filedOn: z.string().nullable(),
});
export type PublicFiledItem = z.infer<typeof publicFiledItemSchema>;

export const publicFiledResponse = z.object({
  items: z.array(publicFiledItemSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  /** Filed spaces per province (under the same batch and search filters), for the province tabs. */
  provinces: z.array(z.object({ provinceId: z.string(), provinceName: z.string(), count: z.number() })),
});
