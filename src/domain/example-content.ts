import type { ApplicationContent } from './application.js';
import type { ApplicantPledge } from './pledges.js';

/**
 * A complete, valid application for a fictitious 集成电路专业化众创空间 in 南京, for tests, demo data
 * and benchmarks. It is deeply frozen: take `cloneExampleContent()` to change it.
 * Valid for any `today` from 2018-12-31 on (established 2016, provincially filed in 2018).
 */
export const exampleContent: ApplicationContent = deepFreeze({
  basicInfo: {
    spaceName: '南京芯创集成电路专业化众创空间',
    establishedOn: '2016-09-20',
    operatorName: '南京芯创科技服务有限公司',
    operatorUscc: '91320100MA1N2B3C40',
    operatorNature: 'enterprise',
    enterpriseOwnership: 'private',
    legalRepresentative: { name: '王建国', phone: '025-58601234' },
    head: { name: '李晓峰', mobile: '13851234567' },
    contact: { name: '陈静', mobile: '13905141234' },
    address: '南京市江北新区研创园星火路15号芯创大厦8层',
    email: 'service@xinchuang-ic.example.cn',
    backing: {
      leadingEnterprise: { answer: 'yes', name: '南京芯源微电子股份有限公司' },
      university: { answer: 'yes', name: '东南大学' },
      researchInstitute: { answer: 'no' },
      newRdInstitution: { answer: 'no' },
    },
    mainFields: ['集成电路设计', '半导体封装测试', 'EDA工具'],
    managementTeamSize: 18,
    collegeEducatedCount: 16,
    mentorCount: 25,
    selfControlledArea: 6800,
    publicServiceArea: 2600,
    angelFundSize: 5000,
    residentProjectCount: 46,
    residentCompanyCount: 38,
    eventCount: 42,
    onlinePlatform: { answer: 'yes', name: '芯创云EDA共享服务平台' },
    publicTechPlatform: { answer: 'yes', name: '集成电路设计与测试公共技术服务平台' },
    managementSystems: { entryStandards: true, exitConditions: true, incubateeDatabase: true, other: true },
    managementSystemsOther: '知识产权管理办法、流片补贴管理办法',
  },
  narrative: {
    hostOverview:
      '<p>南京芯创科技服务有限公司成立于2016年，注册资本2000万元，由南京芯源微电子股份有限公司联合东南大学相关团队共同发起设立，是一家专注于集成电路领域创新创业服务的民营科技服务企业。公司现有专职员工18人，其中硕士以上学历9人，具有集成电路设计、封装测试、知识产权和投融资服务等专业背景。</p>' +
      '<p>依托龙头企业在芯片设计与制造环节的产业资源和高校在微电子学科的科研优势，公司构建了“技术平台＋专业导师＋产业资本＋市场渠道”四位一体的服务体系，先后获评江苏省科技企业孵化器、南京市优秀众创空间等称号。</p>',
    currentStatus:
      '<p>空间位于南京市江北新区研创园，自主支配场地建筑面积6800平方米，其中公共办公与服务场地2600平方米，设有开放式工位180个、独立办公室32间、EDA设计机房1间、芯片测试验证实验室2间。</p>' +
      '<p>空间聚焦集成电路设计、半导体封装测试和EDA工具三个细分方向，目前入驻创业项目46个、企业38家；聘请创业导师25名，其中产业技术导师15名、投融资导师6名、法律财务导师4名；设立天使投资基金5000万元，累计投资在孵企业14家。</p>' +
      '<p>空间建有芯创云EDA共享服务平台和集成电路设计与测试公共技术服务平台，为入驻团队提供正版EDA工具分时租用、多项目晶圆（MPW）流片、芯片测试与失效分析等服务，显著降低了早期团队的研发成本。</p>',
    overallResults:
      '<p>近三年，空间累计服务创业团队和企业126家，孵化新注册企业41家，其中9家获评国家高新技术企业、17家入库国家科技型中小企业；在孵企业累计获得股权融资4.6亿元，申请集成电路布图设计专有权86件、发明专利132件。</p>' +
      '<p>空间每年举办“芯创沙龙”、集成电路设计大赛、投融资路演等创新创业活动40余场，服务人次超过5000人次，已成为南京集成电路领域专业化程度较高、服务链条较完整的创新创业载体。</p>',
    successCases: [
      {
        title: '从实验室到量产：低功耗物联网主控芯片',
        subject: '南京微芯智联电子科技有限公司',
        body:
          '<p>该企业由东南大学微电子专业博士团队于2017年创立，入驻空间后获得空间天使基金300万元投资，并通过公共技术服务平台完成三次MPW流片验证。</p>' +
          '<p>在空间产业导师的对接下，企业的低功耗物联网主控芯片进入多家智能表计厂商供应链，2019年出货量超过800万颗，营业收入突破6000万元，已完成A轮融资1.2亿元。</p>',
      },
      {
        title: '车规级功率器件驱动芯片实现国产替代',
        subject: '南京驰芯半导体有限公司',
        body:
          '<p>该企业专注于新能源汽车功率器件驱动芯片研发，入驻后依托龙头企业的封装测试产线完成车规级可靠性验证，产品通过AEC-Q100认证。</p>' +
          '<p>空间协助企业对接整车及零部件企业12家，目前产品已在两家整车企业批量应用，企业获评江苏省民营科技企业，2020年完成Pre-A轮融资5000万元。</p>',
      },
      {
        title: '高校团队孵化的毫米波雷达芯片企业',
        subject: '南京雷芯科技有限公司',
        body:
          '<p>该企业由高校科研团队以职务科技成果作价入股创办，空间为其提供科技成果转化、股权架构设计、知识产权布局等全流程服务。</p>' +
          '<p>企业研发的77GHz毫米波雷达芯片已完成工程样片，获得国家级创新创业大赛一等奖，申请发明专利18件，团队规模由5人发展至46人。</p>',
      },
    ],
    goalsAndTasks:
      '<p>未来三年，空间将围绕南京建设具有全球影响力的集成电路产业地标的目标，力争累计孵化集成电路企业100家以上、培育国家高新技术企业30家以上，天使投资基金规模扩大至1亿元。</p>' +
      '<p>重点任务包括：一是升级EDA共享服务平台，引入先进工艺设计套件；二是联合龙头企业建设车规级芯片测试验证中心；三是完善“众创空间—孵化器—加速器—产业园”全链条孵化体系；四是深化与高校院所合作，加快科技成果转化。</p>',
    organizationAndSupport:
      '<p>公司成立由董事长任组长的专业化众创空间建设领导小组，设立运营服务部、技术平台部和投资部，明确岗位职责和考核机制；制定入驻标准、退出条件、在孵企业数据库、知识产权管理和流片补贴等管理制度。</p>' +
      '<p>在资金保障方面，公司每年安排不少于500万元用于平台建设和运营服务，积极争取省市各级科技创新政策支持；在人才保障方面，持续引进具有产业背景的专职孵化人员，完善创业导师聘任与激励机制。</p>',
  },
  provincialFiling: { status: 'filed', year: 2018, documentNo: '苏科高发〔2018〕256号' },
});

/** The pledge that goes with the example. */
export const examplePledge: ApplicantPledge = deepFreeze({ signerName: '王建国', agreed: true });

/** A mutable deep copy of the example, to change in a test. */
export const cloneExampleContent = (): ApplicationContent => structuredClone(exampleContent);

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
