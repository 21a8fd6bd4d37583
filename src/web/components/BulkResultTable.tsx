import type { Key, ReactNode } from 'react';
import { Button, Modal, Table, Tag } from 'antd';
import { m } from '../i18n';

/** What every bulk action answers per record: done, or refused and why. */
interface BulkResultRow {
  ok: boolean;
  error?: { message: string } | null;
}

interface Props<R extends BulkResultRow> {
  /** The results to show; null keeps the modal closed. */
  rows: R[] | null;
  title: ReactNode;
  rowKey: (row: R) => Key;
  labels: { record: string; outcome: string; reason: string; ok: string; refused: string };
  /** The record's name as the user knows it (space name and number, sending organisation …). */
  name: (row: R) => ReactNode;
  /** What a done row says in 说明 (the new status, in time or late …); a refused row says why. */
  done: (row: R) => ReactNode;
  onClose: () => void;
}

/** The modal after a bulk action: one row per record with its outcome and the reason of a refusal. */
export function BulkResultTable<R extends BulkResultRow>({
  rows,
  title,
  rowKey,
  labels,
  name,
  done,
  onClose,
}: Props<R>) {
  return (
    <Modal
      open={rows !== null}
      width={760}
      title={rows ? title : ''}
      footer={<Button onClick={onClose}>{m.common.close}</Button>}
      onCancel={onClose}
      destroyOnHidden
    >
      <Table<R>
        className="bulk-results"
        rowKey={rowKey}
        size="small"
        pagination={false}
        scroll={{ y: 420 }}
        dataSource={rows ?? []}
        columns={[
          { title: labels.record, key: 'record', render: (_: unknown, r) => name(r) },
          {
            title: labels.outcome,
            key: 'ok',
            width: 100,
            render: (_: unknown, r) =>
              r.ok ? <Tag color="success">{labels.ok}</Tag> : <Tag color="error">{labels.refused}</Tag>,
          },
          {
            title: labels.reason,
            key: 'reason',
            render: (_: unknown, r) => (r.ok ? done(r) : (r.error?.message ?? '')),
          },
        ]}
      />
    </Modal>
  );
}
