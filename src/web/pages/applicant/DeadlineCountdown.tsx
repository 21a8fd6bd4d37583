import { useEffect, useState } from 'react';
import { Typography } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import { formatBeijing } from '../../../domain/schemas/batches.js';
import { fmt, m } from '../../i18n';

const t = m.applicant.deadline;

/** The remaining time in words: days and hours, or hours and minutes on the last day. */
export function remainingText(deadline: string, now: number): string | null {
  const ms = new Date(deadline).getTime() - now;
  if (ms <= 0) return null;
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  return days > 0 ? fmt(t.remainingDays, { days, hours }) : fmt(t.remainingHours, { hours, minutes: minutes % 60 });
}

/** The applicant deadline (Beijing time) with a countdown that updates every half minute. */
export function DeadlineCountdown({ deadline }: { deadline: string | null }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => window.clearInterval(timer);
  }, []);
  if (!deadline) return <Typography.Text type="secondary">{t.none}</Typography.Text>;
  const left = remainingText(deadline, now);
  const soon = left !== null && new Date(deadline).getTime() - now < 3 * 86_400_000;
  return (
    <Typography.Text className="deadline">
      <ClockCircleOutlined aria-hidden /> {t.label}：{fmt(t.at, { time: formatBeijing(deadline) })}
      {' · '}
      <Typography.Text strong type={left === null || soon ? 'danger' : undefined}>
        {left ?? t.passed}
      </Typography.Text>
    </Typography.Text>
  );
}
