import { useEffect, useMemo, useRef } from 'react';
import { Flex, Form, type FormInstance } from 'antd';
import { useBasicInfoRules } from './basicInfoRules';
import { fromFormValues, toFormValues, type BasicInfoFormValues } from './basicInfoValues';
import { BackingSection, IdentitySection, PeopleSection, PlatformsSection, ScaleSection } from './BasicInfoSections';
import { useSecondRender } from '../loadable';
import './forms.css';

interface Props {
  form: FormInstance<BasicInfoFormValues>;
  initial: Record<string, unknown> | null | undefined;
  onChange: (basicInfo: Record<string, unknown>) => void;
  disabled?: boolean;
  /** Called once, when every section's fields have mounted (errors can then be shown on any field). */
  onAllMounted?: () => void;
}

/**
 * 基础信息表 (attachment 2) in the printed order. Each field is checked with the shared submission
 * schema as the user leaves it; choices that make another field moot clear it (企业 → 国有/民营,
 * 否 → the name, 其他 unticked → its text).
 */
export function BasicInfoForm({ form, initial, onChange, disabled, onAllMounted }: Props) {
  const rule = useBasicInfoRules(form);
  const initialValues = useMemo(() => toFormValues(initial), [initial]);
  // The first section renders with the form and the four below it in a second render (issue 17, the
  // editor's largest contentful paint): rendering all five at once — every kind of control of the
  // step, antd generating the styles of each — held the first paint of the editor back.
  const allSections = useSecondRender();
  const allMounted = useRef(onAllMounted);
  useEffect(() => {
    if (allSections) allMounted.current?.();
  }, [allSections]);
  return (
    <Form<BasicInfoFormValues>
      form={form}
      name="basicInfo"
      className="application-form"
      layout="vertical"
      validateTrigger="onBlur"
      initialValues={initialValues}
      disabled={disabled}
      onValuesChange={(changed: Record<string, unknown>) => {
        if ('operatorNature' in changed && changed.operatorNature !== 'enterprise') {
          form.setFieldValue('enterpriseOwnership', undefined);
        }
        for (const [group, value] of Object.entries(changed)) {
          if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
          for (const [key, sub] of Object.entries(value as Record<string, unknown>)) {
            const answer = (sub as { answer?: unknown } | null)?.answer;
            if (answer === 'no') form.setFieldValue([group, key, 'name'], undefined);
            if (group === 'managementSystems' && key === 'other' && sub === false)
              form.setFieldValue('managementSystemsOther', undefined);
          }
          const direct = (value as { answer?: unknown }).answer;
          if (direct === 'no') form.setFieldValue([group, 'name'], undefined);
        }
        onChange(fromFormValues(form.getFieldsValue(true)));
      }}
    >
      <Flex vertical gap={16}>
        <IdentitySection rule={rule} />
        {allSections ? (
          <>
            <PeopleSection rule={rule} />
            <BackingSection rule={rule} />
            <ScaleSection rule={rule} />
            <PlatformsSection rule={rule} />
          </>
        ) : null}
      </Flex>
    </Form>
  );
}
