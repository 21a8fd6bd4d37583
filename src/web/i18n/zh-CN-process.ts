/**
 * Issue 14 (the process as officials run it): the province approver's pages, the approver's send-back,
 * the letter's 文号 and contact, and publication. Spread into ./zh-CN.ts as `process`.
 */
export const process = {
  leader: {
    title: '省科技厅分管领导工作台',
    description:
      '省科技厅分管领导：复核业务处室组织的本省推荐名单和推荐函，签署主管部门信用承诺书后签发报送科技部，或退回经办人修改。',
    steps: [
      { title: '复核推荐名单', content: '名单默认按专家评审排名排序，复核排序和推荐函。' },
      { title: '签署承诺并签发', content: '签署主管部门信用承诺书，在截止时间前签发报送科技部（双人复核）。' },
      { title: '或退回修改', content: '有问题的，填写理由退回业务处室经办人，修改后重新提交签发。' },
    ],
    nav: '本省报送签发',
    listTitle: '本省推荐名单签发',
    listSubtitle: '业务处室组织的报送批在此等待您签发或退回。',
    toSign: '待签发的报送批',
  },
  receipt: {
    code: '校验码',
    codeHint: '印在申报材料每一页上，纸质材料（一式两份）凭校验码与电子材料核对，也可在公开核验页面查询。',
  },
  score: {
    outOfRange: '“{label}”的得分应在 0–{weight} 分之间',
  },
  dispatch: {
    letterNo: '推荐函文号',
    letterNoPlaceholder: '如 宁科函〔2020〕56号',
    contactName: '联系人',
    contactPhone: '联系电话',
    contactPhonePlaceholder: '如 025-83379768',
    letterFrameHint: '称谓（致送单位）、落款单位、日期和公章由推荐函文件统一打印，正文中不必再写。',
    return: '退回经办人',
    returnTitle: '退回报送批',
    returnReason: '退回理由',
    returnPlaceholder: '请说明需要经办人修改的内容',
    returnRequired: '请填写退回理由',
    returned: '已退回经办人',
    returnedAlert: '审核人退回了该报送批：{comment}（{at}）。请修改后保存，保存后重新提交签发。',
    fourEyesProvince: '本省推荐名单须由业务处室组织、分管领导签发（双人复核）；组织人不能签发或退回自己组织的报送批。',
    waitingLeader: '已提交，等待分管领导复核并签发。',
  },
};

/** The Ministry's publication page (公布备案名单). */
export const publication = {
  nav: '公布备案名单',
  title: '公布备案名单',
  subtitle: '逐项作出备案决定后，按批次一次性公布（文号、日期）；只有公布后的结果才进入公开名单并通知申报单位。',
  batch: '批次',
  pending: '待公布的备案决定（预览）',
  none: '没有待公布的备案决定',
  decision: '决定',
  filed: '予以备案',
  notFiled: '不予备案',
  number: '申报编号',
  space: '众创空间名称',
  unit: '运营主体',
  province: '省份',
  documentNo: '公布文号',
  documentNoPlaceholder: '如 国科火字〔2020〕180号',
  publishedOn: '公布日期',
  publish: '公布',
  confirm: '确定公布本批次全部 {count} 项待公布的备案决定？公布后予以备案的众创空间进入公开名单，并通知申报单位。',
  search: '按名称、运营主体或申报编号查找',
  allDecisions: '全部决定',
  done: '已公布：{count} 家众创空间予以备案',
  history: '公布记录',
  count: '予以备案数',
  required: '请填写公布文号和公布日期',
};
