import { wholeMonthsBetween } from './application/dates.js';
import type { BasicInfoDraft } from './application/basic-info.js';

/**
 * Advisory filing indicators (DOMAIN §4): the national general maker space filing rule and Jiangsu's
 * provincial one. The Work Guide 231号 for specialised spaces sets no confirmed numeric threshold,
 * so these are shown to reviewers as advice and never block a submission.
 */
export const NATIONAL_FILING_RULE = '国科火字〔2017〕120号';
export const JIANGSU_FILING_RULE = '苏科技规〔2019〕207号';

export const INDICATOR_KEYS = [
  'monthsInOperation',
  'selfControlledArea',
  'mentorCount',
  'eventCount',
  'angelFundSize',
  'managementTeamSize',
] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

export interface IndicatorDefinition {
  key: IndicatorKey;
  label: string;
  unit: string;
  nationalMin?: number;
  jiangsuMin?: number;
  /** What the national or provincial rule actually says, where the number alone would mislead. */
  note?: string;
}

export const indicatorDefinitions: readonly IndicatorDefinition[] = [
  {
    key: 'monthsInOperation',
    label: '运营时间',
    unit: '个月',
    nationalMin: 18,
    jiangsuMin: 12,
    note: '国家备案要求运营满 18 个月；江苏省级备案要求运营满 1 年',
  },
  {
    key: 'selfControlledArea',
    label: '自主支配场地建筑面积',
    unit: '平方米',
    nationalMin: 500,
    jiangsuMin: 300,
    note: '国家备案要求场地不少于 500 平方米或工位不少于 30 个；江苏省级备案要求不少于 300 平方米、工位不少于 30 个',
  },
  {
    key: 'mentorCount',
    label: '创业导师数',
    unit: '人',
    nationalMin: 3,
  },
  {
    key: 'eventCount',
    label: '举办创新创业活动次数',
    unit: '次',
    nationalMin: 10,
    note: '国家备案要求每年举办创新创业活动不少于 10 场次',
  },
  {
    key: 'angelFundSize',
    label: '天使投资（种子）基金（资金）规模',
    unit: '万元',
    note: '备案规定未设金额下限，供评审参考',
  },
  {
    key: 'managementTeamSize',
    label: '管理团队人员总数',
    unit: '人',
    nationalMin: 3,
    note: '国家备案要求全职管理人员不少于 3 人',
  },
];

export interface AdvisoryIndicator extends IndicatorDefinition {
  /** null when the application does not give the value (yet). */
  value: number | null;
  /** True only when the value is known and below the national minimum. */
  belowNational: boolean;
  /** True only when the value is known and below the Jiangsu minimum. */
  belowJiangsu: boolean;
}

const numberOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * The advisory indicators of an application's basic info, for reviewers; works on a draft too
 * (unknown values give value null and no "below" flag). `today` is 'YYYY-MM-DD' in Asia/Shanghai.
 */
export function advisoryIndicators(
  basicInfo: BasicInfoDraft | null | undefined,
  opts: { today: string },
): AdvisoryIndicator[] {
  const info = basicInfo ?? {};
  const months = typeof info.establishedOn === 'string' ? wholeMonthsBetween(info.establishedOn, opts.today) : null;
  const values: Record<IndicatorKey, number | null> = {
    monthsInOperation: months === null ? null : Math.max(0, months),
    selfControlledArea: numberOrNull(info.selfControlledArea),
    mentorCount: numberOrNull(info.mentorCount),
    eventCount: numberOrNull(info.eventCount),
    angelFundSize: numberOrNull(info.angelFundSize),
    managementTeamSize: numberOrNull(info.managementTeamSize),
  };
  return indicatorDefinitions.map((def) => {
    const value = values[def.key];
    return {
      ...def,
      value,
      belowNational: value !== null && def.nationalMin !== undefined && value < def.nationalMin,
      belowJiangsu: value !== null && def.jiangsuMin !== undefined && value < def.jiangsuMin,
    };
  });
}
