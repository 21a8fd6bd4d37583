import { z } from 'zod';

export const errorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    /** A refused login (401): attempts left before the name is locked, the same for every name. */
    attemptsLeft: z.number().int().min(0).optional(),
  }),
});

export const okResponse = z.object({ ok: z.literal(true) });
export const idParams = z.object({ id: z.string().min(1).max(64) });
