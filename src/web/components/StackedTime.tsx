import { formatTime } from '../format';

/**
 * A time in a narrow table column: the date on one line and the time of day on the next, each kept
 * whole, so that the column needs only the width of a date.
 */
export function StackedTime({ iso }: { iso: string }) {
  const [date, time] = formatTime(iso).split(' ');
  return (
    <span className="stacked-time">
      <span className="value-nowrap">{date}</span>
      <span className="value-nowrap">{time}</span>
    </span>
  );
}
