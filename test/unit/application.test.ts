import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  basicInfoFields,
  contentFieldLabel,
  draftContentSchema,
  htmlTextLength,
  makeBasicInfoSchema,
  makeProvincialFilingSchema,
  makeSubmissionContentSchema,
  NARRATIVE_SECTIONS,
  narrativeOutline,
  narrativeSchema,
  OPERATOR_NATURES,
  operatorNatureOptions,
  submissionContentSchema,
  todayInShanghai,
  validateForSubmission,
  type ApplicationContent,
} from '../../src/domain/application.js';
import { cloneExampleContent, examplePledge, exampleContent } from '../../src/domain/example-content.js';
import { applicantPledgeText, pledgePlainText, pledgeSchema, supervisorPledgeText } from '../../src/domain/pledges.js';
import { usccProblem } from '../../src/domain/uscc.js';

const TODAY = '2020-07-01';
const CJK = /[\u4e00-\u9fff]/;

/**
 * The example with changes applied by dotted path ('basicInfo.head.mobile'); `undefined` deletes the key.
 * Returns unknown: the changes may break the types on purpose.
 */
function contentWith(changes: Record<string, unknown>): unknown {
  const content = cloneExampleContent() as unknown as Record<string, unknown>;
  for (const [path, value] of Object.entries(changes)) {
    const keys = path.split('.');
    let target = content;
    for (const k of keys.slice(0, -1)) target = target[k] as Record<string, unknown>;
    const last = keys[keys.length - 1]!;
    if (value === undefined) delete target[last];
    else target[last] = value;
  }
  return content;
}

const problems = (changes: Record<string, unknown>, today = TODAY) =>
  validateForSubmission(contentWith(changes), { today });

/** The changes produce exactly this one problem. */
const expectOnly = (changes: Record<string, unknown>, path: string, message: string) =>
  expect(problems(changes)).toEqual([{ path, message }]);

const expectValid = (changes: Record<string, unknown>) => expect(problems(changes)).toEqual([]);

const parsed = (changes: Record<string, unknown>, today = TODAY): ApplicationContent =>
  makeSubmissionContentSchema({ today }).parse(contentWith(changes));

describe('the example content', () => {
  it('is a complete, valid submission', () => {
    expect(validateForSubmission(exampleContent, { today: TODAY })).toEqual([]);
    expect(submissionContentSchema.safeParse(exampleContent).success).toBe(true);
    expect(draftContentSchema.safeParse(exampleContent).success).toBe(true);
  });

  it('parses to itself, in the same key order', () => {
    const out = makeSubmissionContentSchema({ today: TODAY }).parse(exampleContent);
    expect(out).toStrictEqual(exampleContent);
    expect(JSON.stringify(out)).toBe(JSON.stringify(exampleContent));
    expect(JSON.stringify(draftContentSchema.parse(exampleContent))).toBe(JSON.stringify(exampleContent));
  });

  it('is realistic: a 集成电路 space in 南京 with three cases and paragraphs of real length', () => {
    expect(exampleContent.basicInfo.spaceName).toMatch(/集成电路专业化众创空间$/);
    expect(exampleContent.basicInfo.address).toMatch(/^南京市/);
    expect(usccProblem(exampleContent.basicInfo.operatorUscc)).toBeNull();
    expect(exampleContent.narrative.successCases).toHaveLength(3);
    for (const key of ['hostOverview', 'currentStatus', 'overallResults', 'goalsAndTasks'] as const) {
      expect(htmlTextLength(exampleContent.narrative[key])).toBeGreaterThan(150);
      expect(exampleContent.narrative[key]).toMatch(/^<p>.*<\/p>$/s);
    }
  });

  it('is frozen; the clone is a mutable deep copy', () => {
    expect(Object.isFrozen(exampleContent.basicInfo.head)).toBe(true);
    const copy = cloneExampleContent();
    copy.basicInfo.head.name = '张三';
    expect(exampleContent.basicInfo.head.name).toBe('李晓峰');
  });
});

