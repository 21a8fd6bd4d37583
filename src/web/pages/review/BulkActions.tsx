import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Flex, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { todayInShanghai } from '../../../domain/application/dates.js';
import {
  bulkActionLabels,
  type BulkAction,
  type BulkActionRequest,
  type BulkResult,
} from '../../../domain/schemas/bulk.js';
import { statusLabels, type ApplicationStatus } from '../../../domain/workflow.js';
import { useBulkAction, type ApplicationListItem } from '../../api/applications';
import { errorText } from '../../api/client';
import { useExpertCandidates } from '../../api/experts';
import { BulkResultTable } from '../../components/BulkResultTable';
import { BulkSelectionBar } from '../../components/BulkSelectionBar';
import { fmt, m } from '../../i18n';

const t = m.bulk;

interface Props {
  actions: BulkAction[];
  selected: ApplicationListItem[];
  /** The rows of the page shown, for 全选本页. */
  pageRows: ApplicationListItem[];
  onSelectPage: (selected: boolean) => void;
  onClear: () => void;
  /** Further buttons on the selection (导出所选). */
  extra?: ReactNode;
}

interface FormValues {
  comment?: string;
  expertId?: string;
  count?: number;
  receivedOn?: string;
}

/**
 * The bar above a queue once rows are selected: the bulk actions the server offers this user, a form
 * for the action's parameters, then a result per application (done, or refused and why).
 */
export function BulkActions({ actions, selected, pageRows, onSelectPage, onClear, extra }: Props) {
  const [open, setOpen] = useState<BulkAction | null>(null);
  const [results, setResults] = useState<{ action: BulkAction; rows: BulkResult[] } | null>(null);
  const [form] = Form.useForm<FormValues>();
  const run = useBulkAction();
  const { message } = App.useApp();
  const candidates = useExpertCandidates(open === 'assign_expert' ? selected[0]?.id : undefined);
  const byId = new Map(selected.map((a) => [a.id, a]));
  const [names, setNames] = useState(byId);

  const start = (action: BulkAction) => {
    form.resetFields();
    form.setFieldsValue({ count: 2, receivedOn: todayInShanghai() });
    setOpen(action);
  };

  const submit = async () => {
    if (!open) return;
    const v = await form.validateFields();
    const applicationIds = selected.map((a) => a.id);
    const body: BulkActionRequest =
      open === 'assign_expert'
        ? { action: open, applicationIds, expertId: v.expertId ?? '' }
        : open === 'register_paper_copy'
          ? { action: open, applicationIds, count: v.count ?? 1, receivedOn: v.receivedOn ?? '' }
          : { action: open, applicationIds, comment: v.comment?.trim() || undefined };
    try {
      const r = await run.mutateAsync(body);
      setNames(byId);
      setResults({ action: open, rows: r.results });
      setOpen(null);
      onClear();
    } catch (e) {
      void message.error(errorText(e));
    }
  };

  const okCount = results?.rows.filter((r) => r.ok).length ?? 0;
  return (
    <>
      <BulkSelectionBar
        labels={t}
        selected={selected}
        pageRows={pageRows}
        onSelectPage={onSelectPage}
        onClear={onClear}
      >
        {actions.map((a) => (
          <Button key={a} type="primary" disabled={selected.length === 0} onClick={() => start(a)}>
            {bulkActionLabels[a]}
          </Button>
        ))}
        {extra}
      </BulkSelectionBar>
      <Modal
        open={open !== null}
        title={open ? fmt(t.confirmTitle, { action: bulkActionLabels[open], count: selected.length }) : ''}
        okText={t.run}
        onOk={() => void submit()}
        confirmLoading={run.isPending}
        onCancel={() => setOpen(null)}
        destroyOnHidden
      >
        <Typography.Paragraph>
          {open ? fmt(t.confirmText, { action: bulkActionLabels[open], count: selected.length }) : null}
        </Typography.Paragraph>
        <Form form={form} layout="vertical" preserve={false}>
          {open === 'assign_expert' ? (
            <Form.Item name="expertId" label={t.expert} rules={[{ required: true, message: t.expertPlaceholder }]}>
              <Select
                placeholder={t.expertPlaceholder}
                loading={candidates.isPending}
                showSearch={{ optionFilterProp: 'label' }}
                options={(candidates.data ?? []).map((c) => ({
                  value: c.id,
                  label: `${c.displayName}（${c.orgName}${c.cityName ? `，${c.cityName}` : ''}）`,
                }))}
              />
            </Form.Item>
          ) : null}
          {open === 'assign_expert' ? <Alert type="info" showIcon title={t.expertHint} /> : null}
          {open === 'register_paper_copy' ? (
            <Flex gap={16} wrap>
              <Form.Item name="count" label={t.count} rules={[{ required: true }]}>
                <InputNumber min={1} max={10} precision={0} />
              </Form.Item>
              <Form.Item name="receivedOn" label={t.receivedOn} rules={[{ required: true }]}>
                <Input type="date" max={todayInShanghai()} />
              </Form.Item>
            </Flex>
          ) : null}
          {open && open !== 'assign_expert' && open !== 'register_paper_copy' ? (
            <Form.Item name="comment" label={t.comment}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
      <BulkResultTable<BulkResult>
        rows={results?.rows ?? null}
        title={
          results
            ? fmt(t.resultTitle, {
                action: bulkActionLabels[results.action],
                ok: okCount,
                refused: results.rows.length - okCount,
              })
            : ''
        }
        rowKey={(r) => r.applicationId}
        labels={{
          record: t.application,
          outcome: t.outcome,
          reason: t.reason,
          ok: t.resultOk,
          refused: t.resultRefused,
        }}
        name={(r) => {
          const a = names.get(r.applicationId);
          if (!a) return r.applicationId;
          // The number is one value: never 2020- on one line and 320100-0007 on the next.
          return (
            <>
              {a.spaceName ?? m.review.queue.unnamed}
              {a.number ? <span className="value-nowrap">（{a.number}）</span> : null}
            </>
          );
        }}
        done={(r) => (r.status ? statusLabels[r.status as ApplicationStatus] : '')}
        onClose={() => setResults(null)}
      />
    </>
  );
}
