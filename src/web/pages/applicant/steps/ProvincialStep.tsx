import { useMemo } from 'react';
import { Card, Col, Form, Input, InputNumber, Radio, Row, Typography, type FormInstance } from 'antd';
import {
  DOCUMENT_NO_MAX,
  provincialFilingFields as labels,
  provincialFilingSchema,
} from '../../../../domain/application.js';
import { m } from '../../../i18n';

interface Props {
  form: FormInstance;
  initial: Record<string, unknown> | null | undefined;
  onChange: (v: Record<string, unknown>) => void;
}

const t = m.applicant.provincial;

/** 省级备案情况: already in provincial filing (year and document number) or about to apply. */
export function ProvincialStep({ form, initial, onChange }: Props) {
  const rule = useMemo(
    () => (key: string) => [
      {
        validator: async () => {
          const r = provincialFilingSchema.safeParse(JSON.parse(JSON.stringify(form.getFieldsValue(true))));
          const issue = r.success ? undefined : r.error.issues.find((i) => i.path.map(String).join('.') === key);
          if (issue) throw new Error(issue.message);
        },
      },
    ],
    [form],
  );
  return (
    <Card title={<h2 className="step-title">{t.heading}</h2>}>
      <Typography.Paragraph type="secondary">{t.hint}</Typography.Paragraph>
      <Form
        form={form}
        name="provincialFiling"
        className="application-form"
        layout="vertical"
        validateTrigger="onBlur"
        initialValues={initial ?? {}}
        onValuesChange={(changed: Record<string, unknown>) => {
          if (changed.status === 'planned') form.setFieldsValue({ year: undefined, documentNo: undefined });
          onChange(JSON.parse(JSON.stringify(form.getFieldsValue(true))) as Record<string, unknown>);
        }}
      >
        <Form.Item name="status" label={labels.label} required rules={rule('status')}>
          <Radio.Group
            aria-label={labels.label}
            options={labels.statusOptions.map((o) => ({ value: o.value, label: o.label }))}
            className="radio-vertical"
          />
        </Form.Item>
        <Form.Item noStyle dependencies={['status']}>
          {({ getFieldValue }) =>
            getFieldValue('status') === 'filed' ? (
              <Row gutter={16} className="basic-info-nested">
                <Col xs={24} md={10}>
                  <Form.Item name="year" label={labels.year.label} required rules={rule('year')}>
                    <InputNumber
                      precision={0}
                      controls={false}
                      suffix={labels.year.unit}
                      placeholder={t.yearPlaceholder}
                      style={{ width: '100%' }}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={14}>
                  <Form.Item
                    name="documentNo"
                    label={labels.documentNo.label}
                    required
                    rules={rule('documentNo')}
                    extra={labels.documentNo.hint}
                  >
                    <Input maxLength={DOCUMENT_NO_MAX} />
                  </Form.Item>
                </Col>
              </Row>
            ) : null
          }
        </Form.Item>
      </Form>
    </Card>
  );
}
