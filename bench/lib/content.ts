import { cloneExampleContent, exampleContent } from '../../src/domain/example-content.js';
import type { ApplicationContent } from '../../src/domain/application.js';
import { landline, mobile, personName, type Rng, type UnitNames } from './names.js';

/**
 * Application content for the data set: the shared example (src/domain/example-content.ts) made to
 * belong to the unit, with its numbers varied and a narrative of realistic length (about 4,000–6,000
 * characters over the six sections, as 申报书 run), drawn from the example's paragraphs and a pool of
 * paragraphs in the same register, with the field, city and names of the unit put in.
 */

const EXTRA: string[] = [
  '空间坚持“专业化、市场化、国际化”发展方向，围绕{field}产业链关键环节配置服务资源，形成了从创意验证、技术研发、中试熟化到市场推广的全过程服务能力，年均服务创业团队{n1}个以上。',
  '在技术服务方面，空间与{univ}共建{dir1}联合实验室，面向入驻团队开放检测分析、样品试制和工艺验证等设备{n2}台（套），设备原值超过{n3}万元，年服务时长超过{n4}小时。',
  '在投融资服务方面，空间设立规模{fund}万元的天使投资基金，并与{n2}家创业投资机构建立合作关系，定期举办“{brand}路演日”活动，近三年帮助在孵企业获得股权融资{n5}亿元。',
  '在人才服务方面，空间联合地方人社部门开展创业培训和人才认定，协助入驻企业引进高层次人才{n1}名，为{n2}家企业办理人才公寓和子女入学等配套服务。',
  '在市场服务方面，空间依托{lead}等行业龙头企业的供应链资源，组织产品对接会和应用场景发布会，帮助在孵企业与上下游企业签订合作协议{n2}项，合同金额累计{n3}万元。',
  '在知识产权服务方面，空间引入专业知识产权代理机构，提供专利检索、布局分析和维权援助等服务，近三年协助入驻企业申请发明专利{n4}件、获得授权{n2}件。',
  '空间建立了入驻评审、季度走访、年度评估和毕业退出相结合的全过程管理机制，对入驻项目实行“一企一策”的精准服务，企业满意度保持在95%以上。',
  '空间注重营造开放协同的创新文化，与{city}高校、科研院所和行业协会共同发起“{dir2}创新联盟”，成员单位已达{n2}家，每年联合举办技术交流和创业沙龙活动{n1}场。',
  '{year}年以来，空间累计投入建设资金{n3}万元，完成公共技术平台、路演中心和共享实验室的升级改造，服务面积由最初的{n4}平方米扩大到目前的{area}平方米。',
  '下一步，空间将进一步聚焦{dir1}和{dir2}两个细分方向，加大专业服务人员配备和公共技术平台投入，力争三年内新增孵化企业{n1}家，培育高新技术企业{n2}家。',
  '空间运营团队中具有{field}行业从业经历的专业人员占比超过60%，多名骨干曾在国内外知名企业和研究机构从事研发和管理工作，能够为创业团队提供有针对性的技术和管理辅导。',
  '为降低早期团队的创业成本，空间对符合条件的入驻团队给予一年免租、设备使用费减免和首次流片（试制）补贴等支持，累计减免各类费用{n3}万元。',
  '空间与{city}科技、工信、金融等部门建立常态化联系机制，及时宣传解读各级科技创新政策，协助在孵企业申报各类科技计划项目{n1}项，获得财政资金支持{n3}万元。',
  '空间依托线上服务平台实现入驻申请、设备预约、活动报名和服务评价的全流程线上办理，平台注册用户超过{n4}人，年访问量超过{n5}万人次。',
];

const UNIVERSITIES = [
  '东南大学',
  '南京大学',
  '浙江大学',
  '华中科技大学',
  '四川大学',
  '山东大学',
  '中山大学',
  '西安交通大学',
  '吉林大学',
  '厦门大学',
  '同济大学',
  '北京航空航天大学',
];

function fill(template: string, r: Rng, v: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => {
    if (v[k] !== undefined) return v[k]!;
    switch (k) {
      case 'n1':
        return String(r.int(10, 80));
      case 'n2':
        return String(r.int(5, 40));
      case 'n3':
        return String(r.int(200, 9000));
      case 'n4':
        return String(r.int(100, 5000));
      case 'n5':
        return (r.int(5, 90) / 10).toFixed(1);
      default:
        return k;
    }
  });
}

/** The example's paragraphs of one section, with the unit's words put in. */
function exampleParagraphs(html: string, swap: (s: string) => string): string[] {
  return html
    .split('</p>')
    .filter((p) => p.includes('<p>'))
    .map((p) => swap(p.replace('<p>', '')));
}

function section(r: Rng, base: string[], vars: Record<string, string>, min: number, max: number): string {
  const paras = [...base];
  const extra = r.sample(EXTRA, r.int(min, max));
  for (const t of extra) paras.splice(r.int(0, paras.length), 0, fill(t, r, vars));
  return paras.map((p) => `<p>${p}</p>`).join('');
}

/**
 * Complete content for a unit (valid for submission when today ≥ 2018-12-31). `sections` < 6 leaves
 * a draft partly written (basic information first, then the narrative section by section).
 */
