import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import 'dayjs/locale/zh-cn';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('zh-cn');

/** Every time in the process is Beijing time, whatever the browser's zone. */
export const TIME_ZONE = 'Asia/Shanghai';

export const formatTime = (iso: string): string => dayjs(iso).tz(TIME_ZONE).format('YYYY-MM-DD HH:mm:ss');

/** Reads a picker's wall-clock value as Beijing time and returns the instant as ISO 8601. */
export const beijingIso = (value: dayjs.Dayjs): string =>
  dayjs.tz(value.format('YYYY-MM-DD HH:mm:ss'), TIME_ZONE).toISOString();

/** The picker's wall-clock value of an instant in Beijing time (the inverse of beijingIso). */
export const fromBeijingIso = (iso: string): dayjs.Dayjs => dayjs(formatTime(iso));