describe('basic info (attachment 2), one rule at a time', () => {
  describe('众创空间名称', () => {
    it.each([[''], ['   '], [undefined], [null]])('is required (%j)', (value) => {
      expectOnly({ 'basicInfo.spaceName': value }, 'basicInfo.spaceName', '请填写众创空间名称');
    });
    it('must end with 专业化众创空间', () => {
      for (const name of ['集成电路众创空间', '集成电路专业化众创空间（南京）', '南京芯创孵化器']) {
        expectOnly(
          { 'basicInfo.spaceName': name },
          'basicInfo.spaceName',
          '众创空间名称应规范为“XXX专业化众创空间”（XXX 为空间所服务的专业细分领域）',
        );
      }
    });
    it('must name the sub-field before 专业化众创空间', () => {
      expectOnly(
        { 'basicInfo.spaceName': '专业化众创空间' },
        'basicInfo.spaceName',
        '请在“专业化众创空间”前写明所服务的专业细分领域，如“集成电路专业化众创空间”',
      );
    });
    it('accepts a sub-field name and trims spaces', () => {
      expect(parsed({ 'basicInfo.spaceName': ' 集成电路专业化众创空间 ' }).basicInfo.spaceName).toBe(
        '集成电路专业化众创空间',
      );
    });
    it('is at most 60 characters', () => {
      const name = `${'集'.repeat(53)}专业化众创空间`;
      expect(name).toHaveLength(60);
      expectValid({ 'basicInfo.spaceName': name });
      expectOnly({ 'basicInfo.spaceName': `集${name}` }, 'basicInfo.spaceName', '众创空间名称不能超过 60 个字');
    });
  });

  describe('成立时间', () => {
    it('is required', () => {
      expectOnly({ 'basicInfo.establishedOn': undefined }, 'basicInfo.establishedOn', '请填写成立时间');
    });
    it.each(['2020-02-30', '2019-02-29', '2020-13-01', '2020/01/01', '2020-1-1', '20200101', 'yesterday'])(
      'must be a real YYYY-MM-DD date (%s)',
      (value) => {
        expectOnly({ 'basicInfo.establishedOn': value }, 'basicInfo.establishedOn', '成立时间应为有效日期（年-月-日）');
      },
    );
    it('may be today but not tomorrow', () => {
      expectValid({ 'basicInfo.establishedOn': TODAY });
      expectOnly({ 'basicInfo.establishedOn': '2020-07-02' }, 'basicInfo.establishedOn', '成立时间不能晚于今天');
    });
    it('is compared with the today given to the factory, not the system clock', () => {
      const info = { ...cloneExampleContent().basicInfo, establishedOn: '2020-07-02' };
      expect(makeBasicInfoSchema({ today: '2020-07-01' }).safeParse(info).success).toBe(false);
      expect(makeBasicInfoSchema({ today: '2020-07-02' }).safeParse(info).success).toBe(true);
    });
    it('is not before 1900', () => {
      expectOnly(
        { 'basicInfo.establishedOn': '1899-12-31' },
        'basicInfo.establishedOn',
        '成立时间不能早于 1900 年，请核对',
      );
    });
  });

  describe('运营主体', () => {
    it('name is required and at most 100 characters', () => {
      expectOnly({ 'basicInfo.operatorName': '' }, 'basicInfo.operatorName', '请填写运营主体名称');
      expectOnly(
        { 'basicInfo.operatorName': '名'.repeat(101) },
        'basicInfo.operatorName',
        '运营主体名称不能超过 100 个字',
      );
    });
    it('USCC is required', () => {
      expectOnly({ 'basicInfo.operatorUscc': '' }, 'basicInfo.operatorUscc', '请填写运营主体统一社会信用代码');
    });
    it.each(['91320100MA1N2B3C41', '91320100MA1N2B3C4', '91320100MA1N2B3CO0', '00320100MA1N2B3C40'])(
      'USCC must be valid, with the message of usccProblem (%s)',
      (code) => {
        expectOnly({ 'basicInfo.operatorUscc': code }, 'basicInfo.operatorUscc', usccProblem(code)!);
      },
    );
    it('USCC is normalised to upper case without spaces', () => {
      expect(parsed({ 'basicInfo.operatorUscc': ' 91320100ma1n2b3c40 ' }).basicInfo.operatorUscc).toBe(
        '91320100MA1N2B3C40',
      );
    });
    it('nature is required and must be one of the five', () => {
      expectOnly({ 'basicInfo.operatorNature': undefined }, 'basicInfo.operatorNature', '请选择运营主体性质');
      expectOnly({ 'basicInfo.operatorNature': 'company' }, 'basicInfo.operatorNature', '运营主体性质的选项无效');
    });
    it('an enterprise must say 国有 or 民营', () => {
      expectOnly(
        { 'basicInfo.enterpriseOwnership': undefined },
        'basicInfo.enterpriseOwnership',
        '请选择企业性质（国有或民营）',
      );
      expectOnly(
        { 'basicInfo.enterpriseOwnership': 'foreign' },
        'basicInfo.enterpriseOwnership',
        '企业性质（国有或民营）的选项无效',
      );
      expect(parsed({ 'basicInfo.enterpriseOwnership': 'state_owned' }).basicInfo.enterpriseOwnership).toBe(
        'state_owned',
      );
    });
    it.each(['public_institution', 'investment_institution', 'university', 'other'])(
      'ownership is not asked of a %s, and dropped if sent',
      (nature) => {
        expectValid({ 'basicInfo.operatorNature': nature, 'basicInfo.enterpriseOwnership': undefined });
        const out = parsed({ 'basicInfo.operatorNature': nature, 'basicInfo.enterpriseOwnership': 'private' });
        expect(out.basicInfo).not.toHaveProperty('enterpriseOwnership');
      },
    );
  });

  describe('people and contacts', () => {
    it.each([
      ['legalRepresentative.name', '请填写法人代表'],
      ['legalRepresentative.phone', '请填写法人代表联系电话'],
      ['head.name', '请填写负责人'],
      ['head.mobile', '请填写负责人联系手机'],
      ['contact.name', '请填写联系人'],
      ['contact.mobile', '请填写联系人联系手机'],
      ['address', '请填写单位地址'],
      ['email', '请填写电子邮箱（Email）'],
    ])('%s is required', (field, message) => {
      expectOnly({ [`basicInfo.${field}`]: '' }, `basicInfo.${field}`, message);
      expectOnly({ [`basicInfo.${field}`]: undefined }, `basicInfo.${field}`, message);
    });

    it('a missing group reports each of its fields', () => {
      expect(problems({ 'basicInfo.head': undefined })).toEqual([
        { path: 'basicInfo.head.name', message: '请填写负责人' },
        { path: 'basicInfo.head.mobile', message: '请填写负责人联系手机' },
      ]);
    });

    it.each([
      '025-83379768',
      '02583379768',
      '025 83379768',
      '010-62345678',
      '0512-61234567',
      '0512-6123456',
      '0518-85812345',
      '025-83379768-801',
      '025-83379768转801',
      '13851234567',
    ])('法人代表联系电话 accepts a landline with area code or a mobile: %s', (phone) => {
      expectValid({ 'basicInfo.legalRepresentative.phone': phone });
    });

    it.each([
      '83379768',
      '025-8337976',
      '025-03379768',
      '025-13379768',
      '0512-612345',
      '0512-612345678',
      '12851234567',
      '+86 13851234567',
      '电话025-83379768',
    ])('法人代表联系电话 refuses %s', (phone) => {
      expectOnly(
        { 'basicInfo.legalRepresentative.phone': phone },
        'basicInfo.legalRepresentative.phone',
        '法人代表联系电话应为带区号的固定电话（如 025-83379768）或 11 位手机号码',
      );
    });

    it.each(['13012345678', '15951234567', '19912345678'])('联系手机 accepts %s', (mobile) => {
      expectValid({ 'basicInfo.head.mobile': mobile, 'basicInfo.contact.mobile': mobile });
    });

    it.each(['12851234567', '1385123456', '138512345678', '138-5123-4567', '025-83379768', '2385123456x'])(
      '联系手机 refuses %s (11 digits starting 13–19)',
      (mobile) => {
        expectOnly({ 'basicInfo.head.mobile': mobile }, 'basicInfo.head.mobile', '负责人联系手机应为 11 位手机号码');
        expectOnly(
          { 'basicInfo.contact.mobile': mobile },
          'basicInfo.contact.mobile',
          '联系人联系手机应为 11 位手机号码',
        );
      },
    );

    it.each(['abc', 'a@b', 'a@@b.cn', 'a b@c.cn', '王@example.cn', 'name@example'])('Email refuses %s', (email) => {
      expectOnly({ 'basicInfo.email': email }, 'basicInfo.email', '电子邮箱（Email）格式不正确，应如 name@example.com');
    });

    it('Email accepts a normal address, trimmed', () => {
      expect(parsed({ 'basicInfo.email': ' jscxcybgs@163.com ' }).basicInfo.email).toBe('jscxcybgs@163.com');
    });

    it('names are at most 50 characters, addresses 200', () => {
      expectOnly({ 'basicInfo.head.name': '名'.repeat(51) }, 'basicInfo.head.name', '负责人不能超过 50 个字');
      expectValid({ 'basicInfo.head.name': '名'.repeat(50) });
      expectOnly({ 'basicInfo.address': '址'.repeat(201) }, 'basicInfo.address', '单位地址不能超过 200 个字');
    });
  });

  describe('是/否 questions', () => {
    it.each([
      ['backing.leadingEnterprise', '是否依托或由龙头骨干企业建立', '龙头骨干企业详细名称'],
      ['backing.university', '是否依托或由高校建立', '高校详细名称'],
      ['backing.researchInstitute', '是否依托或由科研院所建立', '科研院所详细名称'],
      ['backing.newRdInstitution', '是否依托或由新型研发机构建立', '新型研发机构详细名称'],
      ['onlinePlatform', '是否建有线上服务平台', '线上服务平台详细名称'],
      ['publicTechPlatform', '是否建有公共技术服务平台', '公共技术服务平台详细名称'],
    ])('%s: answer required, full name required when 是, dropped when 否', (field, question, nameLabel) => {
      const p = `basicInfo.${field}`;
      expectOnly({ [p]: undefined }, `${p}.answer`, `请选择${question}`);
      expectOnly({ [`${p}.answer`]: 'maybe' }, `${p}.answer`, `${question}的选项无效`);
      for (const name of [undefined, '', '  ', null]) {
        expectOnly({ [p]: { answer: 'yes', name } }, `${p}.name`, `请填写${nameLabel}`);
      }
      expectOnly({ [p]: { answer: 'yes', name: '名'.repeat(101) } }, `${p}.name`, `${nameLabel}不能超过 100 个字`);
      expectValid({ [p]: { answer: 'no' } });
      const out = parsed({ [p]: { answer: 'no', name: '不再适用的名称' } }) as unknown as Record<string, unknown>;
      const value = field
        .split('.')
        .reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], out.basicInfo as Record<string, unknown>);
      expect(value).toStrictEqual({ answer: 'no' });
    });
  });

  describe('主要专业方向', () => {
    it('needs at least one entry', () => {
      expectOnly({ 'basicInfo.mainFields': [] }, 'basicInfo.mainFields', '请至少填写一个主要专业方向');
      expectOnly({ 'basicInfo.mainFields': undefined }, 'basicInfo.mainFields', '请至少填写一个主要专业方向');
    });
    it('refuses blank entries, pointing at them', () => {
      expectOnly(
        { 'basicInfo.mainFields': ['集成电路', ' '] },
        'basicInfo.mainFields.1',
        '请填写专业方向，或删除该空行',
      );
      expectOnly({ 'basicInfo.mainFields': [''] }, 'basicInfo.mainFields.0', '请填写专业方向，或删除该空行');
    });
    it('allows at most 10 entries of at most 30 characters', () => {
      const ten = Array.from({ length: 10 }, (_, i) => `方向${i}`);
      expectValid({ 'basicInfo.mainFields': ten });
      expectOnly({ 'basicInfo.mainFields': [...ten, '方向X'] }, 'basicInfo.mainFields', '主要专业方向最多填写 10 个');
      expectOnly(
        { 'basicInfo.mainFields': ['集成电路', '方'.repeat(31)] },
        'basicInfo.mainFields.1',
        '每个专业方向不能超过 30 个字',
      );
    });
    it('refuses a duplicate, after trimming', () => {
      expectOnly(
        { 'basicInfo.mainFields': ['集成电路', '新材料', ' 集成电路 '] },
        'basicInfo.mainFields.2',
        '专业方向“集成电路”重复',
      );
    });
  });

  describe('counts, areas and the fund', () => {
    const counts = [
      ['managementTeamSize', '管理团队人员总数', 100_000],
      ['collegeEducatedCount', '其中大专以上人数', 100_000],
      ['mentorCount', '创业导师数', 100_000],
      ['residentProjectCount', '入驻项目数', 1_000_000],
      ['residentCompanyCount', '入驻企业数', 1_000_000],
      ['eventCount', '举办创新创业活动次数', 1_000_000],
    ] as const;
    it.each(counts)('%s is a required whole number from 0', (field, label, max) => {
      const p = `basicInfo.${field}`;
      // collegeEducatedCount must stay ≤ managementTeamSize: give it room where needed.
      const team = field === 'collegeEducatedCount' ? { 'basicInfo.managementTeamSize': max } : {};
      expectOnly({ [p]: undefined }, p, `请填写${label}`);
      expectOnly({ [p]: null }, p, `请填写${label}`);
      expectOnly({ [p]: '12' }, p, `${label}应为数字`);
      expectOnly({ [p]: 1.5, ...team }, p, `${label}应为整数`);
      expectOnly(
        { [p]: -1, ...(field === 'managementTeamSize' ? { 'basicInfo.collegeEducatedCount': 0 } : {}) },
        p,
        `${label}不能为负数`,
      );
      expectOnly({ [p]: max + 1, ...team }, p, `${label}不能超过 ${max.toLocaleString('en-US')}`);
      expectValid({ [p]: 0, ...(field === 'managementTeamSize' ? { 'basicInfo.collegeEducatedCount': 0 } : {}) });
      expectValid({ [p]: max, ...team });
    });

    const amounts = [
      ['selfControlledArea', '自主支配场地建筑面积', 10_000_000],
      ['publicServiceArea', '公共办公与服务场地面积', 10_000_000],
      ['angelFundSize', '天使投资（种子）基金（资金）规模', 10_000_000],
    ] as const;
    it.each(amounts)('%s is a required number from 0, decimals allowed', (field, label, max) => {
      const p = `basicInfo.${field}`;
      const room = field === 'publicServiceArea' ? { 'basicInfo.selfControlledArea': max } : {};
      const nothingPublic = field === 'selfControlledArea' ? { 'basicInfo.publicServiceArea': 0 } : {};
      expectOnly({ [p]: undefined }, p, `请填写${label}`);
      expectOnly({ [p]: 'abc' }, p, `${label}应为数字`);
      expectOnly({ [p]: -0.5, ...nothingPublic }, p, `${label}不能为负数`);
      expectOnly({ [p]: max + 1, ...room }, p, `${label}不能超过 ${max.toLocaleString('en-US')}`);
      expectValid({ [p]: 0, ...nothingPublic });
      expectValid({ [p]: 1234.56, ...nothingPublic });
    });
  });

  describe('cross-field rules', () => {
    it('其中大专以上人数 ≤ 管理团队人员总数, reported on the second field', () => {
      expectValid({ 'basicInfo.managementTeamSize': 18, 'basicInfo.collegeEducatedCount': 18 });
      expectOnly(
        { 'basicInfo.managementTeamSize': 18, 'basicInfo.collegeEducatedCount': 19 },
        'basicInfo.collegeEducatedCount',
        '其中大专以上人数不能超过管理团队人员总数',
      );
    });
    it('公共办公与服务场地面积 ≤ 自主支配场地建筑面积, reported on the second field', () => {
      expectValid({ 'basicInfo.selfControlledArea': 2600, 'basicInfo.publicServiceArea': 2600 });
      expectOnly(
        { 'basicInfo.selfControlledArea': 2600, 'basicInfo.publicServiceArea': 2600.5 },
        'basicInfo.publicServiceArea',
        '公共办公与服务场地面积不能超过自主支配场地建筑面积',
      );
    });
    it('are reported together with problems in other fields', () => {
      expect(problems({ 'basicInfo.collegeEducatedCount': 99, 'basicInfo.head.mobile': '1' })).toEqual([
        { path: 'basicInfo.head.mobile', message: '负责人联系手机应为 11 位手机号码' },
        { path: 'basicInfo.collegeEducatedCount', message: '其中大专以上人数不能超过管理团队人员总数' },
      ]);
    });
    it('are skipped when one side is itself missing (its own problem is reported)', () => {
      expectOnly(
        { 'basicInfo.managementTeamSize': undefined },
        'basicInfo.managementTeamSize',
        '请填写管理团队人员总数',
      );
    });
  });

  describe('管理制度', () => {
    it('ticked 其他 needs its text', () => {
      for (const text of [undefined, '', '  ']) {
        expectOnly(
          { 'basicInfo.managementSystems.other': true, 'basicInfo.managementSystemsOther': text },
          'basicInfo.managementSystemsOther',
          '已勾选管理制度“其他”，请填写其他管理制度的名称',
        );
      }
    });
    it('other text alone ticks 其他 (the DOMAIN shape without the flag)', () => {
      const out = parsed({
        'basicInfo.managementSystems.other': undefined,
        'basicInfo.managementSystemsOther': '财务制度',
      });
      expect(out.basicInfo.managementSystems.other).toBe(true);
      expect(out.basicInfo.managementSystemsOther).toBe('财务制度');
    });
    it('unticked and empty: no text in the output', () => {
      const out = parsed({ 'basicInfo.managementSystems.other': false, 'basicInfo.managementSystemsOther': ' ' });
      expect(out.basicInfo.managementSystems.other).toBe(false);
      expect(out.basicInfo).not.toHaveProperty('managementSystemsOther');
    });
    it('no box ticked is allowed; missing boxes are unticked', () => {
      const out = parsed({ 'basicInfo.managementSystems': undefined, 'basicInfo.managementSystemsOther': undefined });
      expect(out.basicInfo.managementSystems).toStrictEqual({
        entryStandards: false,
        exitConditions: false,
        incubateeDatabase: false,
        other: false,
      });
    });
    it('boxes must be booleans; the text at most 200 characters', () => {
      expectOnly(
        { 'basicInfo.managementSystems.entryStandards': 'yes' },
        'basicInfo.managementSystems.entryStandards',
        '入驻标准应为勾选或不勾选',
      );
      expectOnly(
        { 'basicInfo.managementSystemsOther': '制'.repeat(201) },
        'basicInfo.managementSystemsOther',
        '其他管理制度不能超过 200 个字',
      );
    });
  });
});

