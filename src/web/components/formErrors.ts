import type { FormInstance } from 'antd';
import { errorText, isApiError } from '../api/client';

/**
 * Puts a 422's field details next to the fields they name; returns the text to show above the
 * form (the error message plus details that name no field of this form).
 */
export function applyServerErrors(form: FormInstance, fields: readonly string[], error: unknown): string {
  if (!isApiError(error)) return errorText(error);
  const byField = error.details.filter((d) => fields.includes(d.path.split('.')[0] ?? ''));
  form.setFields(byField.map((d) => ({ name: d.path.split('.')[0], errors: [d.message] })));
  const rest = error.details.filter((d) => !byField.includes(d)).map((d) => d.message);
  return [error.message, ...rest].join('：');
}
