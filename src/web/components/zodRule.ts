import type { FormRule } from 'antd';
import type { ZodType } from 'zod';

/** An antd Form rule that runs a shared zod schema, so the form and the server say the same thing. */
export function zodRule(schema: ZodType): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      if (value === undefined || value === null || value === '') return;
      const result = schema.safeParse(value);
      if (!result.success) throw new Error(result.error.issues[0]?.message ?? '');
    },
  };
}
