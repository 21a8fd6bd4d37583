/**
 * Issue 14 items 8–10: the integrity placeholder on the batch page, where the applicant stands, and
 * expert review (declaration, drafts, deadlines, bulk assignment). Spread into ./zh-CN.ts as `progress`.
 */
export const progress = {
  expert: {
    declareTitle: '无利害关系声明',
    declareAgree: '本人已阅读并作出上述声明',
    declareRequired: '请阅读并勾选无利害关系声明',
    declare: '确认声明，开始评分',
    declared: '已作出无利害关系声明（{at}）',
    saveDraft: '暂存',
    draftSaved: '评分已暂存',
    draftAt: '已于 {at} 暂存',
    dueOn: '评审截止：{day}',
    overdue: '已超过评审截止日期 {day}，请尽快提交评分',
    dueColumn: '评审截止',
    noDue: '未设置',
  },
  assign: {
    dueOn: '评审截止日期',
    setDue: '设置截止日期',
    dueSaved: '评审截止日期已保存',
    fieldMatch: '领域相符',
    fields: '专业领域：{fields}',
    bulk: '批量分配专家',
    bulkTitle: '批量分配评审专家',
    bulkHint:
      '为所选的受理通过申报各分配专家：遵守回避规则（申报过利害关系、本单位、同城回避），专业领域与众创空间主要专业方向相符的专家优先，其次为待评任务较少的专家。',
    perApplication: '每项申报的专家人数',
    matchingOnly: '只分配专业领域相符的专家',
    chooseApps: '请先在表格中勾选受理通过的申报',
    bulkDone: '已分配 {n} 人次',
    shortfall: '{name}：{reason}（现有 {assigned} 人）',
  },
  fields: {
    title: '我的评审专业领域',
    hint: '省科技厅批量分配评审任务时，按您的专业领域与众创空间的主要专业方向匹配。',
    placeholder: '输入后回车，如 生物医药',
    save: '保存专业领域',
    saved: '专业领域已保存',
  },
};
