/**
 * The Chinese labels of an application's content, as printed on attachments 2 and 3 of
 * 苏科高发〔2020〕174号. The web form, the PDF and the Excel export all read them from here.
 */

export const ATTACHMENT_TITLES = {
  basicInfo: '国家专业化众创空间基础信息表', // 附件2 (the form itself is headed 专业化众创空间基础信息表)
  narrative: '国家专业化众创空间备案申报书编写提纲', // 附件3
  applicantPledge: '申报单位信用承诺书', // 附件4
  supervisorPledge: '主管部门信用承诺书', // 附件5
} as const;

/** The heading printed on attachment 2. */
export const BASIC_INFO_FORM_HEADING = '专业化众创空间基础信息表';

export const OPERATOR_NATURES = [
  'public_institution',
  'enterprise',
  'investment_institution',
  'university',
  'other',
] as const;
export type OperatorNature = (typeof OPERATOR_NATURES)[number];

/** 运营主体性质, numbered as on the form; `printed` is the option's text on the paper form. */
export const operatorNatureOptions = [
  { value: 'public_institution', no: 1, label: '事业单位', printed: '1、事业单位' },
  { value: 'enterprise', no: 2, label: '企业', printed: '2、企业（国有、民营）' },
  { value: 'investment_institution', no: 3, label: '投资机构', printed: '3、投资机构' },
  { value: 'university', no: 4, label: '高校', printed: '4、高校' },
  { value: 'other', no: 5, label: '其它社会组织', printed: '5、其它社会组织' },
] as const satisfies readonly { value: OperatorNature; no: number; label: string; printed: string }[];

export const ENTERPRISE_OWNERSHIPS = ['state_owned', 'private'] as const;
export type EnterpriseOwnership = (typeof ENTERPRISE_OWNERSHIPS)[number];
export const enterpriseOwnershipOptions = [
  { value: 'state_owned', label: '国有' },
  { value: 'private', label: '民营' },
] as const satisfies readonly { value: EnterpriseOwnership; label: string }[];

export const YES_NO = ['yes', 'no'] as const;
export type YesNo = (typeof YES_NO)[number];
/** The printed choices of every yes/no question; 是 asks for the full name. */
export const yesNoOptions = [
  { value: 'yes', label: '是', printed: '是（填写详细名称）' },
  { value: 'no', label: '否', printed: '否' },
] as const satisfies readonly { value: YesNo; label: string; printed: string }[];

export const MANAGEMENT_SYSTEMS = ['entryStandards', 'exitConditions', 'incubateeDatabase', 'other'] as const;
export type ManagementSystem = (typeof MANAGEMENT_SYSTEMS)[number];
/** 管理制度 tick boxes in printed order; 其他 is followed by free text (managementSystemsOther). */
export const managementSystemOptions = [
  { key: 'entryStandards', label: '入驻标准' },
  { key: 'exitConditions', label: '退出条件' },
  { key: 'incubateeDatabase', label: '在孵项目或企业数据库' },
  { key: 'other', label: '其他' },
] as const satisfies readonly { key: ManagementSystem; label: string }[];

export interface FieldLabel {
  /** Dotted path inside basicInfo. */
  readonly key: string;
  /** Exactly as printed on the form (units included where the form prints them). */
  readonly label: string;
  /** Unambiguous name for messages and summaries, where the printed label alone is not (联系手机). */
  readonly fullLabel?: string;
  readonly unit?: string;
  /** Help text printed on the form. */
  readonly hint?: string;
  /** For yes/no questions: what to fill in when the answer is 是. */
  readonly nameLabel?: string;
  /** Value kind, for renderers. */
  readonly kind: 'text' | 'date' | 'choice' | 'yesNo' | 'list' | 'integer' | 'number' | 'checks';
}

/**
 * Every field of attachment 2 in the order of the printed form (统一社会信用代码 is not on the form but
 * is needed for the credit record, so it follows 运营主体名称).
 */
