import { useMemo } from 'react';
import type { FormInstance, FormRule } from 'antd';
import { basicInfoSchema } from '../../domain/application.js';
import { fromFormValues } from './basicInfoValues';

/**
 * Rules for the basic-info form from the shared submission schema: a field shows the schema's
 * message for its own path, cross-field rules included (大专以上 ≤ 总数, 公共 ≤ 自主支配, 其他 …).
 * The whole form is checked each time, so a message is exactly what the server would say.
 */
export function useBasicInfoRules(form: FormInstance) {
  return useMemo(() => {
    const problemAt = (path: readonly (string | number)[]): string | null => {
      const result = basicInfoSchema.safeParse(fromFormValues(form.getFieldsValue(true)));
      if (result.success) return null;
      const key = path.join('.');
      const issue = result.error.issues.find((i) => {
        const p = i.path.map(String).join('.');
        return p === key || p.startsWith(`${key}.`);
      });
      return issue?.message ?? null;
    };
    return (path: readonly (string | number)[]): FormRule[] => [
      {
        validator: async () => {
          const message = problemAt(path);
          if (message) throw new Error(message);
        },
      },
    ];
  }, [form]);
}

export type RuleFor = ReturnType<typeof useBasicInfoRules>;
