/** Formatting shared by the document producers: Beijing time, Chinese dates, sizes, numerals. */

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

function parts(at: string | Date) {
  const d = new Date(new Date(at).getTime() + SHANGHAI_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    y: d.getUTCFullYear(),
    m: d.getUTCMonth() + 1,
    d: d.getUTCDate(),
    hh: pad(d.getUTCHours()),
    mm: pad(d.getUTCMinutes()),
    pad,
  };
}

/** "2026年6月1日" in Beijing time. */
export function chineseDate(at: string | Date): string {
  const p = parts(at);
  return `${p.y}年${p.m}月${p.d}日`;
}

/** "2026年6月1日 10:00" in Beijing time. */
export function chineseDateTime(at: string | Date): string {
  const p = parts(at);
  return `${p.y}年${p.m}月${p.d}日 ${p.hh}:${p.mm}`;
}

/** "2026-06-01", the calendar day in Beijing time (file names). */
export function isoDate(at: string | Date): string {
  const p = parts(at);
  return `${p.y}-${p.pad(p.m)}-${p.pad(p.d)}`;
}

/** "2026-06-01 10:00" in Beijing time (tables and footers). */
export function isoDateTime(at: string | Date): string {
  const p = parts(at);
  return `${p.y}-${p.pad(p.m)}-${p.pad(p.d)} ${p.hh}:${p.mm}`;
}

/** A calendar date 'YYYY-MM-DD' as "2016年9月20日" (no time zone: it is a date, not an instant). */
export function chineseCalendarDate(date: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date ?? '');
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : (date ?? '');
}

/** "1.2 MB", "830 KB". */
export function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** A number as written on the form: integers plain, decimals without trailing zeros; '' when absent. */
export function formNumber(v: unknown): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return '';
  return Number.isInteger(v) ? String(v) : String(Number(v.toFixed(2)));
}

const DIGITS = '〇一二三四五六七八九';

/** 1 → 一, 12 → 十二, 25 → 二十五 (for 案例一 and ranks). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n);
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}

/** A name usable as a file or folder name inside an archive or a download (no separators or control characters). */
export function safeFileName(name: string, fallback = '文件'): string {
  const cleaned = name
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 120);
  return cleaned || fallback;
}

/**
 * A text cell that a spreadsheet must not read as a formula: text starting with = + - @ (or a tab or
 * carriage return, which some spreadsheets skip before one) gets a leading apostrophe. Used by every
 * CSV and xlsx writer (issue 11 item 8: the 汇总表 kept them as they were).
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