describe('narrative (attachment 3)', () => {
  const sections = [
    ['hostOverview', '建设主体基本情况'],
    ['currentStatus', '专业化众创空间现状'],
    ['overallResults', '总体成效'],
    ['goalsAndTasks', '发展目标和重点任务'],
    ['organizationAndSupport', '组织与保障'],
  ] as const;

  it.each(sections)('%s needs visible text', (key, title) => {
    for (const html of [undefined, null, '', '   ', '<p></p>', '<p>&nbsp; </p><p><br></p>', '<!-- 草稿 -->']) {
      expectOnly({ [`narrative.${key}`]: html }, `narrative.${key}`, `请填写“${title}”`);
    }
    expectValid({ [`narrative.${key}`]: '<p>有</p>' });
  });

  it.each(sections)('%s is at most 50,000 characters of HTML', (key, title) => {
    const html = `<p>${'字'.repeat(50_000 - 7)}</p>`;
    expect(html).toHaveLength(50_000);
    expectValid({ [`narrative.${key}`]: html });
    expectOnly(
      { [`narrative.${key}`]: `${html} ` + '<p>多</p>' },
      `narrative.${key}`,
      `“${title}”内容过长，不能超过 50,000 个字符（含格式）`,
    );
  });

  it('has 3 to 5 success cases', () => {
    const cases = cloneExampleContent().narrative.successCases;
    const c = cases[0]!;
    expectOnly({ 'narrative.successCases': cases.slice(0, 2) }, 'narrative.successCases', '成功案例应为 3–5 个');
    expectOnly({ 'narrative.successCases': [] }, 'narrative.successCases', '成功案例应为 3–5 个');
    expectOnly({ 'narrative.successCases': undefined }, 'narrative.successCases', '成功案例应为 3–5 个');
    expectValid({ 'narrative.successCases': [...cases, c] });
    expectValid({ 'narrative.successCases': [...cases, c, c] });
    expectOnly({ 'narrative.successCases': [...cases, c, c, c] }, 'narrative.successCases', '成功案例应为 3–5 个');
  });

  it('needs each case’s title, subject and body, pointing at the case', () => {
    expectOnly({ 'narrative.successCases.1.title': '' }, 'narrative.successCases.1.title', '请填写案例标题');
    expectOnly({ 'narrative.successCases.2.subject': ' ' }, 'narrative.successCases.2.subject', '请填写案例主体');
    expectOnly({ 'narrative.successCases.0.body': '<p> </p>' }, 'narrative.successCases.0.body', '请填写案例内容');
    expectOnly(
      { 'narrative.successCases.0.title': '题'.repeat(101) },
      'narrative.successCases.0.title',
      '案例标题不能超过 100 个字',
    );
  });

  it('reports each field of an empty case slot', () => {
    const cases = [...cloneExampleContent().narrative.successCases, undefined];
    expect(problems({ 'narrative.successCases': cases })).toEqual([
      { path: 'narrative.successCases.3.title', message: '请填写案例标题' },
      { path: 'narrative.successCases.3.subject', message: '请填写案例主体' },
      { path: 'narrative.successCases.3.body', message: '请填写案例内容' },
    ]);
  });

  it('narrativeSchema can be used on its own', () => {
    expect(narrativeSchema.safeParse(exampleContent.narrative).success).toBe(true);
    expect(narrativeSchema.safeParse({ ...exampleContent.narrative, overallResults: '' }).error?.issues).toMatchObject([
      { path: ['overallResults'], message: '请填写“总体成效”' },
    ]);
  });
});

