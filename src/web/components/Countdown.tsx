import { useEffect, useState } from 'react';
import { Alert, Flex, Typography } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import { formatTime } from '../format';
import { fmt, m } from '../i18n';

const t = m.review.countdown;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The remaining time as Chinese text; seconds only in the last day. */
export function remainingText(ms: number): string {
  if (ms <= 0) return t.passed;
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  if (days > 0) return fmt(t.left, { days, hours, minutes });
  return fmt(t.leftHours, { hours, minutes, seconds: Math.floor((ms % MINUTE) / 1000) });
}

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/**
 * A deadline with a live countdown: calm while more than 7 days remain, a warning in the last
 * week, an error once passed. The server decides whether an action is still allowed.
 */
export function Countdown({ deadline, label }: { deadline: string; label?: string }) {
  const now = useNow(1000);
  const left = new Date(deadline).getTime() - now;
  const type = left <= 0 ? 'error' : left < 7 * DAY ? 'warning' : 'info';
  return (
    <Alert
      type={type}
      showIcon
      icon={<ClockCircleOutlined />}
      title={
        <Flex wrap gap={12} align="baseline">
          <Typography.Text strong data-testid="countdown">
            {remainingText(left)}
          </Typography.Text>
          <Typography.Text>
            {label ?? t.deadline}：{fmt(t.due, { time: formatTime(deadline).slice(0, 16) })}
          </Typography.Text>
        </Flex>
      }
    />
  );
}
