import { useState } from 'react';
import { App, Button, Checkbox, Flex, Modal, Table, Tag, Typography } from 'antd';
import type { ArrivalInput } from '../../../domain/schemas/arrival.js';
import type { DispatchBulkResult } from '../../../domain/schemas/dispatchBulk.js';
import { errorText } from '../../api/client';
import { useDispatchBulkAction, type DispatchSummary } from '../../api/dispatches';
import { fmt, m } from '../../i18n';
import { ReceiveModal } from './ReceiveModal';

const t = m.dispatchBulk;

interface Props {
  selected: DispatchSummary[];
  /** The rows of the page shown, for 全选本页. */
  pageRows: DispatchSummary[];
  onSelectPage: (selected: boolean) => void;
  onClear: () => void;
}

/**
 * The bar above the incoming dispatches: 批量接收登记 of the selected ones with one 接收登记 (the
 * single receive's form), then a result per dispatch (received, or refused and why).
 */
export function DispatchBulkReceive({ selected, pageRows, onSelectPage, onClear }: Props) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [results, setResults] = useState<DispatchBulkResult[] | null>(null);
  const [names, setNames] = useState(new Map<string, DispatchSummary>());
  const run = useDispatchBulkAction();
  const { message } = App.useApp();

  const receive = (arrival: ArrivalInput) => {
    setError(null);
    const byId = new Map(selected.map((d) => [d.id, d]));
    run.mutate(
      { action: 'receive', ids: selected.map((d) => d.id), arrival },
      {
        onSuccess: (r) => {
          setNames(byId);
          setResults(r.results);
          setOpen(false);
          onClear();
        },
        onError: (e) => {
          setError(errorText(e));
          void message.error(errorText(e));
        },
      },
    );
  };

  const chosen = new Set(selected.map((d) => d.id));
  const pageAll = pageRows.length > 0 && pageRows.every((d) => chosen.has(d.id));
  const pageSome = pageRows.some((d) => chosen.has(d.id));
  const ok = results?.filter((r) => r.ok).length ?? 0;
  // Two paper copies per application (一式两份) of the first selected list, as the single receive pre-fills.
  const expectedPaper = (selected[0]?.itemCount ?? 1) * 2;
  return (
    <>
      <Flex gap={12} wrap align="center" className="bulk-bar" role="region" aria-label={t.region}>
        <Checkbox
          checked={pageAll}
          indeterminate={!pageAll && pageSome}
          disabled={pageRows.length === 0}
          onChange={(e) => onSelectPage(e.target.checked)}
        >
          {t.selectPage}
        </Checkbox>
        <Typography.Text strong>{fmt(t.selected, { count: selected.length })}</Typography.Text>
        <Button type="primary" disabled={selected.length === 0} onClick={() => setOpen(true)}>
          {t.receive}
        </Button>
        <Button onClick={onClear} disabled={selected.length === 0}>
          {t.clear}
        </Button>
      </Flex>
      <ReceiveModal
        open={open}
        busy={run.isPending}
        error={error}
        expectedPaper={expectedPaper}
        title={fmt(t.modalTitle, { count: selected.length })}
        hint={t.modalHint}
        onReceive={receive}
        onCancel={() => setOpen(false)}
      />
      <Modal
        open={results !== null}
        width={760}
        title={results ? fmt(t.resultTitle, { ok, refused: results.length - ok }) : ''}
        footer={<Button onClick={() => setResults(null)}>{m.common.close}</Button>}
        onCancel={() => setResults(null)}
        destroyOnHidden
      >
        <Table<DispatchBulkResult>
          className="bulk-results"
          rowKey="dispatchId"
          size="small"
          pagination={false}
          scroll={{ y: 420 }}
          dataSource={results ?? []}
          columns={[
            {
              title: t.dispatch,
              key: 'dispatch',
              render: (_: unknown, r) => {
                const d = names.get(r.dispatchId);
                return d
                  ? `${d.fromOrg.name}${d.supplementary ? `（${m.review.dispatch.supplementary}）` : ''}`
                  : r.dispatchId;
              },
            },
            {
              title: t.outcome,
              key: 'ok',
              width: 100,
              render: (_: unknown, r) =>
                r.ok ? <Tag color="success">{t.ok}</Tag> : <Tag color="error">{t.refused}</Tag>,
            },
            {
              title: t.reason,
              key: 'reason',
              render: (_: unknown, r) => (r.ok ? (r.late ? t.late : t.inTime) : (r.error?.message ?? '')),
            },
          ]}
        />
      </Modal>
    </>
  );
}
