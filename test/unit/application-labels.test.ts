import { describe, expect, it } from 'vitest';
import {
  basicInfoFields,
  contentFieldLabel,
  NARRATIVE_SECTIONS,
  narrativeOutline,
  OPERATOR_NATURES,
  operatorNatureOptions,
  validateForSubmission,
} from '../../src/domain/application.js';
import { examplePledge, exampleContent } from '../../src/domain/example-content.js';
import { applicantPledgeText, pledgePlainText, pledgeSchema, supervisorPledgeText } from '../../src/domain/pledges.js';
import { CJK, TODAY } from '../helpers/content.js';

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