describe('htmlTextLength', () => {
  it.each([
    ['', 0],
    ['<p></p>', 0],
    ['<p>abc</p>', 3],
    ['<p>集成电路</p><p>专业化</p>', 7],
    ['<p>a b\tc\n</p>', 3],
    ['<p>a&nbsp;b</p>', 2],
    ['&amp;&lt;&gt;&quot;', 4],
    ['&#20013;&#x6587;', 2],
    ['&copy; 2020', 5],
    ['<p>\u3000\u200b\ufeff</p>', 0],
    ['<!-- 注释 -->正文', 2],
    ['<script>var a = "<p>x</p>";</script>正文', 2],
    ['<STYLE>p { color: red }</STYLE>正文', 2],
    ['<a href="x" title="a > b">链接</a>', 2],
    ["<img alt='>' src=x>图", 1],
    ['a < b', 3],
    ['𠮷野家', 3],
    ['<p>第一段</p><br/><ul><li>一</li><li>二</li></ul>', 5],
  ])('%j has %i visible characters', (html, n) => {
    expect(htmlTextLength(html)).toBe(n);
  });

  it('is linear on hostile input', () => {
    const start = performance.now();
    expect(htmlTextLength('<'.repeat(200_000))).toBe(200_000);
    expect(htmlTextLength('<a '.repeat(100_000))).toBe(0);
    expect(htmlTextLength('<a title="'.repeat(50_000))).toBe(0);
    expect(htmlTextLength('<script>'.repeat(50_000))).toBe(0);
    expect(htmlTextLength('&amp'.repeat(100_000))).toBe(400_000);
    expect(performance.now() - start).toBeLessThan(1_000);
  });
});

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