export const basicInfoFields = [
  { key: 'spaceName', label: '众创空间名称', kind: 'text' },
  { key: 'establishedOn', label: '成立时间', kind: 'date' },
  { key: 'operatorName', label: '运营主体名称', hint: '（盖章）', kind: 'text' },
  { key: 'operatorUscc', label: '统一社会信用代码', fullLabel: '运营主体统一社会信用代码', kind: 'text' },
  { key: 'operatorNature', label: '运营主体性质', kind: 'choice' },
  { key: 'enterpriseOwnership', label: '企业（国有、民营）', fullLabel: '企业性质（国有或民营）', kind: 'choice' },
  { key: 'legalRepresentative.name', label: '法人代表', kind: 'text' },
  { key: 'legalRepresentative.phone', label: '联系电话', fullLabel: '法人代表联系电话', kind: 'text' },
  { key: 'head.name', label: '负责人', kind: 'text' },
  { key: 'head.mobile', label: '联系手机', fullLabel: '负责人联系手机', kind: 'text' },
  { key: 'contact.name', label: '联系人', kind: 'text' },
  { key: 'contact.mobile', label: '联系手机', fullLabel: '联系人联系手机', kind: 'text' },
  { key: 'address', label: '单位地址', kind: 'text' },
  { key: 'email', label: 'Email', fullLabel: '电子邮箱（Email）', kind: 'text' },
  {
    key: 'backing.leadingEnterprise',
    label: '是否依托或由龙头骨干企业建立',
    nameLabel: '龙头骨干企业详细名称',
    kind: 'yesNo',
  },
  { key: 'backing.university', label: '是否依托或由高校建立', nameLabel: '高校详细名称', kind: 'yesNo' },
  {
    key: 'backing.researchInstitute',
    label: '是否依托或由科研院所建立',
    nameLabel: '科研院所详细名称',
    kind: 'yesNo',
  },
  {
    key: 'backing.newRdInstitution',
    label: '是否依托或由新型研发机构建立',
    nameLabel: '新型研发机构详细名称',
    kind: 'yesNo',
  },
  { key: 'mainFields', label: '主要专业方向', hint: '如互联网、新材料、生物医药、新能源等', kind: 'list' },
  { key: 'managementTeamSize', label: '管理团队人员总数', unit: '人', kind: 'integer' },
  { key: 'collegeEducatedCount', label: '其中大专以上人数', unit: '人', kind: 'integer' },
  { key: 'mentorCount', label: '创业导师数', unit: '人', kind: 'integer' },
  {
    key: 'selfControlledArea',
    label: '自主支配场地建筑面积（平方米）',
    fullLabel: '自主支配场地建筑面积',
    unit: '平方米',
    kind: 'number',
  },
  {
    key: 'publicServiceArea',
    label: '公共办公与服务场地面积（平方米）',
    fullLabel: '公共办公与服务场地面积',
    unit: '平方米',
    kind: 'number',
  },
  {
    key: 'angelFundSize',
    label: '天使投资（种子）基金（资金）规模（万元）',
    fullLabel: '天使投资（种子）基金（资金）规模',
    unit: '万元',
    kind: 'number',
  },
  { key: 'residentProjectCount', label: '入驻项目数', unit: '个', kind: 'integer' },
  { key: 'residentCompanyCount', label: '入驻企业数', unit: '家', kind: 'integer' },
  { key: 'eventCount', label: '举办创新创业活动次数', unit: '次', kind: 'integer' },
  { key: 'onlinePlatform', label: '是否建有线上服务平台', nameLabel: '线上服务平台详细名称', kind: 'yesNo' },
  {
    key: 'publicTechPlatform',
    label: '是否建有公共技术服务平台',
    nameLabel: '公共技术服务平台详细名称',
    kind: 'yesNo',
  },
  { key: 'managementSystems', label: '管理制度', kind: 'checks' },
  { key: 'managementSystemsOther', label: '其他', fullLabel: '其他管理制度', kind: 'text' },
] as const satisfies readonly FieldLabel[];

export type BasicInfoFieldKey = (typeof basicInfoFields)[number]['key'];

const fieldByKey = new Map<string, FieldLabel>(basicInfoFields.map((f) => [f.key, f]));

/** The label entry of a basicInfo field. */
export const basicInfoField = (key: BasicInfoFieldKey): FieldLabel => fieldByKey.get(key)!;

/** The name used in messages: the full label when the printed one is ambiguous, without the printed unit. */
export const fieldName = (key: BasicInfoFieldKey): string => {
  const f = basicInfoField(key);
  return f.fullLabel ?? f.label;
};

export const NARRATIVE_SECTIONS = [
  'hostOverview',
  'currentStatus',
  'overallResults',
  'successCases',
  'goalsAndTasks',
  'organizationAndSupport',
] as const;
export type NarrativeSection = (typeof NARRATIVE_SECTIONS)[number];
/** The sections that are one rich-text field each (the success cases are a list whose bodies are rich text). */
export const RICH_TEXT_SECTIONS = NARRATIVE_SECTIONS.filter(
  (k): k is Exclude<NarrativeSection, 'successCases'> => k !== 'successCases',
);

export interface OutlineHeading {
  readonly label: string;
  /** The narrative key written under this heading; absent for a heading that only groups others. */
  readonly key?: NarrativeSection;
  readonly children?: readonly OutlineHeading[];
}

