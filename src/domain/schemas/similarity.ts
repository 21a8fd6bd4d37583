import { z } from 'zod';
import { pageQuery, pageResponse } from './pagination.js';

/**
 * 查重 API shapes (issue 15). GET /api/applications/{id}/similarity answers `{ report }`; ratios are
 * fractions in [0, 1]; `passages[].text` is the matching text as it appears in this application.
 * While the report is being computed, status is "pending" and the figures are null / empty; when the
 * check failed on every try, status is "failed" and `error` says so (figures null / empty as well).
 */

export const SIMILARITY_STATUSES = ['ready', 'pending', 'failed'] as const;

export const similaritySourceSchema = z.object({
  /** The source application; null for an earlier year's 申报书 imported from a file. */
  applicationId: z.string().nullable(),
  number: z.string().nullable(),
  spaceName: z.string(),
  /** Null when the source lies outside the viewer's jurisdiction (they see number, name and city only). */
  unitName: z.string().nullable(),
  cityName: z.string(),
  batchName: z.string().nullable(),
  year: z.number().int().nullable(),
  sameUnit: z.boolean(),
  ratio: z.number().min(0).max(1),
  matchedChars: z.number().int(),
  /** The viewer may open the source application (it lies in their jurisdiction). */
  canOpen: z.boolean(),
});
export type SimilaritySource = z.infer<typeof similaritySourceSchema>;

export const similarityPassageSchema = z.object({
  section: z.string(),
  text: z.string(),
  source: z.object({
    applicationId: z.string().nullable(),
    section: z.string(),
    text: z.string(),
    /**
     * The passage's source: its place in `sources` (imported 申报书 share applicationId null, so the
     * id alone cannot name them).
     */
    index: z.number().int().min(0),
  }),
});
export type SimilarityPassage = z.infer<typeof similarityPassageSchema>;

export const similarityReportSchema = z.object({
  status: z.enum(SIMILARITY_STATUSES),
  computedAt: z.string().nullable(),
  overall: z.number().min(0).max(1).nullable(),
  overallExcludingSameUnit: z.number().min(0).max(1).nullable(),
  maxSingleSource: z.number().min(0).max(1).nullable(),
  sections: z.array(z.object({ key: z.string(), ratio: z.number().min(0).max(1) })),
  sources: z.array(similaritySourceSchema),
  passages: z.array(similarityPassageSchema),
  /** Why the check failed (status "failed"); absent otherwise. */
  error: z.string().optional(),
});
export type SimilarityReport = z.infer<typeof similarityReportSchema>;

export const similarityReportResponse = z.object({ report: similarityReportSchema });
export type SimilarityReportResponse = z.infer<typeof similarityReportResponse>;

/** Thresholds of a batch's 查重, set by the province. */
export const SIMILARITY_DEFAULTS = { pairThreshold: 0.3, boilerplateMinDocs: 10 } as const;

export const similaritySettingsSchema = z.object({
  /** Pairs whose single-source ratio reaches this are listed on the province dashboard. */
  pairThreshold: z
    .number({ error: '请填写复制比阈值' })
    .min(0.01, '复制比阈值应在 1%–100% 之间')
    .max(1, '复制比阈值应在 1%–100% 之间'),
  /** A fingerprint found in at least this many other applications is boilerplate and not counted. */
  boilerplateMinDocs: z
    .number({ error: '请填写套话判定篇数' })
    .int('套话判定篇数应为整数')
    .min(2, '套话判定篇数应在 2–100000 之间')
    .max(100_000, '套话判定篇数应在 2–100000 之间'),
});
export type SimilaritySettings = z.infer<typeof similaritySettingsSchema>;
export const similaritySettingsResponse = z.object({ settings: similaritySettingsSchema });

export const similarityRunSchema = z.object({
  id: z.string(),
  batchId: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  total: z.number().int(),
  done: z.number().int(),
  /** done ÷ total (1 when there is nothing to check). */
  progress: z.number().min(0).max(1),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
});
export type SimilarityRun = z.infer<typeof similarityRunSchema>;
export const similarityRunResponse = z.object({ run: similarityRunSchema });

/** A pair of applications above the batch's threshold (province dashboard). */
export const similarityPairSchema = z.object({
  applicationId: z.string(),
  number: z.string().nullable(),
  spaceName: z.string().nullable(),
  cityName: z.string(),
  source: similaritySourceSchema.omit({ ratio: true, matchedChars: true }),
  ratio: z.number().min(0).max(1),
  matchedChars: z.number().int(),
});
export type SimilarityPair = z.infer<typeof similarityPairSchema>;
/** One page of the pairs (`pairs`), with the total under the search and the next cursor, like every list. */
export const similarityPairsResponse = pageResponse(similarityPairSchema)
  .omit({ items: true })
  .extend({ threshold: z.number(), pairs: z.array(similarityPairSchema) });

/** The pairs' sort keys: 复制比 (the default, highest first), matched characters, application number. */
export const SIMILARITY_PAIR_SORTS = ['ratio', 'matchedChars', 'number'] as const;
export type SimilarityPairSort = (typeof SIMILARITY_PAIR_SORTS)[number];

export const similarityPairsQuery = z
  .object({
    threshold: z.coerce
      .number({ error: '复制比阈值应为数字' })
      .min(0.01, '复制比阈值应在 1%–100% 之间')
      .max(1, '复制比阈值应在 1%–100% 之间')
      .optional(),
    /** Part of an application number or space name, of either side of the pair. */
    q: z.string().trim().max(100, '搜索内容最多 100 个字').optional(),
  })
  .extend(pageQuery(SIMILARITY_PAIR_SORTS, { sort: 'ratio', order: 'desc', pageSize: 10 }).shape);
export type SimilarityPairsQuery = z.infer<typeof similarityPairsQuery>;

/** The queue's 复制比 column: figures of the listed applications the viewer may read reports of. */
export const similarityFiguresQuery = z.object({
  ids: z
    .string()
    .max(100 * 40, '一次最多查询 100 个申报')
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.string().min(1).max(64)).max(100, '一次最多查询 100 个申报')),
});
export const similarityFiguresResponse = z.object({
  figures: z.array(
    z.object({
      applicationId: z.string(),
      status: z.enum(SIMILARITY_STATUSES),
      overall: z.number().nullable(),
      overallExcludingSameUnit: z.number().nullable(),
      maxSingleSource: z.number().nullable(),
    }),
  ),
});
export type SimilarityFigures = z.infer<typeof similarityFiguresResponse>['figures'][number];
