import { describe, expect, it } from 'vitest';
import { makeBasicInfoSchema } from '../../src/domain/application.js';
import { cloneExampleContent } from '../../src/domain/example-content.js';
import { usccProblem } from '../../src/domain/uscc.js';
import { expectOnly, expectValid, parsed, problems, TODAY } from '../helpers/content.js';

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
});
