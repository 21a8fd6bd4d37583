import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  draftContentSchema,
  makeProvincialFilingSchema,
  makeSubmissionContentSchema,
  submissionContentSchema,
  todayInShanghai,
  validateForSubmission,
} from '../../src/domain/application.js';
import { pledgeSchema } from '../../src/domain/pledges.js';
import { CJK, expectOnly, expectValid, parsed, problems, TODAY } from '../helpers/content.js';

describe('provincial filing status', () => {
  it('filed: year and document number required', () => {
    expectOnly({ 'provincialFiling.year': undefined }, 'provincialFiling.year', '请填写纳入省级备案年份');
    expectOnly({ 'provincialFiling.documentNo': ' ' }, 'provincialFiling.documentNo', '请填写省级备案文号');
    expect(problems({ provincialFiling: { status: 'filed' } })).toEqual([
      { path: 'provincialFiling.year', message: '请填写纳入省级备案年份' },
      { path: 'provincialFiling.documentNo', message: '请填写省级备案文号' },
    ]);
  });

  it('filed: the year lies between 2015 and this year', () => {
    expectValid({ 'provincialFiling.year': 2015 });
    expectValid({ 'provincialFiling.year': 2020 });
    for (const year of [2014, 2021]) {
      expectOnly(
        { 'provincialFiling.year': year },
        'provincialFiling.year',
        '纳入省级备案年份应在 2015 至 2020 年之间',
      );
    }
    expectOnly({ 'provincialFiling.year': 2019.5 }, 'provincialFiling.year', '纳入省级备案年份应为整数年份');
    expectOnly({ 'provincialFiling.year': '2019' }, 'provincialFiling.year', '纳入省级备案年份应为数字');
  });

  it('“this year” follows the today given to the factory', () => {
    const filed2021 = { status: 'filed', year: 2021, documentNo: '苏科高发〔2021〕1号' };
    expect(makeProvincialFilingSchema({ today: '2020-12-31' }).safeParse(filed2021).success).toBe(false);
    expect(makeProvincialFilingSchema({ today: '2021-01-01' }).safeParse(filed2021).success).toBe(true);
  });

  it('planned: nothing else needed; year and number dropped', () => {
    expectValid({ provincialFiling: { status: 'planned' } });
    expect(
      parsed({ provincialFiling: { status: 'planned', year: 2019, documentNo: '旧文号' } }).provincialFiling,
    ).toStrictEqual({
      status: 'planned',
    });
  });

  it('status is required and one of the two', () => {
    expectOnly({ provincialFiling: undefined }, 'provincialFiling.status', '请选择省级众创空间备案情况');
    expectOnly({ 'provincialFiling.status': 'pending' }, 'provincialFiling.status', '省级众创空间备案情况的选项无效');
  });

  it('document number is at most 50 characters', () => {
    expectOnly(
      { 'provincialFiling.documentNo': '号'.repeat(51) },
      'provincialFiling.documentNo',
      '省级备案文号不能超过 50 个字',
    );
  });
});

