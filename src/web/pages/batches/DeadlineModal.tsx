import { useLayoutEffect, useState } from 'react';
import { Alert, App, DatePicker, Descriptions, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import {
  deadlineKindLabels,
  extendDeadlineRequest,
  formatBeijing,
  type DeadlineKind,
} from '../../../domain/schemas/batches.js';
import { isApiError } from '../../api/client';
import { useExtendDeadline, useSetDeadline, type Deadline } from '../../api/batches';
import { applyServerErrors } from '../../components/formErrors';
import { zodRule } from '../../components/zodRule';
import { fmt, m } from '../../i18n';
import { beijingToday, DEFAULT_TIME, dueAtProblem, fromPicker, isPast, toPicker } from './time';

const t = m.batches.deadlines;

/** What the modal works on: a new deadline for a scope, or an existing one to extend. */
export type DeadlineTask =
  | { mode: 'set'; kind: DeadlineKind; scopeOrgId: string | null; scopeName: string }
  | { mode: 'extend'; deadline: Deadline; scopeName: string };

interface DeadlineForm {
  dueAt: Dayjs | null;
  reason?: string;
}

interface Props {
  batchId: string;
  task: DeadlineTask | null;
  /** The nearest deadline above, shown as the bound the new date must keep. */
  upper: { kind: DeadlineKind; dueAt: string } | null;
  onClose: () => void;
}

/** Sets one step of the cascade, or extends it with a reason; the server's refusals appear beside the field. */
export function DeadlineModal({ batchId, task, upper, onClose }: Props) {
  const [form] = Form.useForm<DeadlineForm>();
  const set = useSetDeadline();
  const extend = useExtendDeadline();
  const { message } = App.useApp();
  const [failure, setFailure] = useState<string | null>(null);
  const kind = task ? (task.mode === 'set' ? task.kind : task.deadline.kind) : 'province';
  const current = task?.mode === 'extend' ? task.deadline.dueAt : null;

  useLayoutEffect(() => {
    if (task) {
      form.resetFields();
      setFailure(null);
    }
  }, [task, form]);

  const close = () => {
    form.resetFields();
    setFailure(null);
    onClose();
  };

  const onError = (e: unknown) => {
    if (isApiError(e) && e.status === 409) {
      // Someone else set or extended it meanwhile: the batch reloads (the mutation refreshes it).
      setFailure(`${e.message}。${m.batches.detail.conflict}`);
      return;
    }
    setFailure(applyServerErrors(form, ['dueAt', 'reason'], e));
  };

  const submit = (v: DeadlineForm) => {
    if (!task || !v.dueAt) return;
    setFailure(null);
    const dueAt = fromPicker(v.dueAt);
    const onSuccess = (msg: string) => () => {
      message.success(msg);
      close();
    };
    if (task.mode === 'set') {
      set.mutate(
        { batchId, kind: task.kind, scopeOrgId: task.scopeOrgId, dueAt },
        { onSuccess: onSuccess(t.setDone), onError },
      );
    } else {
      extend.mutate(
        { deadlineId: task.deadline.id, dueAt, reason: (v.reason ?? '').trim() },
        { onSuccess: onSuccess(t.extendDone), onError },
      );
    }
  };

  const dueRule = {
    validator: async (_: unknown, v: Dayjs | null | undefined) => {
      if (!v) return;
      const problem = dueAtProblem(v);
      if (problem) throw new Error(problem);
      if (isPast(v)) throw new Error(`${deadlineKindLabels[kind]}应晚于当前时间`);
      if (current && new Date(fromPicker(v)).getTime() <= new Date(current).getTime())
        throw new Error(`延期后的时间应晚于当前截止时间（${formatBeijing(current)}，北京时间）`);
    },
  };

  const title = task ? fmt(task.mode === 'set' ? t.setTitle : t.extendTitle, { kind: deadlineKindLabels[kind] }) : '';

  return (
    <Modal
      open={task !== null}
      title={title}
      okText={task?.mode === 'extend' ? t.extend : t.set}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={set.isPending || extend.isPending}
      destroyOnHidden
      forceRender
    >
      {failure ? <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} role="alert" /> : null}
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'scope', label: t.scope, children: task?.scopeName },
          ...(current ? [{ key: 'current', label: t.dueAt, children: `${formatBeijing(current)}（北京时间）` }] : []),
          ...(upper
            ? [
                {
                  key: 'upper',
                  label: '不得晚于',
                  children: `${formatBeijing(upper.dueAt)}（${deadlineKindLabels[upper.kind]}）`,
                },
              ]
            : []),
        ]}
      />
      <Form<DeadlineForm> form={form} layout="vertical" onFinish={submit} initialValues={{ dueAt: null }}>
        <Form.Item
          name="dueAt"
          label={task?.mode === 'extend' ? t.newDueAtExtend : t.newDueAt}
          rules={[{ required: true, message: '请选择截止时间' }, dueRule]}
        >
          <DatePicker
            showTime={{ format: 'HH:mm', defaultOpenValue: DEFAULT_TIME }}
            format="YYYY-MM-DD HH:mm"
            placeholder={m.batches.form.dateTimePlaceholder}
            disabledDate={(d) => d.isBefore(current ? toPicker(current).startOf('day') : beijingToday(), 'day')}
            style={{ width: '100%' }}
          />
        </Form.Item>
        {task?.mode === 'extend' ? (
          <Form.Item
            name="reason"
            label={t.reason}
            rules={[
              { required: true, whitespace: true, message: '请填写延期理由' },
              zodRule(extendDeadlineRequest.shape.reason),
            ]}
          >
            <Input.TextArea
              autoSize={{ minRows: 3, maxRows: 6 }}
              maxLength={500}
              showCount
              placeholder={t.reasonPlaceholder}
            />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
