import { describe, expect, it } from 'vitest';
import { wholeMonthsBetween, type BasicInfoDraft } from '../../src/domain/application.js';
import { exampleContent } from '../../src/domain/example-content.js';
import { advisoryIndicators, INDICATOR_KEYS, type IndicatorKey } from '../../src/domain/thresholds.js';

const byKey = (basicInfo: BasicInfoDraft | null | undefined, today: string) =>
  Object.fromEntries(advisoryIndicators(basicInfo, { today }).map((i) => [i.key, i])) as Record<
    IndicatorKey,
    ReturnType<typeof advisoryIndicators>[number]
  >;

/** A space that meets every national and Jiangsu minimum exactly. */
const atMinimum: BasicInfoDraft = {
  establishedOn: '2019-01-01',
  selfControlledArea: 500,
  mentorCount: 3,
  eventCount: 10,
  angelFundSize: 0,
  managementTeamSize: 3,
};
const TODAY_18_MONTHS = '2020-07-01';

describe('advisory filing indicators', () => {
  it('lists the six indicators in order with Chinese labels, units and the published minima', () => {
    const list = advisoryIndicators(exampleContent.basicInfo, { today: '2020-07-01' });
    expect(list.map((i) => i.key)).toEqual([...INDICATOR_KEYS]);
    expect(list.map((i) => [i.key, i.label, i.unit, i.nationalMin, i.jiangsuMin])).toEqual([
      ['monthsInOperation', '运营时间', '个月', 18, 12],
      ['selfControlledArea', '自主支配场地建筑面积', '平方米', 500, 300],
      ['mentorCount', '创业导师数', '人', 3, undefined],
      ['eventCount', '举办创新创业活动次数', '次', 10, undefined],
      ['angelFundSize', '天使投资（种子）基金（资金）规模', '万元', undefined, undefined],
      ['managementTeamSize', '管理团队人员总数', '人', 3, undefined],
    ]);
  });

  it('reads the values of the example and flags nothing', () => {
    const i = byKey(exampleContent.basicInfo, '2020-07-01');
    expect(i.monthsInOperation.value).toBe(45); // 2016-09-20 → 2020-07-01
    expect(i.selfControlledArea.value).toBe(6800);
    expect(i.mentorCount.value).toBe(25);
    expect(i.eventCount.value).toBe(42);
    expect(i.angelFundSize.value).toBe(5000);
    expect(i.managementTeamSize.value).toBe(18);
    for (const ind of Object.values(i)) {
      expect(ind.belowNational).toBe(false);
      expect(ind.belowJiangsu).toBe(false);
    }
  });

  it('does not flag values exactly at the minimum', () => {
    for (const ind of advisoryIndicators(atMinimum, { today: TODAY_18_MONTHS })) {
      expect([ind.key, ind.belowNational, ind.belowJiangsu]).toEqual([ind.key, false, false]);
    }
  });

  it('flags values just below the national minimum, each on its own', () => {
    const cases: [IndicatorKey, BasicInfoDraft][] = [
      ['selfControlledArea', { selfControlledArea: 499.5 }],
      ['mentorCount', { mentorCount: 2 }],
      ['eventCount', { eventCount: 9 }],
      ['managementTeamSize', { managementTeamSize: 2 }],
      ['monthsInOperation', { establishedOn: '2019-01-02' }],
    ];
    for (const [key, change] of cases) {
      const i = byKey({ ...atMinimum, ...change }, TODAY_18_MONTHS);
      const flagged = Object.values(i)
        .filter((x) => x.belowNational)
        .map((x) => x.key);
      expect(flagged).toEqual([key]);
    }
  });

  it('uses Jiangsu’s lower minima for months (12) and area (300 m²)', () => {
    const nine = byKey({ establishedOn: '2019-10-01', selfControlledArea: 299 }, '2020-07-01');
    expect(nine.monthsInOperation).toMatchObject({ value: 9, belowNational: true, belowJiangsu: true });
    expect(nine.selfControlledArea).toMatchObject({ value: 299, belowNational: true, belowJiangsu: true });
    const twelve = byKey({ establishedOn: '2019-10-01', selfControlledArea: 300 }, '2020-10-01');
    expect(twelve.monthsInOperation).toMatchObject({ value: 12, belowNational: true, belowJiangsu: false });
    expect(twelve.selfControlledArea).toMatchObject({ value: 300, belowNational: true, belowJiangsu: false });
  });

  it('never flags the angel fund, which has no published minimum', () => {
    expect(byKey({ angelFundSize: 0 }, '2020-07-01').angelFundSize).toMatchObject({
      value: 0,
      belowNational: false,
      belowJiangsu: false,
    });
  });

  it('gives null and no flag for values a draft has not filled in', () => {
    for (const basicInfo of [{}, null, undefined, { establishedOn: '2020-02-30' }]) {
      for (const ind of advisoryIndicators(basicInfo, { today: '2020-07-01' })) {
        expect([ind.key, ind.value, ind.belowNational, ind.belowJiangsu]).toEqual([ind.key, null, false, false]);
      }
    }
  });

  it('counts an establishment date in the future as 0 months', () => {
    expect(byKey({ establishedOn: '2021-01-01' }, '2020-07-01').monthsInOperation.value).toBe(0);
  });
});

describe('wholeMonthsBetween', () => {
  it.each([
    ['2020-01-15', '2020-01-15', 0],
    ['2020-01-15', '2020-02-14', 0],
    ['2020-01-15', '2020-02-15', 1],
    ['2020-01-31', '2020-02-29', 0],
    ['2020-01-31', '2020-03-01', 1],
    ['2019-01-01', '2020-07-01', 18],
    ['2016-09-20', '2020-07-01', 45],
    ['2020-03-10', '2020-01-20', -1],
  ])('%s → %s is %i months', (from, to, months) => {
    expect(wholeMonthsBetween(from, to)).toBe(months);
  });

  it('is null for an invalid date', () => {
    expect(wholeMonthsBetween('2020-02-30', '2020-07-01')).toBeNull();
    expect(wholeMonthsBetween('2020-01-01', 'today')).toBeNull();
  });
});
