import { useState } from 'react';
import { Alert, App, DatePicker, Flex, InputNumber, Modal, Switch, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { errorText } from '../../api/client';
import { useBulkAssign } from '../../api/experts';
import { fmt, m } from '../../i18n';

const t = m.progress.assign;

/**
 * Assigns experts to the chosen accepted applications at once; the server picks eligible experts,
 * professional field first, and says where there were not enough.
 */
export function BulkAssignModal(props: {
  open: boolean;
  applications: { id: string; name: string }[];
  onClose: () => void;
}) {
  const bulk = useBulkAssign();
  const { message } = App.useApp();
  const [perApplication, setPer] = useState(2);
  const [matchingOnly, setMatchingOnly] = useState(false);
  const [dueOn, setDueOn] = useState<Dayjs | null>(null);
  const [shortfalls, setShortfalls] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const names = new Map(props.applications.map((a) => [a.id, a.name]));

  return (
    <Modal
      open={props.open}
      title={t.bulkTitle}
      okText={t.bulk}
      confirmLoading={bulk.isPending}
      onCancel={props.onClose}
      okButtonProps={{ disabled: props.applications.length === 0 }}
      onOk={() => {
        setError(null);
        bulk.mutate(
          {
            applicationIds: props.applications.map((a) => a.id),
            perApplication,
            matchingOnly,
            ...(dueOn ? { dueOn: dueOn.format('YYYY-MM-DD') } : {}),
          },
          {
            onSuccess: (r) => {
              message.success(fmt(t.bulkDone, { n: r.created.length }));
              const short = r.shortfalls.map((s) =>
                fmt(t.shortfall, { name: names.get(s.applicationId) ?? '', reason: s.reason, assigned: s.assigned }),
              );
              setShortfalls(short);
              if (short.length === 0) props.onClose();
            },
            onError: (e) => setError(errorText(e)),
          },
        );
      }}
    >
      <Flex vertical gap={12} data-testid="bulk-assign">
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t.bulkHint}
        </Typography.Paragraph>
        {error ? <Alert type="error" showIcon title={error} /> : null}
        {shortfalls.length ? (
          <Alert
            type="warning"
            showIcon
            title={shortfalls.map((s) => (
              <div key={s}>{s}</div>
            ))}
          />
        ) : null}
        <Typography.Text>{props.applications.map((a) => a.name).join('、')}</Typography.Text>
        <label>
          {t.perApplication}{' '}
          <InputNumber
            aria-label={t.perApplication}
            min={1}
            max={9}
            value={perApplication}
            onChange={(v) => setPer(v ?? 1)}
          />
        </label>
        <Flex gap={8} align="center">
          <Switch aria-label={t.matchingOnly} checked={matchingOnly} onChange={setMatchingOnly} />
          <span>{t.matchingOnly}</span>
        </Flex>
        <DatePicker aria-label={t.dueOn} placeholder={t.dueOn} value={dueOn} onChange={setDueOn} />
      </Flex>
    </Modal>
  );
}
