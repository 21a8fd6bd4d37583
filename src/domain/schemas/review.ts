import { z } from 'zod';
import { CHECKLIST_LEVELS } from './checklistLevels.js';

/**
 * Review configuration per batch and province (评审配置): the authenticity review checklist of the
 * city bureaus (真实性审查), the integrity rules every city reviewer acknowledges before the first
 * review action (六项承诺 / 八个严禁), the expert-scoring criteria with their weights, and whether
 * experts from the applicant's own city are recused (同城回避). Until the province saves its own,
 * the defaults below apply (the checklists' defaults: ./checklistLevels.ts).
 */

// ---- defaults ----

export const INTEGRITY_RULES_TITLE = '全省科技管理系统“六项承诺”和“八个严禁”规定';

/**
 * The texts of Jiangsu's 六项承诺 and 八个严禁 could not be found (DOMAIN §4): the default quotes what
 * the notice requires and says plainly that the official text is still to be entered.
 */
export const DEFAULT_INTEGRITY_TEXT = [
  '【待补充正式文本】本系统未能取得江苏省科技管理系统“六项承诺”和“八个严禁”规定的正式条文，以下为占位说明。请省科技厅在“评审配置”中将本段替换为正式条文；替换后，审核人员须重新阅读并确认。',
  '',
  '根据《省科技厅关于组织开展第四批国家专业化众创空间备案示范推荐工作的通知》（苏科高发〔2020〕174号）第五条：各设区市科技局在对辖区内国家专业化众创空间备案申报材料审核时，要严格执行全省科技管理系统“六项承诺”和“八个严禁”规定，按照《关于进一步加强全省科技管理系统全面从严治党工作的意见》（苏科党组〔2018〕16号）要求，切实加强关键环节和重点岗位的廉政风险防控，坚决杜绝弄虚作假、徇私舞弊等行为。',
  '',
  '本人确认已阅读上述要求，将严格遵守“六项承诺”和“八个严禁”规定，如实开展真实性审查；与申报单位存在利害关系的，主动申报回避。',
].join('\n');

/** The mark that opens the placeholder text (DEFAULT_INTEGRITY_TEXT begins with it). */
export const INTEGRITY_PLACEHOLDER_MARK = '【待补充正式文本】';

/**
 * Whether an integrity text is still the placeholder. Nobody can acknowledge a placeholder, so the
 * city review of a batch (which waits for the acknowledgement) cannot begin until the province
 * enters the official text.
 */
export const isPlaceholderIntegrityText = (text: string): boolean => text.includes(INTEGRITY_PLACEHOLDER_MARK);

/** What reviewers are told while the text is the placeholder. */
export const INTEGRITY_PLACEHOLDER_MESSAGE =
  '省科技厅尚未录入“六项承诺”“八个严禁”的正式条文，本批次暂不能开始审核；请联系省科技厅';

export interface Criterion {
  key: string;
  label: string;
  weight: number;
  description?: string;
}

/** The Work Guide's emphases, weighted to a total of 100. */
export const DEFAULT_CRITERIA: readonly Criterion[] = [
  {
    key: 'specialization',
    label: '专业化领域聚焦',
    weight: 20,
    description: '服务领域聚焦细分产业，与建设主体主业和区域产业发展相契合',
  },
  {
    key: 'service_platform',
    label: '服务平台与能力',
    weight: 20,
    description: '专业技术服务平台、线上服务平台，研发、检测、中试等专业服务能力',
  },
  {
    key: 'mentors_investment',
    label: '创业导师与投融资',
    weight: 15,
    description: '专业创业导师队伍，天使投资（种子）基金规模与投融资服务',
  },
  {
    key: 'incubation_results',
    label: '孵化成效',
    weight: 20,
    description: '入驻项目与企业、成功案例、举办创新创业活动等成效',
  },
  {
    key: 'host_support',
    label: '建设主体支撑',
    weight: 15,
    description: '龙头骨干企业、高校、科研院所或新型研发机构的资源与产业链支撑',
  },
  {
    key: 'goals_support',
    label: '发展目标与保障',
    weight: 10,
    description: '发展目标和重点任务明确，组织管理与制度保障有力',
  },
];

