import { Card, Checkbox, Col, Form, Input, Radio, Row } from 'antd';
import dayjs from 'dayjs';
import {
  BASIC_INFO_LIMITS,
  enterpriseOwnershipOptions,
  managementSystemOptions,
  operatorNatureOptions,
} from '../../domain/application.js';
import { m } from '../i18n';
import type { RuleFor } from './basicInfoRules';
import { fieldOf } from './basicInfoValues';
import { NumberField, TextField, YesNoField } from './fieldParts';
import { TagListInput } from './TagListInput';
import { LazyDatePicker } from './LazyDatePicker';

const t = m.applicant.basicInfo;
const title = (text: string) => <h3 style={{ fontSize: 15, margin: 0 }}>{text}</h3>;

export function IdentitySection({ rule }: { rule: RuleFor }) {
  const established = fieldOf('establishedOn');
  const nature = fieldOf('operatorNature');
  const ownership = fieldOf('enterpriseOwnership');
  return (
    <Card title={title(t.sections.identity)} size="small">
      <Row gutter={16}>
        <TextField
          k="spaceName"
          rule={rule}
          max={BASIC_INFO_LIMITS.spaceName}
          placeholder={t.spaceNamePlaceholder}
          extra={t.spaceNameHint}
        />
        <Col xs={24} md={12}>
          <Form.Item name="establishedOn" label={established.label} required rules={rule(['establishedOn'])}>
            <LazyDatePicker
              format="YYYY-MM-DD"
              placeholder={t.datePlaceholder}
              disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
        <TextField k="operatorName" rule={rule} max={BASIC_INFO_LIMITS.operatorName} extra={t.operatorNameHint} />
        <TextField k="operatorUscc" rule={rule} max={18} extra={t.usccHint} />
        <Col xs={24}>
          <Form.Item name="operatorNature" label={nature.label} required rules={rule(['operatorNature'])}>
            <Radio.Group
              aria-label={nature.label}
              options={operatorNatureOptions.map((o) => ({ value: o.value, label: `${o.no}、${o.label}` }))}
            />
          </Form.Item>
          <Form.Item noStyle dependencies={['operatorNature']}>
            {({ getFieldValue }) =>
              getFieldValue('operatorNature') === 'enterprise' ? (
                <Form.Item
                  name="enterpriseOwnership"
                  label={ownership.fullLabel}
                  required
                  rules={rule(['enterpriseOwnership'])}
                  className="basic-info-nested"
                >
                  <Radio.Group
                    aria-label={ownership.fullLabel}
                    options={enterpriseOwnershipOptions.map((o) => ({ value: o.value, label: o.label }))}
                  />
                </Form.Item>
              ) : null
            }
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}

export function PeopleSection({ rule }: { rule: RuleFor }) {
  const L = BASIC_INFO_LIMITS;
  return (
    <Card title={title(t.sections.people)} size="small">
      <Row gutter={16}>
        <TextField k="legalRepresentative.name" rule={rule} max={L.personName} />
        <TextField k="legalRepresentative.phone" rule={rule} max={30} inputMode="tel" extra={t.phoneHint} />
        <TextField k="head.name" rule={rule} max={L.personName} />
        <TextField k="head.mobile" rule={rule} max={20} inputMode="tel" />
        <TextField k="contact.name" rule={rule} max={L.personName} />
        <TextField k="contact.mobile" rule={rule} max={20} inputMode="tel" />
        <TextField k="address" rule={rule} max={L.address} />
        <TextField k="email" rule={rule} max={L.email} inputMode="email" />
      </Row>
    </Card>
  );
}

export function BackingSection({ rule }: { rule: RuleFor }) {
  return (
    <Card title={title(t.sections.backing)} size="small">
      <Row gutter={16}>
        <YesNoField k="backing.leadingEnterprise" rule={rule} />
        <YesNoField k="backing.university" rule={rule} />
        <YesNoField k="backing.researchInstitute" rule={rule} />
        <YesNoField k="backing.newRdInstitution" rule={rule} />
      </Row>
    </Card>
  );
}

export function ScaleSection({ rule }: { rule: RuleFor }) {
  const main = fieldOf('mainFields');
  return (
    <Card title={title(`${t.sections.team}、${t.sections.site}、${t.sections.residents}`)} size="small">
      <Row gutter={16}>
        <Col xs={24}>
          <Form.Item
            name="mainFields"
            label={main.label}
            required
            rules={rule(['mainFields'])}
            extra={t.mainFieldsHint}
          >
            <TagListInput
              placeholder={t.mainFieldsPlaceholder}
              max={BASIC_INFO_LIMITS.mainFields}
              maxLength={BASIC_INFO_LIMITS.mainField}
            />
          </Form.Item>
        </Col>
        <NumberField k="managementTeamSize" rule={rule} />
        <NumberField k="collegeEducatedCount" rule={rule} dependsOn="managementTeamSize" />
        <NumberField k="mentorCount" rule={rule} />
        <NumberField k="selfControlledArea" rule={rule} />
        <NumberField k="publicServiceArea" rule={rule} dependsOn="selfControlledArea" />
        <NumberField k="angelFundSize" rule={rule} />
        <NumberField k="residentProjectCount" rule={rule} />
        <NumberField k="residentCompanyCount" rule={rule} />
        <NumberField k="eventCount" rule={rule} />
      </Row>
    </Card>
  );
}

export function PlatformsSection({ rule }: { rule: RuleFor }) {
  const systems = fieldOf('managementSystems');
  return (
    <Card title={title(t.sections.platforms)} size="small">
      <Row gutter={16}>
        <YesNoField k="onlinePlatform" rule={rule} />
        <YesNoField k="publicTechPlatform" rule={rule} />
        <Col xs={24}>
          <fieldset className="basic-info-fieldset">
            <legend>{systems.label}</legend>
            <Row gutter={[16, 0]}>
              {managementSystemOptions.map((o) => (
                <Col key={o.key}>
                  <Form.Item name={['managementSystems', o.key]} valuePropName="checked" noStyle>
                    <Checkbox>{o.label}</Checkbox>
                  </Form.Item>
                </Col>
              ))}
            </Row>
          </fieldset>
          <Form.Item noStyle dependencies={[['managementSystems', 'other']]}>
            {({ getFieldValue }) =>
              getFieldValue(['managementSystems', 'other']) ? (
                <Form.Item
                  name="managementSystemsOther"
                  label={fieldOf('managementSystemsOther').fullLabel}
                  required
                  rules={rule(['managementSystemsOther'])}
                  className="basic-info-nested"
                >
                  <Input.TextArea
                    maxLength={BASIC_INFO_LIMITS.managementSystemsOther}
                    autoSize={{ minRows: 1, maxRows: 4 }}
                    placeholder={t.otherPlaceholder}
                  />
                </Form.Item>
              ) : null
            }
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}