describe('labels (attachment 2 and 3 as printed)', () => {
  it('label every basicInfo field, in the order of the form', () => {
    expect(basicInfoFields.map((f) => f.key)).toEqual([
      'spaceName',
      'establishedOn',
      'operatorName',
      'operatorUscc',
      'operatorNature',
      'enterpriseOwnership',
      'legalRepresentative.name',
      'legalRepresentative.phone',
      'head.name',
      'head.mobile',
      'contact.name',
      'contact.mobile',
      'address',
      'email',
      'backing.leadingEnterprise',
      'backing.university',
      'backing.researchInstitute',
      'backing.newRdInstitution',
      'mainFields',
      'managementTeamSize',
      'collegeEducatedCount',
      'mentorCount',
      'selfControlledArea',
      'publicServiceArea',
      'angelFundSize',
      'residentProjectCount',
      'residentCompanyCount',
      'eventCount',
      'onlinePlatform',
      'publicTechPlatform',
      'managementSystems',
      'managementSystemsOther',
    ]);
    const topLevel = new Set(basicInfoFields.map((f) => f.key.split('.')[0]));
    expect([...topLevel].sort()).toEqual(Object.keys(exampleContent.basicInfo).sort());
  });

  it('print the labels of attachment 2 exactly', () => {
    const label = Object.fromEntries(basicInfoFields.map((f) => [f.key, f.label]));
    expect(label).toMatchObject({
      spaceName: '众创空间名称',
      establishedOn: '成立时间',
      operatorName: '运营主体名称',
      operatorNature: '运营主体性质',
      'legalRepresentative.name': '法人代表',
      'legalRepresentative.phone': '联系电话',
      'head.name': '负责人',
      'head.mobile': '联系手机',
      'contact.name': '联系人',
      'contact.mobile': '联系手机',
      address: '单位地址',
      email: 'Email',
      'backing.leadingEnterprise': '是否依托或由龙头骨干企业建立',
      'backing.university': '是否依托或由高校建立',
      'backing.researchInstitute': '是否依托或由科研院所建立',
      'backing.newRdInstitution': '是否依托或由新型研发机构建立',
      mainFields: '主要专业方向',
      managementTeamSize: '管理团队人员总数',
      collegeEducatedCount: '其中大专以上人数',
      mentorCount: '创业导师数',
      selfControlledArea: '自主支配场地建筑面积（平方米）',
      publicServiceArea: '公共办公与服务场地面积（平方米）',
      angelFundSize: '天使投资（种子）基金（资金）规模（万元）',
      residentProjectCount: '入驻项目数',
      residentCompanyCount: '入驻企业数',
      eventCount: '举办创新创业活动次数',
      onlinePlatform: '是否建有线上服务平台',
      publicTechPlatform: '是否建有公共技术服务平台',
      managementSystems: '管理制度',
    });
  });

  it('number the operator natures as on the form', () => {
    expect(operatorNatureOptions.map((o) => o.value)).toEqual([...OPERATOR_NATURES]);
    expect(operatorNatureOptions.map((o) => o.printed)).toEqual([
      '1、事业单位',
      '2、企业（国有、民营）',
      '3、投资机构',
      '4、高校',
      '5、其它社会组织',
    ]);
  });

  it('follow the outline of attachment 3 and cover every narrative section', () => {
    const flat = narrativeOutline.flatMap((h) => [h, ...('children' in h ? h.children : [])]);
    expect(flat.map((h) => h.label)).toEqual([
      '一、专业化众创空间介绍',
      '1. 建设主体基本情况',
      '2. 专业化众创空间现状',
      '二、取得成效',
      '1. 总体成效',
      '2. 3-5个成功案例',
      '三、发展目标和重点任务',
      '四、组织与保障',
    ]);
    const keys = flat.flatMap((h) => ('key' in h ? [h.key] : []));
    expect(keys).toEqual([...NARRATIVE_SECTIONS]);
  });

  it('name every problem path in Chinese', () => {
    expect(contentFieldLabel('basicInfo.head.mobile')).toBe('负责人联系手机');
    expect(contentFieldLabel('basicInfo.backing.university.name')).toBe('高校详细名称');
    expect(contentFieldLabel('basicInfo.backing.university.answer')).toBe('是否依托或由高校建立');
    expect(contentFieldLabel('basicInfo.mainFields.2')).toBe('主要专业方向 3');
    expect(contentFieldLabel('narrative.successCases.1.title')).toBe('成功案例 2 · 案例标题');
    expect(contentFieldLabel('narrative.successCases')).toBe('成功案例');
    expect(contentFieldLabel('provincialFiling.documentNo')).toBe('省级备案文号');
    const all = validateForSubmission(
      {
        basicInfo: { operatorNature: 'enterprise', managementSystems: { other: true } },
        provincialFiling: { status: 'filed' },
      },
      { today: TODAY },
    );
    for (const { path } of all) expect(contentFieldLabel(path)).toMatch(CJK);
  });
});

