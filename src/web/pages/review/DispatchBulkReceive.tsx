import { useState } from 'react';
import { App, Button } from 'antd';
import type { ArrivalInput } from '../../../domain/schemas/arrival.js';
import type { DispatchBulkResult } from '../../../domain/schemas/dispatchBulk.js';
import { errorText } from '../../api/client';
import { useDispatchBulkAction, type DispatchSummary } from '../../api/dispatches';
import { BulkResultTable } from '../../components/BulkResultTable';
import { BulkSelectionBar } from '../../components/BulkSelectionBar';
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

  const ok = results?.filter((r) => r.ok).length ?? 0;
  // Two paper copies per application (一式两份) of the first selected list, as the single receive pre-fills.
  const expectedPaper = (selected[0]?.itemCount ?? 1) * 2;
  return (
    <>
      <BulkSelectionBar
        labels={t}
        selected={selected}
        pageRows={pageRows}
        onSelectPage={onSelectPage}
        onClear={onClear}
      >
        <Button type="primary" disabled={selected.length === 0} onClick={() => setOpen(true)}>
          {t.receive}
        </Button>
      </BulkSelectionBar>
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
      <BulkResultTable<DispatchBulkResult>
        rows={results}
        title={results ? fmt(t.resultTitle, { ok, refused: results.length - ok }) : ''}
        rowKey={(r) => r.dispatchId}
        labels={{ record: t.dispatch, outcome: t.outcome, reason: t.reason, ok: t.ok, refused: t.refused }}
        name={(r) => {
          const d = names.get(r.dispatchId);
          return d
            ? `${d.fromOrg.name}${d.supplementary ? `（${m.review.dispatch.supplementary}）` : ''}`
            : r.dispatchId;
        }}
        done={(r) => (r.late ? t.late : t.inTime)}
        onClose={() => setResults(null)}
      />
    </>
  );
}
