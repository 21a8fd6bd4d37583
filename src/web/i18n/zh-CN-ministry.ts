/** The Ministry's landing page and the bulk receive of dispatches (issue 17; spread into ./zh-CN.ts). */
export const ministryHome = {
  progress: '各省备案进度',
  province: '省份',
  total: '合计',
  batch: '批次',
  allBatches: '全部批次',
  clickHint: '点击数字查看相应的报送批或申报列表；“已公布”含予以备案和不予备案，打开公布页面。',
  onlyActive: '只显示有报送的省份',
  chartTitle: '各省报送至部申报与备案情况',
  chartAria: '各省报送至部申报与予以备案数量柱状图，共 {total} 项；数据同上表',
  received: '报送至部申报',
  filed: '予以备案',
};

export const dispatchBulk = {
  region: '批量接收',
  select: '选择',
  selectOne: '选择 {name} 的报送批',
  selectPage: '全选本页',
  selected: '已选 {count} 个报送批',
  clear: '取消选择',
  receive: '批量接收登记',
  modalTitle: '批量接收登记：{count} 个报送批',
  modalHint: '以下接收登记适用于所选每个报送批；每个报送批分别检查，不能接收的会说明原因。',
  resultTitle: '批量接收结果：已接收 {ok} 个，未接收 {refused} 个',
  dispatch: '报送批',
  outcome: '结果',
  reason: '说明',
  ok: '已接收',
  refused: '未接收',
  late: '逾期送达',
  inTime: '按时送达',
};
