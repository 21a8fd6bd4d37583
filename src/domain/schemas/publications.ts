import { z } from 'zod';
import { isRealDate } from '../application/dates.js';

/**
 * Publication (公布): the Ministry decides per application (予以备案 / 不予备案), then publishes the
 * batch's list in one act with its own 文号 and date. Only published decisions are public and reach
 * the applicants as results.
 */

export const createPublicationRequest = z.object({
  documentNo: z
    .string({ error: '请填写公布文号' })
    .trim()
    .min(1, '请填写公布文号')
    .max(50, '公布文号不能超过 50 个字')
    .meta({ description: '公布文件的文号，如 国科火字〔2020〕180号' }),
  publishedOn: z
    .string({ error: '请填写公布日期' })
    .trim()
    .refine(isRealDate, '公布日期格式应为 YYYY-MM-DD')
    .meta({ description: '公布日期 YYYY-MM-DD（北京时间）' }),
});
export type CreatePublicationRequest = z.infer<typeof createPublicationRequest>;

export const publicationSchema = z.object({
  id: z.string(),
  documentNo: z.string(),
  publishedOn: z.string(),
  /** Filed (予以备案) decisions the publication made public. */
  count: z.number(),
});
export const publicationResponse = z.object({ publication: publicationSchema });

/** A decision as the preview shows it before publishing. */
export const pendingDecisionSchema = z.object({
  applicationId: z.string(),
  number: z.string().nullable(),
  spaceName: z.string().nullable(),
  unitName: z.string(),
  provinceName: z.string(),
  decision: z.enum(['filed', 'not_filed']),
});

export const publicationsResponse = z.object({
  items: z.array(publicationSchema.extend({ createdAt: z.string() })),
  /** Decisions taken and not yet published: what the next publication would publish. */
  pending: z.array(pendingDecisionSchema),
});
