import dayjs, { type Dayjs } from 'dayjs';
import { basicInfoField, type BasicInfoFieldKey, type FieldLabel } from '../../domain/application.js';

/** The form's values: the basicInfo shape, with the date as a dayjs for the date picker. */
export type BasicInfoFormValues = Record<string, unknown> & { establishedOn?: Dayjs | null };

/** Stored basicInfo → the form's initial values. */
export function toFormValues(basicInfo: Record<string, unknown> | null | undefined): BasicInfoFormValues {
  const v: BasicInfoFormValues = { ...(basicInfo ?? {}) };
  const date = basicInfo?.establishedOn;
  v.establishedOn = typeof date === 'string' && dayjs(date, 'YYYY-MM-DD', true).isValid() ? dayjs(date) : null;
  return v;
}

/** The form's values → basicInfo as saved and checked (the date back to 'YYYY-MM-DD'). */
export function fromFormValues(values: BasicInfoFormValues): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values };
  const date = values.establishedOn;
  out.establishedOn = date && dayjs.isDayjs(date) && date.isValid() ? date.format('YYYY-MM-DD') : undefined;
  if (Array.isArray(out.mainFields)) out.mainFields = (out.mainFields as unknown[]).filter((x) => x !== '');
  return JSON.parse(JSON.stringify(out)) as Record<string, unknown>;
}

/** A field's dotted key as a form name path: 'head.mobile' → ['head', 'mobile']. */
export const namePath = (key: string): string[] => key.split('.');

/** The label entry of attachment 2 for a field. */
export const fieldOf = (key: BasicInfoFieldKey): FieldLabel => basicInfoField(key);
