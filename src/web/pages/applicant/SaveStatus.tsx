import { Button, Flex, Typography } from 'antd';
import {
  CheckCircleOutlined,
  CloudSyncOutlined,
  DisconnectOutlined,
  EditOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import dayjs from 'dayjs';
import { TIME_ZONE } from '../../format';
import { fmt, m } from '../../i18n';
import type { DraftView } from './useDraft';

const t = m.applicant.save;
/** antd's success and warning text colours are too light for small text (WCAG AA needs 4.5:1). */
const TONES = { success: '#1f6b05', warning: '#8a5300', danger: '#c4161c' } as const;

/** "已保存 HH:mm:ss" and the other states of the autosave, announced politely to screen readers. */
export function SaveStatus({ view, onSaveNow }: { view: DraftView; onSaveNow: () => void }) {
  const { state } = view;
  const saved = view.savedAt ? dayjs(view.savedAt).tz(TIME_ZONE) : null;
  // Today's save by its time; an older one with its date; who saved, when another account of the unit did.
  const time = saved
    ? `${saved.format(saved.isSame(dayjs().tz(TIME_ZONE), 'day') ? 'HH:mm:ss' : 'YYYY-MM-DD HH:mm')}${
        view.savedBy ? `（${view.savedBy}）` : ''
      }`
    : '';
  const [icon, text, tone] =
    state === 'saved'
      ? saved
        ? [<CheckCircleOutlined key="i" />, fmt(t.saved, { time }), 'success' as const]
        : [<EditOutlined key="i" />, m.progress.applicant.neverSaved, undefined]
      : state === 'saving'
        ? [<CloudSyncOutlined key="i" spin />, t.saving, undefined]
        : state === 'offline'
          ? [<DisconnectOutlined key="i" />, t.offline, 'warning' as const]
          : state === 'pending'
            ? [<EditOutlined key="i" />, t.pending, undefined]
            : state === 'error'
              ? [<WarningOutlined key="i" />, fmt(t.failed, { message: view.message ?? '' }), 'danger' as const]
              : state === 'invalid'
                ? [<WarningOutlined key="i" />, `${t.invalid}${view.message ?? ''}`, 'danger' as const]
                : state === 'conflict'
                  ? [<WarningOutlined key="i" />, t.conflictTitle, 'danger' as const]
                  : [<WarningOutlined key="i" />, fmt(t.locked, { message: view.message ?? '' }), 'danger' as const];
  const canSave = state === 'pending' || state === 'error';
  return (
    <Flex align="center" gap={8} wrap className="save-status">
      <Typography.Text
        style={tone ? { color: TONES[tone] } : undefined}
        role="status"
        aria-live="polite"
        data-state={state}
        data-version={view.version}
        className="save-status-text"
      >
        {icon} {text}
      </Typography.Text>
      {canSave ? (
        <Button size="small" onClick={onSaveNow}>
          {state === 'error' ? t.retry : t.saveNow}
        </Button>
      ) : null}
    </Flex>
  );
}