export const NARRATIVE_TITLE = '国家专业化众创空间备案申报书';

/** The outline of attachment 3 (申报书编写提纲), in order, with the narrative key filled under each heading. */
export const narrativeOutline = [
  {
    label: '一、专业化众创空间介绍',
    children: [
      { label: '1. 建设主体基本情况', key: 'hostOverview' },
      { label: '2. 专业化众创空间现状', key: 'currentStatus' },
    ],
  },
  {
    label: '二、取得成效',
    children: [
      { label: '1. 总体成效', key: 'overallResults' },
      { label: '2. 3-5个成功案例', key: 'successCases' },
    ],
  },
  { label: '三、发展目标和重点任务', key: 'goalsAndTasks' },
  { label: '四、组织与保障', key: 'organizationAndSupport' },
] as const satisfies readonly OutlineHeading[];

/** Each narrative section's heading without its number, for messages and counters. */
export const narrativeSectionLabels: Record<NarrativeSection, string> = {
  hostOverview: '建设主体基本情况',
  currentStatus: '专业化众创空间现状',
  overallResults: '总体成效',
  successCases: '成功案例',
  goalsAndTasks: '发展目标和重点任务',
  organizationAndSupport: '组织与保障',
};

export const successCaseFields = [
  { key: 'title', label: '案例标题' },
  { key: 'subject', label: '案例主体', hint: '入驻企业或团队名称' },
  { key: 'body', label: '案例内容' },
] as const satisfies readonly { key: string; label: string; hint?: string }[];

export const PROVINCIAL_FILING_STATUSES = ['filed', 'planned'] as const;
export type ProvincialFilingStatus = (typeof PROVINCIAL_FILING_STATUSES)[number];

/** The two conditions of the notice (第三条): already in provincial filing, or about to apply. */
export const provincialFilingFields = {
  label: '省级众创空间备案情况',
  statusOptions: [
    { value: 'filed', label: '已纳入省级众创空间备案管理' },
    { value: 'planned', label: '拟推荐申请省级众创空间备案' },
  ],
  year: { label: '纳入省级备案年份', unit: '年' },
  documentNo: { label: '省级备案文号', hint: '如 苏科高发〔2019〕XX号' },
} as const;

const GROUP_LABELS: Record<string, string> = {
  legalRepresentative: '法人代表',
  head: '负责人',
  contact: '联系人',
  backing: '依托单位',
};

const SECTION_LABELS: Record<string, string> = {
  basicInfo: ATTACHMENT_TITLES.basicInfo,
  narrative: '申报书',
  provincialFiling: provincialFilingFields.label,
};

/**
 * A readable Chinese name for a problem path from validateForSubmission, for error summaries:
 * 'basicInfo.head.mobile' → '负责人联系手机', 'narrative.successCases.1.title' → '成功案例 2 · 案例标题'.
 */
export function contentFieldLabel(path: string): string {
  const [section, ...rest] = path.split('.');
  const key = rest.join('.');
  if (section === 'basicInfo') {
    if (!key) return SECTION_LABELS.basicInfo!;
    const direct = fieldByKey.get(key);
    if (direct) return direct.fullLabel ?? direct.label;
    const mainField = /^mainFields\.(\d+)$/.exec(key);
    if (mainField) return `主要专业方向 ${Number(mainField[1]) + 1}`;
    const yesNo = /^(.+)\.(answer|name)$/.exec(key);
    const parent = yesNo && fieldByKey.get(yesNo[1]!);
    if (parent) return yesNo[2] === 'name' ? parent.nameLabel! : parent.label;
    const system = /^managementSystems\.(\w+)$/.exec(key);
    const option = system && managementSystemOptions.find((o) => o.key === system[1]);
    if (option) return `管理制度 · ${option.label}`;
    return GROUP_LABELS[key] ?? key;
  }
  if (section === 'narrative') {
    if (!key) return SECTION_LABELS.narrative!;
    const c = /^successCases\.(\d+)(?:\.(\w+))?$/.exec(key);
    if (c) {
      const field = successCaseFields.find((f) => f.key === c[2]);
      return `成功案例 ${Number(c[1]) + 1}${field ? ` · ${field.label}` : ''}`;
    }
    return narrativeSectionLabels[key as NarrativeSection] ?? key;
  }
  if (section === 'provincialFiling') {
    if (key === 'year') return provincialFilingFields.year.label;
    if (key === 'documentNo') return provincialFilingFields.documentNo.label;
    return provincialFilingFields.label;
  }
  return path;
}