describe('drafts and submission', () => {
  const partial = {
    basicInfo: {
      spaceName: '集成',
      head: { name: '李晓峰', mobile: '138' },
      operatorUscc: '9132',
      managementTeamSize: 2,
      collegeEducatedCount: 5,
      mainFields: ['集成电路', null, ''],
      operatorNature: null,
      email: '',
    },
    narrative: { hostOverview: '<p>草稿</p>', successCases: [{ title: '案例一' }, null] },
  };

  it('a partial draft passes the draft schema: no required, format or cross-field rules', () => {
    expect(draftContentSchema.safeParse(partial).error?.issues).toBeUndefined();
    expect(draftContentSchema.safeParse({}).success).toBe(true);
    expect(draftContentSchema.safeParse({ basicInfo: {}, narrative: {}, provincialFiling: {} }).success).toBe(true);
  });

  it('the same draft gives its missing and wrong fields from validateForSubmission', () => {
    const list = validateForSubmission(partial, { today: TODAY });
    const byPath = Object.fromEntries(list.map((p) => [p.path, p.message]));
    expect(byPath).toMatchObject({
      'basicInfo.spaceName': '众创空间名称应规范为“XXX专业化众创空间”（XXX 为空间所服务的专业细分领域）',
      'basicInfo.head.mobile': '负责人联系手机应为 11 位手机号码',
      'basicInfo.operatorUscc': '统一社会信用代码应为 18 位',
      'basicInfo.collegeEducatedCount': '其中大专以上人数不能超过管理团队人员总数',
      'basicInfo.mainFields.1': '请填写专业方向，或删除该空行',
      'basicInfo.mainFields.2': '请填写专业方向，或删除该空行',
      'basicInfo.operatorNature': '请选择运营主体性质',
      'basicInfo.email': '请填写电子邮箱（Email）',
      'basicInfo.contact.name': '请填写联系人',
      'narrative.successCases': '成功案例应为 3–5 个',
      'narrative.currentStatus': '请填写“专业化众创空间现状”',
      'provincialFiling.status': '请选择省级众创空间备案情况',
    });
    expect(byPath).not.toHaveProperty('basicInfo.head.name');
    expect(byPath).not.toHaveProperty('narrative.hostOverview');
    expect(new Set(list.map((p) => p.path)).size).toBe(list.length);
  });

  it('an empty draft lists every required field once', () => {
    const list = validateForSubmission({}, { today: TODAY });
    expect(list).toHaveLength(36);
    expect(list[0]).toEqual({ path: 'basicInfo.spaceName', message: '请填写众创空间名称' });
    expect(list.at(-1)).toEqual({ path: 'provincialFiling.status', message: '请选择省级众创空间备案情况' });
    expect(new Set(list.map((p) => p.path)).size).toBe(list.length);
  });

  it('returns every problem at once: 5 violations → 5 entries', () => {
    expect(
      problems({
        'basicInfo.spaceName': '集成电路众创空间',
        'basicInfo.contact.mobile': '1234',
        'basicInfo.publicServiceArea': 9000,
        'narrative.successCases.1.title': '',
        'provincialFiling.documentNo': undefined,
      }),
    ).toEqual([
      {
        path: 'basicInfo.spaceName',
        message: '众创空间名称应规范为“XXX专业化众创空间”（XXX 为空间所服务的专业细分领域）',
      },
      { path: 'basicInfo.contact.mobile', message: '联系人联系手机应为 11 位手机号码' },
      { path: 'basicInfo.publicServiceArea', message: '公共办公与服务场地面积不能超过自主支配场地建筑面积' },
      { path: 'narrative.successCases.1.title', message: '请填写案例标题' },
      { path: 'provincialFiling.documentNo', message: '请填写省级备案文号' },
    ]);
  });

  it('the draft refuses garbage, in Chinese, at the offending path', () => {
    const garbage = {
      basicInfo: {
        spaceName: 3,
        establishedOn: '2020-02-30',
        operatorNature: 'company',
        head: 'x',
        backing: { university: { answer: 'maybe' } },
        mainFields: 'x',
        managementTeamSize: -1,
        mentorCount: 1.5,
        selfControlledArea: '500',
        managementSystems: { other: 'yes' },
        address: '址'.repeat(201),
      },
      narrative: { hostOverview: 5, successCases: [{}, {}, {}, {}, {}, {}] },
      provincialFiling: { status: 'x', year: '2019' },
    };
    const issues = draftContentSchema.safeParse(garbage).error!.issues;
    expect(issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['basicInfo.spaceName', '众创空间名称应为文本'],
      ['basicInfo.establishedOn', '成立时间应为有效日期（年-月-日）'],
      ['basicInfo.operatorNature', '运营主体性质的选项无效'],
      ['basicInfo.head', '负责人格式不正确'],
      ['basicInfo.address', '单位地址不能超过 200 个字'],
      ['basicInfo.backing.university.answer', '是否依托或由高校建立的选项无效'],
      ['basicInfo.mainFields', '主要专业方向格式不正确'],
      ['basicInfo.managementTeamSize', '管理团队人员总数不能为负数'],
      ['basicInfo.mentorCount', '创业导师数应为整数'],
      ['basicInfo.selfControlledArea', '自主支配场地建筑面积应为数字'],
      ['basicInfo.managementSystems.other', '其他应为勾选或不勾选'],
      ['narrative.hostOverview', '“建设主体基本情况”应为文本'],
      ['narrative.successCases', '成功案例最多 5 个'],
      ['provincialFiling.status', '省级众创空间备案情况的选项无效'],
      ['provincialFiling.year', '纳入省级备案年份应为数字'],
    ]);
    expect(draftContentSchema.safeParse('x').error?.issues.map((i) => i.message)).toEqual(['申报内容格式不正确']);
  });

  it('the draft accepts nulls and empty strings (cleared form fields) and drops unknown keys', () => {
    const out = draftContentSchema.parse({
      basicInfo: { spaceName: '', establishedOn: '', managementTeamSize: null, head: null, surprise: 1 },
      extra: true,
    });
    expect(out).toStrictEqual({
      basicInfo: { spaceName: '', establishedOn: '', managementTeamSize: null, head: null },
    });
  });

  it('every message is Chinese, for drafts and submissions alike', () => {
    const weird = {
      basicInfo: {
        spaceName: {},
        establishedOn: 20200101,
        operatorUscc: 91320100,
        operatorNature: 1,
        enterpriseOwnership: true,
        legalRepresentative: [],
        backing: { leadingEnterprise: 'yes', university: { answer: 'yes', name: 5 } },
        mainFields: [1, {}],
        managementTeamSize: Number.NaN,
        selfControlledArea: Infinity,
        onlinePlatform: [],
        managementSystems: 'all',
        managementSystemsOther: 7,
      },
      narrative: { hostOverview: [], successCases: [1, 'x', { title: 2, subject: [], body: {} }] },
      provincialFiling: { status: true, year: 'x', documentNo: 1 },
    };
    const draft = draftContentSchema.safeParse(weird).error!.issues;
    const submit = validateForSubmission(weird, { today: TODAY });
    expect(draft.length).toBeGreaterThan(15);
    expect(submit.length).toBeGreaterThan(20);
    for (const m of [...draft.map((i) => i.message), ...submit.map((p) => p.message)]) expect(m).toMatch(CJK);
    for (const value of [null, undefined, 'x', 1, [], { basicInfo: 'x', narrative: 1, provincialFiling: [] }]) {
      for (const p of validateForSubmission(value, { today: TODAY })) expect(p.message).toMatch(CJK);
    }
  });

  it('reports a missing or wrong-typed whole content at the root', () => {
    expect(validateForSubmission(null, { today: TODAY })).toEqual([{ path: '', message: '请填写申报内容' }]);
    expect(validateForSubmission('x', { today: TODAY })).toEqual([{ path: '', message: '申报内容格式不正确' }]);
  });

  it('refuses a malformed today (a programming error)', () => {
    expect(() => makeSubmissionContentSchema({ today: '2020-7-1' })).toThrow(TypeError);
    expect(() => validateForSubmission({}, { today: 'now' })).toThrow(TypeError);
  });

  it('todayInShanghai is the calendar date at UTC+8', () => {
    expect(todayInShanghai(new Date('2020-06-30T15:59:59Z'))).toBe('2020-06-30');
    expect(todayInShanghai(new Date('2020-06-30T16:00:00Z'))).toBe('2020-07-01');
  });

  it('the schemas convert to JSON Schema for the OpenAPI document', () => {
    for (const schema of [draftContentSchema, submissionContentSchema, pledgeSchema]) {
      expect(() => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' })).not.toThrow();
    }
  });
});
