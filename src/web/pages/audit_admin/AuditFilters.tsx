import { useEffect } from 'react';
import { Button, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { AUDIT_OUTCOMES, auditActionLabels, auditOutcomeLabels, type AuditOutcome } from '../../../domain/audit.js';
import type { AuditFilter } from '../../api/audit';
import { beijingIso, fromBeijingIso } from '../../format';
import { m } from '../../i18n';

interface FilterForm {
  range?: [Dayjs | null, Dayjs | null] | null;
  actor?: string;
  action?: string;
  outcome?: AuditOutcome;
  q?: string;
}

const text = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);

function toFilter(v: FilterForm): AuditFilter {
  const [from, to] = v.range ?? [];
  return {
    from: from ? beijingIso(from) : undefined,
    to: to ? beijingIso(to) : undefined,
    actor: text(v.actor),
    action: v.action,
    outcome: v.outcome,
    q: text(v.q),
  };
}

/** The form's values for a filter (from the URL): the reloaded page shows the filter it applies. */
function toForm(f: AuditFilter): FilterForm {
  return {
    range: f.from || f.to ? [f.from ? fromBeijingIso(f.from) : null, f.to ? fromBeijingIso(f.to) : null] : null,
    actor: f.actor,
    action: f.action,
    outcome: f.outcome,
    q: f.q,
  };
}

/** The filter bar of the audit log; shows `value`, applies on 查询, clears on 重置. */
export function AuditFilters({ value, onChange }: { value: AuditFilter; onChange: (f: AuditFilter) => void }) {
  const [form] = Form.useForm<FilterForm>();
  const key = JSON.stringify(value);
  useEffect(() => {
    form.setFieldsValue(toForm(JSON.parse(key) as AuditFilter));
  }, [form, key]);
  return (
    <Form<FilterForm> form={form} layout="inline" onFinish={(v) => onChange(toFilter(v))} className="audit-filters">
      <Form.Item name="range" label={m.audit.range}>
        <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
      </Form.Item>
      <Form.Item name="actor" label={m.audit.actor}>
        <Input placeholder={m.audit.actorPlaceholder} allowClear style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="action" label={m.audit.action}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={m.common.all}
          style={{ width: 180 }}
          options={Object.entries(auditActionLabels).map(([value, label]) => ({ value, label }))}
        />
      </Form.Item>
      <Form.Item name="outcome" label={m.audit.outcome}>
        <Select
          allowClear
          placeholder={m.common.all}
          style={{ width: 110 }}
          options={AUDIT_OUTCOMES.map((o) => ({ value: o, label: auditOutcomeLabels[o] }))}
        />
      </Form.Item>
      <Form.Item name="q" label={m.audit.q}>
        <Input placeholder={m.audit.qPlaceholder} allowClear style={{ width: 200 }} />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit">
          {m.common.search}
        </Button>
      </Form.Item>
      <Form.Item>
        <Button
          onClick={() => {
            form.resetFields();
            onChange({});
          }}
        >
          {m.common.reset}
        </Button>
      </Form.Item>
    </Form>
  );
}
