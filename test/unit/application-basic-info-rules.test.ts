import { describe, expect, it } from 'vitest';
import { expectOnly, expectValid, parsed, problems } from '../helpers/content.js';

describe('basic info (attachment 2), one rule at a time', () => {
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
