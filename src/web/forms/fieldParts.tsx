import { Col, Form, Input, InputNumber, Radio } from 'antd';
import { yesNoOptions, type BasicInfoFieldKey } from '../../domain/application.js';
import { BASIC_INFO_LIMITS } from '../../domain/application.js';
import type { RuleFor } from './basicInfoRules';
import { fieldOf, namePath } from './basicInfoValues';

export interface FieldProps {
  k: BasicInfoFieldKey;
  rule: RuleFor;
  span?: number;
}

/** A text field of attachment 2, labelled as printed. */
export function TextField({
  k,
  rule,
  span = 12,
  max,
  placeholder,
  extra,
  inputMode,
  autoComplete,
}: FieldProps & {
  max: number;
  placeholder?: string;
  extra?: string;
  inputMode?: 'tel' | 'email' | 'text';
  autoComplete?: string;
}) {
  const f = fieldOf(k);
  return (
    <Col xs={24} md={span}>
      <Form.Item
        name={namePath(k)}
        label={f.fullLabel ?? f.label}
        required
        rules={rule(namePath(k))}
        extra={extra ?? f.hint}
      >
        <Input maxLength={max} placeholder={placeholder} inputMode={inputMode} autoComplete={autoComplete ?? 'off'} />
      </Form.Item>
    </Col>
  );
}

/** A count or an amount with its unit (人, 平方米, 万元 …); counts take whole numbers only. */
export function NumberField({ k, rule, span = 8, dependsOn }: FieldProps & { dependsOn?: BasicInfoFieldKey }) {
  const f = fieldOf(k);
  const integer = f.kind === 'integer';
  return (
    <Col xs={24} sm={12} md={span}>
      <Form.Item
        name={namePath(k)}
        label={f.label}
        required
        rules={rule(namePath(k))}
        dependencies={dependsOn ? [namePath(dependsOn)] : undefined}
      >
        <InputNumber
          min={0}
          precision={integer ? 0 : undefined}
          suffix={f.unit}
          inputMode={integer ? 'numeric' : 'decimal'}
          controls={false}
          style={{ width: '100%' }}
        />
      </Form.Item>
    </Col>
  );
}

/** 是/否 with the full name asked for when 是; choosing 否 clears the name. */
export function YesNoField({ k, rule, span = 12 }: FieldProps) {
  const f = fieldOf(k);
  const base = namePath(k);
  return (
    <Col xs={24} md={span}>
      <Form.Item name={[...base, 'answer']} label={f.label} required rules={rule([...base, 'answer'])}>
        <Radio.Group aria-label={f.label} options={yesNoOptions.map((o) => ({ value: o.value, label: o.label }))} />
      </Form.Item>
      <Form.Item noStyle dependencies={[[...base, 'answer']]}>
        {({ getFieldValue }) =>
          getFieldValue([...base, 'answer']) === 'yes' ? (
            <Form.Item name={[...base, 'name']} label={f.nameLabel} required rules={rule([...base, 'name'])}>
              <Input maxLength={BASIC_INFO_LIMITS.backingName} />
            </Form.Item>
          ) : null
        }
      </Form.Item>
    </Col>
  );
}
