import { Tag, Typography } from 'antd';
import type { DispatchSummary } from '../../api/dispatches';
import { fmt, m } from '../../i18n';

const t = m.opinions.arrival;

/** The 接收登记 of a received dispatch in one line, with 逾期送达 / 按时送达 as the server found it. */
export function ArrivalText({
  d,
  compact = false,
}: {
  d: Pick<DispatchSummary, 'arrival' | 'receivedAt'>;
  compact?: boolean;
}) {
  if (!d.receivedAt) return null;
  const a = d.arrival;
  const late = a.late === null ? null : a.late ? <Tag color="red">{t.late}</Tag> : <Tag color="green">{t.onTime}</Tag>;
  if (!a.method)
    return (
      <>
        {late}
        <Typography.Text type="secondary">{t.notRecorded}</Typography.Text>
      </>
    );
  if (compact)
    return (
      <>
        {late}
        {a.methodLabel}
      </>
    );
  return (
    <>
      {late}
      {fmt(t.summary, {
        method: a.methodLabel ?? '',
        electronic: a.electronicCopies ?? 0,
        paper: a.paperCopies ?? 0,
        letter: a.letter ? t.withLetter : t.withoutLetter,
        pledge: a.pledge ? t.withPledge : t.withoutPledge,
      })}
      {a.note ? `；${a.note}` : ''}
    </>
  );
}
