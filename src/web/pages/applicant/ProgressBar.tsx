import { Alert, Steps } from 'antd';
import {
  APPLICANT_TO_ACT,
  DECISION_STATUSES,
  PROGRESS_AT,
  PROGRESS_STEPS,
} from '../../../domain/application/progress.js';
import type { ApplicationStatus } from '../../../domain/workflow.js';
import type { ApplicationDetail } from '../../api/applications';
import { formatTime } from '../../format';
import { fmt, m } from '../../i18n';

const t = m.progress.applicant;

/** 提交 → 市局审核 → 省受理 → 省评审 → 科技部备案 → 公布, with the application's place on it. */
export function ProgressBar({ status }: { status: ApplicationStatus }) {
  if (status === 'cancelled') return null; // the decision banner says it all
  const at = PROGRESS_AT[status];
  return (
    // Focusable: on a phone the bar scrolls sideways, and a keyboard must be able to scroll it too.
    <nav aria-label={t.progressLabel} data-testid="progress-bar" className="application-progress" tabIndex={0}>
      <Steps
        size="small"
        current={at.step}
        status={at.state}
        responsive={false}
        items={PROGRESS_STEPS.map((s) => ({ title: t.steps[s] }))}
      />
    </nav>
  );
}

/** Whether the page shows the deadline countdown (the applicant still has to act) or the decision. */
export const showsCountdown = (status: ApplicationStatus) => APPLICANT_TO_ACT.includes(status);

/**
 * The latest decision on the application, its result and reason as the deciding office wrote it, at
 * the top of the page (not the countdown, which no longer concerns the applicant once decided).
 */
export function DecisionBanner({ detail }: { detail: ApplicationDetail }) {
  if (!DECISION_STATUSES.includes(detail.status) || detail.status === 'returned') return null;
  const last = [...detail.timeline].reverse().find((e) => e.toStatus === detail.status);
  const bad = PROGRESS_AT[detail.status].state === 'error';
  const good = detail.status === 'filed';
  return (
    <Alert
      type={bad ? 'error' : good ? 'success' : 'info'}
      showIcon
      data-testid="decision"
      title={fmt(t.result, { result: detail.statusLabel })}
      description={
        <>
          <div>{last?.comment ? fmt(t.reason, { reason: last.comment }) : t.noReason}</div>
          {last ? (
            <div className="decision-by">{fmt(t.by, { org: last.actorOrgName ?? '', at: formatTime(last.at) })}</div>
          ) : null}
          <div>{t.next[detail.status as keyof typeof t.next] ?? ''}</div>
        </>
      }
    />
  );
}

/** The applicant's place after submitting, when no decision was taken yet. */
export function WaitingNote({ detail }: { detail: ApplicationDetail }) {
  if (showsCountdown(detail.status) || DECISION_STATUSES.includes(detail.status)) return null;
  const note = t.waiting[detail.status as keyof typeof t.waiting];
  return note ? <Alert type="info" showIcon title={note} data-testid="waiting" style={{ marginTop: 8 }} /> : null;
}
