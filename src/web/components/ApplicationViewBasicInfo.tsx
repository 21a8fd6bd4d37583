import type { ReactNode } from 'react';
import { Descriptions, Empty, Flex, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import {
  basicInfoField,
  BASIC_INFO_FORM_HEADING,
  enterpriseOwnershipOptions,
  managementSystemOptions,
  operatorNatureOptions,
  type BasicInfoFieldKey,
} from '../../domain/application.js';
import type { IndicatorKey } from '../../domain/thresholds.js';
import { m } from '../i18n';
import { IndicatorFlag, type Indicator } from './ApplicationViewIndicators';

type Info = Record<string, unknown>;
type Item = NonNullable<DescriptionsProps['items']>[number];

const NONE = m.common.none;
const box = (on: boolean) => (on ? '☑' : '☐');

function at(info: Info, key: string): unknown {
  return key.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Info)[k] : undefined), info);
}

const text = (v: unknown): string => (v === undefined || v === null || v === '' ? NONE : String(v));

/** 是/否 as the printed tick boxes, with the name given for 是. */
function yesNo(v: unknown): ReactNode {
  const answer = (v as { answer?: string; name?: string } | undefined)?.answer;
  const name = (v as { name?: string } | undefined)?.name;
  if (!answer) return NONE;
  return (
    <span>
      {box(answer === 'yes')} 是{answer === 'yes' && name ? `（${name}）` : ''}
      {'\u3000'}
      {box(answer === 'no')} 否
    </span>
  );
}

function nature(info: Info): ReactNode {
  const value = info.operatorNature as string | undefined;
  const ownership = info.enterpriseOwnership as string | undefined;
  return (
    <Flex wrap gap={12}>
      {operatorNatureOptions.map((o) => (
        <span key={o.value}>
          {box(value === o.value)} {o.no}、{o.label}
          {o.value === 'enterprise'
            ? `（${enterpriseOwnershipOptions.map((e) => `${box(ownership === e.value)}${e.label}`).join('、')}）`
            : ''}
        </span>
      ))}
    </Flex>
  );
}

function systems(info: Info): ReactNode {
  const s = (info.managementSystems ?? {}) as Record<string, boolean>;
  const other = info.managementSystemsOther as string | undefined;
  return (
    <Flex wrap gap={12}>
      {managementSystemOptions.map((o) => (
        <span key={o.key}>
          {box(o.key === 'other' ? !!other : !!s[o.key])} {o.label}
          {o.key === 'other' && other ? `：${other}` : ''}
        </span>
      ))}
    </Flex>
  );
}

/** Which basic-info field an advisory indicator sits beside. */
const INDICATOR_BESIDE: Partial<Record<BasicInfoFieldKey, IndicatorKey>> = {
  establishedOn: 'monthsInOperation',
  selfControlledArea: 'selfControlledArea',
  mentorCount: 'mentorCount',
  eventCount: 'eventCount',
  angelFundSize: 'angelFundSize',
  managementTeamSize: 'managementTeamSize',
};

/**
 * Attachment 2 (基础信息表) as a bordered table in the order of the printed form, with the advisory
 * indicators flagged beside the values they are computed from.
 */
export function ApplicationViewBasicInfo({ info, indicators }: { info: Info | null; indicators: Indicator[] }) {
  if (!info) return <Empty description={m.review.detail.noContent} />;
  const byKey = new Map(indicators.map((i) => [i.key, i]));

  const cell = (key: BasicInfoFieldKey, span?: Item['span']): Item => {
    const f = basicInfoField(key);
    const raw = at(info, key);
    let value: ReactNode;
    if (f.kind === 'yesNo') value = yesNo(raw);
    else if (f.kind === 'list') value = Array.isArray(raw) && raw.length ? raw.join('、') : NONE;
    else value = raw !== undefined && raw !== null && raw !== '' && f.unit ? `${text(raw)} ${f.unit}` : text(raw);
    const ind = INDICATOR_BESIDE[key];
    return {
      key,
      label: f.label,
      span,
      children: (
        <>
          {value}
          {ind ? <IndicatorFlag indicator={byKey.get(ind)} /> : null}
        </>
      ),
    };
  };
  const full = { xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 };

  const items: Item[] = [
    cell('spaceName'),
    cell('establishedOn'),
    cell('operatorName', full),
    cell('operatorUscc', full),
    { key: 'operatorNature', label: basicInfoField('operatorNature').label, span: full, children: nature(info) },
    cell('legalRepresentative.name'),
    cell('legalRepresentative.phone'),
    cell('head.name'),
    cell('head.mobile'),
    cell('contact.name'),
    cell('contact.mobile'),
    cell('address'),
    cell('email'),
    cell('backing.leadingEnterprise'),
    cell('backing.university'),
    cell('backing.researchInstitute'),
    cell('backing.newRdInstitution'),
    cell('mainFields', full),
    cell('managementTeamSize'),
    cell('collegeEducatedCount'),
    cell('mentorCount'),
    cell('selfControlledArea'),
    cell('publicServiceArea'),
    cell('angelFundSize'),
    cell('residentProjectCount'),
    cell('residentCompanyCount'),
    cell('eventCount', full),
    cell('onlinePlatform', full),
    cell('publicTechPlatform', full),
    { key: 'managementSystems', label: basicInfoField('managementSystems').label, span: full, children: systems(info) },
  ];

  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 16, textAlign: 'center', margin: '0 0 12px' }}>
        {BASIC_INFO_FORM_HEADING}
      </Typography.Title>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}
        // A table column's width is only a hint: a block of fixed width inside the label keeps the
        // column from shrinking to two characters when the contents are long.
        items={items.map((i) => ({ ...i, label: <span className="form-table-label">{i.label}</span> }))}
        className="application-form-table"
      />
    </>
  );
}
