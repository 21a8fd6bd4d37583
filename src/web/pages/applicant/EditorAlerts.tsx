import { Alert, App, Button, Flex } from 'antd';
import dayjs from 'dayjs';
import type { ApplicationDetail } from '../../api/applications';
import { TIME_ZONE } from '../../format';
import { fmt, m } from '../../i18n';
import type { Draft } from './useDraft';

const t = m.applicant.save;
const clock = (iso: string) => dayjs(iso).tz(TIME_ZONE).format('MM-DD HH:mm:ss');

/** The last return's comment: what the city bureau asks to fix. */
export function ReturnedNotice({ detail }: { detail: ApplicationDetail }) {
  if (detail.status !== 'returned') return null;
  const last = [...detail.timeline].reverse().find((e) => e.toStatus === 'returned');
  return (
    <Alert
      type="warning"
      showIcon
      title={fmt(m.applicant.status.returnedTitle, { org: last?.actorOrgName ?? '' })}
      description={
        <>
          <div>{m.applicant.status.returnedText}</div>
          <blockquote className="returned-comment">{last?.comment ?? ''}</blockquote>
          <div>{m.applicant.status.returnedAction}</div>
        </>
      }
    />
  );
}

/** Conflicts between tabs, changes kept in the browser, a save refused: each says what happened and what to do. */
export function DraftAlerts({ draft }: { draft: Draft }) {
  const { modal, message } = App.useApp();
  const { view } = draft;
  const run = (fn: () => Promise<unknown>) => () =>
    void fn().catch((e: unknown) => message.error(String((e as Error).message)));
  return (
    <>
      {view.state === 'conflict' ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t.conflictTitle}
          description={
            <>
              <div>{t.conflictText}</div>
              <Flex gap={8} wrap style={{ marginTop: 8 }}>
                <Button type="primary" onClick={run(draft.loadLatest)}>
                  {t.loadLatest}
                </Button>
                <Button
                  onClick={() =>
                    modal.confirm({
                      title: t.overwriteConfirm,
                      okButtonProps: { danger: true },
                      onOk: () => draft.overwrite(),
                    })
                  }
                >
                  {t.overwrite}
                </Button>
              </Flex>
            </>
          }
        />
      ) : null}
      {view.staleLocal ? (
        <Alert
          type="warning"
          showIcon
          title={fmt(t.staleLocalTitle, { time: clock(view.staleLocal.at) })}
          description={
            <>
              <div>{t.staleLocalText}</div>
              <Flex gap={8} wrap style={{ marginTop: 8 }}>
                <Button type="primary" onClick={run(() => draft.overwrite(view.staleLocal!.changes))}>
                  {t.restore}
                </Button>
                <Button onClick={draft.discardLocal}>{t.discard}</Button>
              </Flex>
            </>
          }
        />
      ) : null}
      {view.restoredAt && view.state !== 'conflict' ? (
        <Alert type="info" showIcon closable title={fmt(t.restored, { time: clock(view.restoredAt) })} />
      ) : null}
      {view.state === 'offline' ? <Alert type="warning" showIcon title={t.offlineDetail} /> : null}
      {view.state === 'locked' ? (
        <Alert type="error" showIcon title={fmt(t.locked, { message: view.message ?? '' })} />
      ) : null}
      {view.state === 'invalid' && view.details.length > 0 ? (
        <Alert
          type="error"
          showIcon
          title={t.invalid}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {view.details.map((d) => (
                <li key={d.path}>{d.message}</li>
              ))}
            </ul>
          }
        />
      ) : null}
    </>
  );
}
