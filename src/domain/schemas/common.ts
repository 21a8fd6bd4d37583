import { z } from 'zod';

export const errorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

export const okResponse = z.object({ ok: z.literal(true) });
export const idParams = z.object({ id: z.string().min(1).max(64) });
