/** Calendar dates as 'YYYY-MM-DD' strings in Asia/Shanghai, the time zone of the whole filing process. */

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000; // UTC+8 all year: China has had no daylight saving since 1991

/** Today's date in Asia/Shanghai as 'YYYY-MM-DD'; the server passes its clock, the browser its own. */
export function todayInShanghai(now: Date = new Date()): string {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Splits a 'YYYY-MM-DD' string that names a real calendar day (no 2月30日); null otherwise. */
export function parseIsoDate(value: string): { year: number; month: number; day: number } | null {
  const m = DATE_RE.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return { year, month, day };
}

export const isRealDate = (value: string): boolean => parseIsoDate(value) !== null;

/** Whole months from `from` to `to` (both 'YYYY-MM-DD'); negative when `to` is earlier; null if either is invalid. */
export function wholeMonthsBetween(from: string, to: string): number | null {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  if (!a || !b) return null;
  let months = (b.year - a.year) * 12 + (b.month - a.month);
  if (months > 0 && b.day < a.day) months -= 1;
  else if (months < 0 && b.day > a.day) months += 1;
  return months;
}

/** Checks a `today` option handed to a schema factory; a bad value is a programming error, so it throws. */
export function assertToday(today: string): string {
  if (!isRealDate(today)) throw new TypeError(`today must be a 'YYYY-MM-DD' date, got ${JSON.stringify(today)}`);
  return today;
}