export const CRITERIA_TOTAL_WEIGHT = 100;
export const DEFAULT_SAME_CITY_RECUSAL = true;

// ---- requests ----

const key = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, '编号只能由小写字母、数字和下划线组成，以字母开头，不超过 40 个字符');

export const checklistItemInput = z.object({
  /** Omitted for a new item: the server gives it a key. */
  key: key.optional(),
  label: z
    .string({ error: '请填写审查要点' })
    .trim()
    .min(2, '审查要点至少 2 个字')
    .max(200, '审查要点不能超过 200 个字'),
});

export const criterionInput = z.object({
  key: key.optional(),
  label: z
    .string({ error: '请填写评分指标名称' })
    .trim()
    .min(2, '评分指标名称至少 2 个字')
    .max(50, '评分指标名称不能超过 50 个字'),
  weight: z
    .number({ error: '请填写权重' })
    .int('权重应为整数')
    .min(1, '权重至少为 1')
    .max(CRITERIA_TOTAL_WEIGHT, `权重不能超过 ${CRITERIA_TOTAL_WEIGHT}`),
  description: z.string().trim().max(500, '评分说明不能超过 500 个字').optional(),
});

const uniqueKeys = (items: { key?: string }[]) => {
  const keys = items.map((i) => i.key).filter(Boolean);
  return new Set(keys).size === keys.length;
};

/** A configured checklist (1–30 items, keys unique); `noun` names its items in the messages. */
const checklistInput = (noun: string) =>
  z
    .array(checklistItemInput)
    .min(1, `至少保留 1 个${noun}`)
    .max(30, `${noun}不能超过 30 个`)
    .refine(uniqueKeys, `${noun}编号不能重复`);

export const updateReviewConfigRequest = z.object({
  /** The version read (0 while the defaults apply); a stale version answers 409. */
  version: z.number({ error: '缺少版本号' }).int().min(0),
  /** Only for administrators above province level; others configure their own province. */
  provinceId: z.string().max(64).optional(),
  checklist: checklistInput('审查要点'),
  integrityText: z
    .string({ error: '请填写廉政规定文本' })
    .trim()
    .min(10, '廉政规定文本至少 10 个字')
    .max(20000, '廉政规定文本不能超过 20000 个字'),
  criteria: z
    .array(criterionInput)
    .min(1, '至少保留 1 个评分指标')
    .max(20, '评分指标不能超过 20 个')
    .refine(uniqueKeys, '评分指标编号不能重复')
    .refine(
      (c) => c.reduce((s, x) => s + x.weight, 0) === CRITERIA_TOTAL_WEIGHT,
      `各评分指标权重之和应为 ${CRITERIA_TOTAL_WEIGHT}`,
    ),
  sameCityRecusal: z.boolean({ error: '请选择是否同城回避' }),
  /** The acceptance centre's 形式审查 items; omitted: kept as they are. */
  acceptanceChecklist: checklistInput('形式审查要点').optional(),
});
export type UpdateReviewConfigRequest = z.infer<typeof updateReviewConfigRequest>;

export const reviewConfigQuery = z.object({
  /** Defaults to the caller's province; required for Ministry and nation-level users. */
  provinceId: z.string().max(64).optional(),
});

export const acknowledgeRequest = z.object({
  /** The version of the integrity text the user read (integrity.version of the configuration). */
  textVersion: z.number({ error: '缺少廉政规定版本号' }).int().min(1),
  provinceId: z.string().max(64).optional(),
});
export type AcknowledgeRequest = z.infer<typeof acknowledgeRequest>;