describe('pledges (attachments 4 and 5)', () => {
  it('copy attachment 4 as printed', () => {
    expect(applicantPledgeText.title).toBe('申报单位信用承诺书');
    expect(applicantPledgeText.body).toBe(
      '本单位承诺所提供的国家专业化众创空间申报数据真实、准确，提供的申报资料规范、齐全，且不存在任何弄虚作假行为。如有失实或失信行为，愿意根据相关规定，承担以下责任：',
    );
    expect(applicantPledgeText.items).toEqual([
      '1、取消推荐资格；',
      '2、作为失信单位记入不良科技信用记录，并报送至省公共信用信息平台，列入社会信用记录，接受相应处理；',
      '3、应当由本单位承担的其它相关法律责任等。',
    ]);
    expect(applicantPledgeText.signatureLines).toEqual(['运营主体法人（签字或盖章）：', '主营主体（公章）：']);
  });

  it('copy attachment 5 as printed', () => {
    expect(supervisorPledgeText.title).toBe('主管部门信用承诺书');
    expect(supervisorPledgeText.body).toBe(
      '按照相关要求，我们对该单位国家专业化众创空间申报材料进行了认真审查，现承诺如下：',
    );
    expect(supervisorPledgeText.items).toHaveLength(3);
    expect(supervisorPledgeText.items[2]).toBe(
      '3、按照相关管理规定，切实履行了主管部门管理职责，如有失实或失信行为，本部门将追究相关人员责任，并按照《江苏省科技计划项目相关责任主体信用管理办法》等相关规定，承担相关责任。',
    );
    expect(supervisorPledgeText.id).not.toBe(applicantPledgeText.id);
  });

  it('give the plain text for hashing', () => {
    expect(pledgePlainText(applicantPledgeText).split('\n')).toHaveLength(5);
    expect(pledgePlainText(applicantPledgeText)).toContain('1、取消推荐资格；');
  });

  it('pledgeSchema needs a signer of 2–30 characters and agreement', () => {
    expect(pledgeSchema.parse({ signerName: ' 王建国 ', agreed: true })).toEqual({
      signerName: '王建国',
      agreed: true,
    });
    expect(pledgeSchema.safeParse(examplePledge).success).toBe(true);
    const msg = (v: unknown) => pledgeSchema.safeParse(v).error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(msg({ signerName: '王建国', agreed: false })).toEqual([['agreed', '请阅读并同意信用承诺']]);
    expect(msg({ signerName: '王建国' })).toEqual([['agreed', '请阅读并同意信用承诺']]);
    expect(msg({ signerName: '王', agreed: true })).toEqual([['signerName', '签字人姓名应为 2–30 个字']]);
    expect(msg({ signerName: '王'.repeat(31), agreed: true })).toEqual([['signerName', '签字人姓名应为 2–30 个字']]);
    expect(msg({ signerName: '  ', agreed: true })).toEqual([['signerName', '请填写签字人姓名']]);
    expect(msg({ agreed: true })).toEqual([['signerName', '请填写签字人姓名']]);
  });
});
