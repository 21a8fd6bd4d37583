import { z } from 'zod';
import { applicationListFilter } from './applications.js';
import { BULK_MAX_ITEMS } from './bulk.js';

/**
 * GET /api/exports/applications.xlsx: the list's filters, or `ids` (导出所选, issue 17): exactly the
 * selected applications, comma-separated, as many as a bulk action takes. Every id must be within
 * the user's reach; otherwise the export is refused as a whole and names the ids it could not include.
 */
export const exportApplicationsQuery = applicationListFilter.extend({
  ids: z
    .preprocess(
      (v) =>
        v === undefined
          ? undefined
          : (Array.isArray(v) ? v : [v]).flatMap((s) => String(s).split(',')).map((s) => s.trim()),
      z
        .array(z.string().min(1, '所选申报不正确').max(64, '所选申报不正确'))
        .min(1, '请至少选择一份申报')
        .max(BULK_MAX_ITEMS, `一次最多导出所选 ${BULK_MAX_ITEMS} 份申报`)
        .refine((ids) => new Set(ids).size === ids.length, '所选申报有重复')
        .optional(),
    )
    .meta({
      description: `导出所选：申报 ID，逗号分隔，1–${BULK_MAX_ITEMS} 个；给出时只导出这些申报（其他筛选条件不适用）`,
    }),
});
export type ExportApplicationsQuery = z.infer<typeof exportApplicationsQuery>;
