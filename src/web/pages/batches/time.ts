import dayjs, { type Dayjs } from 'dayjs';
import { dueAtSchema } from '../../../domain/schemas/batches.js';
import { TIME_ZONE } from '../../format';

/**
 * The pickers show Beijing wall-clock time whatever the browser's zone: an instant is turned into a
 * local Dayjs with Beijing's date and time, and a picked value is read back as Beijing time.
 */
export const toPicker = (iso: string): Dayjs => dayjs(dayjs(iso).tz(TIME_ZONE).format('YYYY-MM-DDTHH:mm:ss'));

/** A picked date-time as the ISO text the API takes, with Beijing's offset ("2026-07-31T17:00:00+08:00"). */
export const fromPicker = (value: Dayjs): string => `${value.format('YYYY-MM-DDTHH:mm')}:00+08:00`;

/** Today in Beijing, as a picker value at the start of the day. */
export const beijingToday = (): Dayjs => dayjs(dayjs().tz(TIME_ZONE).format('YYYY-MM-DD'));

/** The shared schema's message for a picked deadline, or null when it reads as a deadline. */
export function dueAtProblem(value: Dayjs): string | null {
  const r = dueAtSchema.safeParse(fromPicker(value));
  return r.success ? null : (r.error.issues[0]?.message ?? null);
}

/** A picked date-time is in the past (Beijing time). */
export const isPast = (value: Dayjs): boolean => new Date(fromPicker(value)).getTime() <= Date.now();

/** 23:59 of the day, the usual end of a deadline day. */
export const DEFAULT_TIME = dayjs().hour(23).minute(59).second(0).millisecond(0);
