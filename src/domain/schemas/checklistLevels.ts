/**
 * The two checklists kept per application: the city bureau's 真实性审查 and the acceptance centre's
 * 形式审查 (the package as received: letter, pledges, paper copies, deadline). Both are configured per
 * batch and province in 评审配置; until the province saves its own, the defaults apply.
 */
export const CHECKLIST_LEVELS = ['city', 'acceptance'] as const;
export type ChecklistLevel = (typeof CHECKLIST_LEVELS)[number];

export const checklistLevelTitles: Record<ChecklistLevel, string> = {
  city: '真实性审查要点',
  acceptance: '形式审查要点',
};

export interface ChecklistItem {
  key: string;
  label: string;
}

/** Drawn from 苏科高发〔2020〕174号 (二、三 and attachments 4–5) and the Work Guide 国科发高〔2016〕231号. */
export const DEFAULT_CHECKLIST: readonly ChecklistItem[] = [
  { key: 'materials_true', label: '申报材料真实、准确、完整' },
  { key: 'name_format', label: '名称符合“XXX专业化众创空间”规范（XXX为空间所服务的专业细分领域）' },
  { key: 'provincial_filing', label: '已纳入省级众创空间备案管理或拟推荐申请省级备案' },
  { key: 'operator_credit', label: '运营主体信用良好，无不良科技信用记录' },
  { key: 'operator_matches', label: '基础信息表（附件2）已由运营主体盖章，运营主体与注册单位一致' },
  { key: 'outline_followed', label: '申报书按编写提纲（附件3）编写，含 3–5 个成功案例' },
  { key: 'pledge_signed', label: '申报单位信用承诺书（附件4）已签字盖章' },
  { key: 'host_backing_true', label: '依托龙头骨干企业、高校、科研院所或新型研发机构的情况属实' },
  { key: 'work_guide', label: '符合《专业化众创空间建设工作指引》（国科发高〔2016〕231号）有关条件和要求' },
];

/** Drawn from 苏科高发〔2020〕174号 (四、报送要求) and its attachments 2–5. */
export const DEFAULT_ACCEPTANCE_CHECKLIST: readonly ChecklistItem[] = [
  { key: 'letter_stamped', label: '设区市科技局推荐函已加盖公章，推荐排序清楚' },
  { key: 'supervisor_pledge', label: '主管部门信用承诺书（附件5）已签字盖章' },
  { key: 'paper_two_copies', label: '纸质申报材料一式两份，装订完整' },
  { key: 'basic_info_stamped', label: '基础信息表（附件2）已由运营主体盖章' },
  { key: 'applicant_pledge', label: '申报单位信用承诺书（附件4）已签字盖章' },
  { key: 'paper_matches_online', label: '纸质材料与系统提交版本一致（校验码相符）' },
  { key: 'in_time', label: '在规定时间内报送' },
];

/** One checklist's saved state as the API returns it (the ticks of the round before a return included). */
export interface PreviousRoundItem {
  key: string;
  label: string;
  checked: boolean;
  note: string | null;
}

/**
 * The keys ticked in the round before the last return but not ticked again in this round: they are
 * shown as 上一轮 and must be confirmed again before the level's positive decision (推荐, 受理通过).
 */
export function pendingReconfirmation(
  previous: readonly PreviousRoundItem[] | null,
  current: readonly { key: string; checked: boolean }[],
): string[] {
  if (!previous) return [];
  const now = new Map(current.map((i) => [i.key, i.checked]));
  return previous.filter((p) => p.checked && now.has(p.key) && !now.get(p.key)).map((p) => p.key);
}
