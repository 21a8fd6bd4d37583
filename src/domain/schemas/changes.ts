import { z } from 'zod';

const text = z.object({ label: z.string(), before: z.string(), after: z.string() });
const file = z.object({ fileName: z.string(), sha256: z.string() });

/**
 * GET /applications/{id}/changes: after a return, what the resubmission changed against the version
 * returned. `returned` is null when the application was never returned; `resubmitted` is false while
 * the applicant has not submitted again (the lists are then empty).
 */
export const changesSchema = z.object({
  returned: z
    .object({
      at: z.string(),
      by: z.string().nullable(),
      comment: z.string().nullable(),
      /** The snapshot the return sent back (1, 2, …). */
      snapshotSeq: z.number().nullable(),
    })
    .nullable(),
  resubmitted: z.boolean(),
  current: z.object({ snapshotSeq: z.number(), submittedAt: z.string() }).nullable(),
  fields: z.array(text.extend({ path: z.string() })),
  sections: z.array(text.extend({ key: z.string() })),
  files: z.array(
    z.object({
      kind: z.string(),
      kindLabel: z.string(),
      change: z.enum(['added', 'removed', 'replaced']),
      before: z.array(file),
      after: z.array(file),
    }),
  ),
});
export type Changes = z.infer<typeof changesSchema>;
export const changesResponse = z.object({ changes: changesSchema });