export function buildContent(
  r: Rng,
  o: { names: UnitNames; uscc: string; cityWord: string; cityName: string; complete: boolean },
): Record<string, unknown> {
  const c: ApplicationContent = cloneExampleContent();
  const { names } = o;
  const [dir1, dir2] = r.sample(names.field.directions, 2);
  const univ = r.pick(UNIVERSITIES);
  const lead = `${o.cityWord}${names.brand}${names.field.name.slice(0, 2)}股份有限公司`;
  const year = r.int(2012, 2019);
  const area = r.int(1500, 20000);
  const publicArea = Math.round(area * (0.2 + r.next() * 0.4));
  const team = r.int(6, 60);
  const fund = r.int(5, 200) * 100;
  const swap = (s: string) =>
    s
      .replaceAll('南京芯创科技服务有限公司', names.operatorName)
      .replaceAll('南京芯源微电子股份有限公司', lead)
      .replaceAll('芯创云EDA共享服务平台', `${names.brand}云${names.field.name}共享服务平台`)
      .replaceAll('集成电路', names.field.name)
      .replaceAll('东南大学', univ)
      .replaceAll('南京市', o.cityName)
      .replaceAll('南京', o.cityWord)
      .replaceAll('芯创', names.brand)
      .replaceAll('2016年', `${year}年`)
      .replaceAll('6800', String(area))
      .replaceAll('2600', String(publicArea))
      .replaceAll('5000万元', `${fund}万元`);
  const vars = {
    field: names.field.name,
    dir1: dir1!,
    dir2: dir2!,
    city: o.cityName,
    univ,
    lead,
    brand: names.brand,
    fund: String(fund),
    area: String(area),
    year: String(year),
  };

  const bi = c.basicInfo;
  bi.spaceName = names.spaceName;
  bi.establishedOn = `${year}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
  bi.operatorName = names.operatorName;
  bi.operatorUscc = o.uscc;
  bi.legalRepresentative = { name: personName(r), phone: landline(r) };
  bi.head = { name: personName(r), mobile: mobile(r) };
  bi.contact = { name: personName(r), mobile: mobile(r) };
  bi.address = names.address;
  bi.email = names.email;
  bi.backing = {
    leadingEnterprise: r.chance(0.6) ? { answer: 'yes', name: lead } : { answer: 'no' },
    university: r.chance(0.5) ? { answer: 'yes', name: univ } : { answer: 'no' },
    researchInstitute: r.chance(0.2)
      ? { answer: 'yes', name: `${o.cityName}${names.field.name}研究院` }
      : { answer: 'no' },
    newRdInstitution: { answer: 'no' },
  };
  bi.mainFields = r.sample(names.field.directions, r.int(1, 3));
  bi.managementTeamSize = team;
  bi.collegeEducatedCount = r.int(Math.ceil(team / 2), team);
  bi.mentorCount = r.int(5, 60);
  bi.selfControlledArea = area;
  bi.publicServiceArea = publicArea;
  bi.angelFundSize = fund;
  bi.residentProjectCount = r.int(10, 120);
  bi.residentCompanyCount = r.int(8, bi.residentProjectCount);
  bi.eventCount = r.int(12, 80);
  bi.onlinePlatform = r.chance(0.7)
    ? { answer: 'yes', name: `${names.brand}${names.field.name}在线服务平台` }
    : { answer: 'no' };
  bi.publicTechPlatform = { answer: 'yes', name: `${names.field.name}公共技术服务平台` };

  const ex = exampleContent.narrative;
  const n = c.narrative;
  n.hostOverview = section(r, exampleParagraphs(ex.hostOverview, swap), vars, 3, 5);
  n.currentStatus = section(r, exampleParagraphs(ex.currentStatus, swap), vars, 3, 6);
  n.overallResults = section(r, exampleParagraphs(ex.overallResults, swap), vars, 3, 5);
  n.successCases = r.sample(ex.successCases, 3).map((sc) => ({
    title: swap(sc.title),
    subject: `${o.cityWord}${r.pick(['微', '智', '云', '芯', '数', '星', '新'])}${r.pick(['联', '创', '元', '达', '科', '讯'])}${names.field.name.slice(0, 2)}科技有限公司`,
    body: section(r, exampleParagraphs(sc.body, swap), vars, 1, 2),
  }));
  n.goalsAndTasks = section(r, exampleParagraphs(ex.goalsAndTasks, swap), vars, 3, 5);
  n.organizationAndSupport = section(r, exampleParagraphs(ex.organizationAndSupport, swap), vars, 3, 5);
  c.provincialFiling = r.chance(0.7)
    ? {
        status: 'filed',
        year: r.int(Math.max(year, 2015), 2024),
        documentNo: `科高发〔${r.int(2016, 2024)}〕${r.int(10, 300)}号`,
      }
    : (exampleContent.provincialFiling as ApplicationContent['provincialFiling']);

  if (o.complete) return c as unknown as Record<string, unknown>;
  // A draft being written: the basic information, and the narrative up to some section.
  const keys = Object.keys(n) as (keyof typeof n)[];
  const kept = r.int(0, keys.length);
  const narrative = Object.fromEntries(keys.slice(0, kept).map((k) => [k, n[k]]));
  return { basicInfo: bi, ...(kept ? { narrative } : {}) };
}