export const saveChecklistRequest = z.object({
  /** The version read (0 when nothing was saved yet). */
  version: z.number({ error: '缺少版本号' }).int().min(0),
  items: z
    .array(
      z.object({
        key: z.string().max(40),
        checked: z.boolean(),
        note: z.string().trim().max(1000, '备注不能超过 1000 个字').optional(),
      }),
    )
    .max(30),
  comment: z.string().trim().max(2000, '审查意见不能超过 2000 个字').optional(),
});
export type SaveChecklistRequest = z.infer<typeof saveChecklistRequest>;

// ---- responses ----

export const checklistItemSchema = z.object({ key: z.string(), label: z.string() });
export const criterionSchema = z.object({
  key: z.string(),
  label: z.string(),
  weight: z.number(),
  description: z.string().optional(),
});

export const acknowledgementSchema = z.object({
  batchId: z.string(),
  provinceId: z.string(),
  textVersion: z.number(),
  acknowledgedAt: z.string(),
});
export type Acknowledgement = z.infer<typeof acknowledgementSchema>;

export const reviewConfigSchema = z.object({
  batchId: z.string(),
  batchName: z.string(),
  provinceId: z.string(),
  provinceName: z.string(),
  /** True while the province has saved nothing: the defaults above apply. */
  isDefault: z.boolean(),
  /** 0 while the defaults apply. */
  version: z.number(),
  checklist: z.array(checklistItemSchema),
  /** The acceptance centre's 形式审查 items. */
  acceptanceChecklist: z.array(checklistItemSchema),
  integrity: z.object({
    title: z.string(),
    text: z.string(),
    /** Goes up whenever the text changes; an acknowledgement holds for the version acknowledged. */
    version: z.number(),
    /** Still the placeholder: it cannot be acknowledged, so the city review cannot begin. */
    placeholder: z.boolean(),
  }),
  criteria: z.array(criterionSchema),
  sameCityRecusal: z.boolean(),
  updatedAt: z.string().nullable(),
  updatedByName: z.string().nullable(),
  /** Whether the current user may change the configuration. */
  canEdit: z.boolean(),
  /** The current user's acknowledgement of the current integrity text. */
  acknowledgement: z.object({
    /** The user must acknowledge before reviewing (city reviewers). */
    required: z.boolean(),
    acknowledgedAt: z.string().nullable(),
  }),
});
export type ReviewConfig = z.infer<typeof reviewConfigSchema>;
export const reviewConfigResponse = z.object({ config: reviewConfigSchema });
export const acknowledgementResponse = z.object({ acknowledgement: acknowledgementSchema });

/** A checklist item with its tick and note. */
const checkedItemSchema = z.object({
  key: z.string(),
  label: z.string(),
  checked: z.boolean(),
  note: z.string().nullable(),
});

export const checklistResultSchema = z.object({
  applicationId: z.string(),
  /** The batch's checklist items, each with the stored tick and note (unticked when never saved). */
  items: z.array(checkedItemSchema),
  comment: z.string().nullable(),
  reviewerName: z.string().nullable(),
  updatedAt: z.string().nullable(),
  /** 0 when nothing was saved yet. */
  version: z.number(),
  /** Whether the current user may save it now (a city reviewer while the application is under city review). */
  editable: z.boolean(),
  /** city: 真实性审查 (city reviewer); acceptance: 形式审查 (acceptance centre). */
  level: z.enum(CHECKLIST_LEVELS),
  /** The round before the last return (上一轮), or null when there was none. */
  previousItems: z.array(checkedItemSchema).nullable(),
  /** Items ticked 上一轮 and not yet ticked again: the level's positive decision waits for them. */
  pendingReconfirmation: z.array(z.string()),
});
export type ChecklistResult = z.infer<typeof checklistResultSchema>;
export const checklistResponse = z.object({ checklist: checklistResultSchema });

/** The message and detail path the review actions answer with until the integrity rules are acknowledged. */
export const ACKNOWLEDGEMENT_REQUIRED_MESSAGE = '请先阅读并确认本批次的廉政规定（“六项承诺”“八个严禁”）后再进行审核';
export const ACKNOWLEDGEMENT_DETAIL_PATH = 'acknowledgement';
