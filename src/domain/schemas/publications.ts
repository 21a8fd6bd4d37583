import { z } from 'zod';
import { isRealDate } from '../application/dates.js';
import { pageQuery, pageResponse } from './pagination.js';

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

export const PUBLICATION_SORTS = ['createdAt', 'publishedOn', 'documentNo'] as const;
export type PublicationSort = (typeof PUBLICATION_SORTS)[number];

/** The batch's publications, oldest first (paged like every list). */
export const listPublicationsQuery = pageQuery(PUBLICATION_SORTS, { sort: 'createdAt', order: 'asc' });

/** A page of the batch's publications, and how many decisions the next publication would publish. */
export const publicationsResponse = pageResponse(publicationSchema.extend({ createdAt: z.string() })).extend({
  /** Decisions taken and not yet published (GET …/publications/pending lists them). */
  pendingCount: z.number(),
});

export const PENDING_DECISIONS = ['filed', 'not_filed'] as const;
export const PENDING_DECISION_SORTS = ['province', 'number', 'spaceName', 'decision'] as const;
export type PendingDecisionSort = (typeof PENDING_DECISION_SORTS)[number];

/** The preview: the decisions a publication would publish now, by province (official order) by default. */
export const listPendingDecisionsQuery = z
  .object({
    provinceId: z.string().max(64).optional(),
    decision: z.enum(PENDING_DECISIONS, { error: '备案决定应为 filed 或 not_filed' }).optional(),
    /** Part of the space's or unit's name, or the application number. */
    q: z.string().trim().max(100).optional(),
  })
  .extend(pageQuery(PENDING_DECISION_SORTS, { sort: 'province', order: 'asc' }).shape);
export type PendingDecisionFilter = Pick<z.infer<typeof listPendingDecisionsQuery>, 'provinceId' | 'decision' | 'q'>;

export const pendingDecisionsResponse = pageResponse(pendingDecisionSchema);
