/**
 * Every piece of interface text, in Simplified Chinese. Another language is another object of the
 * same `Messages` type. Placeholders such as {count} are filled by `fmt()` in ./index.ts.
 * Role, org-kind, audit-action and error labels come from src/domain and are not repeated here.
 */

import { applicant, publicSite } from './zh-CN-applicant';
import { batches } from './zh-CN-batches';
import { process, publication } from './zh-CN-process';
import { opinions } from './zh-CN-opinions';
import { progress } from './zh-CN-progress';
import { similarity } from './zh-CN-similarity';
import { bulk } from './zh-CN-bulk';
import { dispatchBulk, ministryHome } from './zh-CN-ministry';
import { reviewDesk } from './zh-CN-review';
import { reviewOffice } from './zh-CN-review-office';

interface Step {
  title: string;
  content: string;
}

export interface RoleWorkbench {
  title: string;
  description: string;
  steps: Step[];
}

const zhCN = {
  app: {
    title: '专业化众创空间备案申报推荐系统',
    shortTitle: '众创空间备案',
    subtitle: '国家专业化众创空间备案示范 · 申报与推荐',
  },
  common: {
    search: '查询',
    reset: '重置',
    cancel: '取消',
    ok: '确定',
    save: '保存',
    close: '关闭',
    actions: '操作',
    none: '—',
    yes: '是',
    no: '否',
    all: '全部',
    loading: '正在加载…',
    loadFailed: '加载失败',
    retry: '重试',
    saved: '已保存',
    networkError: '无法连接服务器，请检查网络后重试',
    total: '共 {total} 条',
    sort: '排序',
    sortOrder: '排序方向',
    asc: '升序',
    desc: '降序',
  },
  download: {
    running: '正在生成文件…',
    what: '正在生成：{label}',
    received: '已接收 {size}',
    receivedOf: '已接收 {size}，共 {total}',
    receivedOfAbout: '已接收 {size}，预计共约 {total}',
    elapsed: '已用时 {seconds} 秒',
    waiting: '服务器正在生成文件，请稍候',
    progress: '文件生成进度',
    done: '已完成',
    doneText: '{name}（{size}）已生成，浏览器已开始保存。如未看到下载的文件，请点击“保存文件”。',
    save: '保存文件',
    cancel: '取消',
    close: '关闭',
    failed: '下载失败',
    interrupted: '文件传输中断，请重试',
    retry: '重试',
    summaryXlsx: '申报汇总表（Excel）',
    creditCsv: '不良科技信用记录（CSV）',
    creditJson: '不良科技信用记录（JSON）',
    creditXlsx: '不良科技信用记录（Excel）',
    rankingXlsx: '评审排名（Excel）',
    registrationsXlsx: '单位注册申请（Excel）',
    exportXlsx: '导出 Excel',
  },
  session: {
    expired: '登录已超时，请重新登录',
    unauthorized: '请先登录',
    loggedOut: '您已安全退出',
  },
  login: {
    heading: '用户登录',
    username: '用户名',
    password: '密码',
    usernameRequired: '请输入用户名',
    passwordRequired: '请输入密码',
    submit: '登录',
    hint: '连续 5 次密码错误，账号将锁定 15 分钟。',
  },
  layout: {
    logout: '退出登录',
    changePassword: '修改密码',
    openMenu: '打开导航菜单',
    navigation: '导航菜单',
    userMenu: '用户菜单',
    rolesSeparator: '、',
    footer: '专业化众创空间备案申报推荐系统 · 全部操作留痕可追溯',
  },
  nav: {
    workbench: '工作台',
    orgs: '单位管理',
    accounts: '账号管理',
    audit: '审计日志',
  },
  password: {
    title: '修改密码',
    forcedNotice: '首次登录或密码已过期，请先修改密码后再继续使用系统。',
    current: '当前密码',
    new: '新密码',
    confirm: '确认新密码',
    confirmRequired: '请再次输入新密码',
    mismatch: '两次输入的新密码不一致',
    sameAsCurrent: '新密码不能与当前密码相同',
    submit: '确认修改',
    success: '密码已修改',
    otherSessionsEnded: '您在其他设备上的登录已全部退出。',
  },
  workbench: {
    user: '用户',
    org: '所在单位',
    role: '当前角色',
    duty: '职责',
    steps: '我参与的业务环节',
    integrity:
      '诚信要求：各环节操作全程留痕、可追溯；提供虚假材料的，取消推荐资格并记入不良科技信用记录，主管部门按其信用承诺承担相应责任。',
  },
  roles: {
    province_approver: {
      title: process.leader.title,
      description: process.leader.description,
      steps: process.leader.steps,
    },
    applicant: {
      title: '申报单位工作台',
      description:
        '众创空间的运营主体：注册单位账号，填写基础信息表和申报书，签署信用承诺书后向所在设区市科技局提交申报。',
      steps: [
        {
          title: '注册单位账号',
          content: '以统一社会信用代码注册并选择所在设区市，经市科技局核实后方可申报；同一信用代码不得重复注册。',
        },
        {
          title: '填写基础信息表（附件2）',
          content: '众创空间名称须为“XXX专业化众创空间”，XXX 为其服务的细分专业领域。',
        },
        {
          title: '撰写申报书（附件3）',
          content: '按编写提纲撰写，列举 3–5 个成功案例，上传证明材料，并说明省级众创空间备案情况。',
        },
        { title: '签署信用承诺书并提交（附件4）', content: '提交后申报材料冻结，承诺书与所提交的版本绑定。' },
        { title: '跟踪审核进度', content: '被退回修改时，按市科技局意见修改后重新提交。' },
      ],
    },
    city_reviewer: {
      title: '市科技局经办工作台',
      description: '设区市科技局经办人：组织本市申报，对申报材料进行真实性审查并提出推荐意见。',
      steps: [
        { title: '组织申报', content: '动员本市众创空间申报，核实申报单位的注册信息。' },
        {
          title: '真实性审查',
          content: '对照《专业化众创空间建设工作指引》（国科发高〔2016〕231号）和通知要求审核申报材料。',
        },
        { title: '提出处理意见', content: '退回修改（注明原因）、不予推荐或推荐。' },
        { title: '拟定推荐排序', content: '对拟推荐的众创空间排序，起草推荐函，提交本局审核人复核。' },
      ],
    },
    city_approver: {
      title: '市科技局审核工作台',
      description: '设区市科技局审核人：复核经办人的意见，签署主管部门信用承诺书，向省受理单位报送推荐材料。',
      steps: [
        { title: '复核推荐意见', content: '复核经办人的审核意见和推荐排序，每个报送包均须第二人审核。' },
        { title: '出具推荐函并签署承诺（附件5）', content: '出具推荐函，签署主管部门信用承诺书。' },
        { title: '报送省受理单位', content: '在本批次规定的截止时间前报送电子材料和纸质材料（每份申报一式两份）。' },
        { title: '补正', content: '形式审查发现材料不全被退回的，组织补正后重新报送。' },
      ],
    },
    acceptance_clerk: {
      title: '省受理中心工作台',
      description: '省高新技术创业服务中心受理员：接收各设区市报送的材料，登记并进行形式审查。',
      steps: [
        { title: '接收登记', content: '接收各设区市科技局的报送包并登记。' },
        { title: '核对纸质材料', content: '核对纸质材料（一式两份）与电子材料是否一致。' },
        { title: '形式审查', content: '材料不全的退回市科技局补正。' },
        { title: '移交评审', content: '形式审查合格的申报移交省科技厅组织评审。' },
      ],
    },
    province_officer: {
      title: '省科技厅工作台',
      description: '省科技厅业务处室：转发通知，汇总各市推荐，组织评审，向科技部报送本省推荐名单。',
      steps: [
        { title: '转发通知', content: '转发科技部通知，明确本省各环节的截止时间。' },
        { title: '组织评审', content: '汇总各市推荐，组织实地调研和专家材料评审。' },
        { title: '确定推荐名单', content: '根据评审结果确定本省推荐名单和排序。' },
        { title: '报送科技部', content: '在本批次规定的截止时间前将推荐名单和备案材料报送科技部。' },
      ],
    },
    expert: {
      title: '评审专家工作台',
      description: '评审专家：受省科技厅或科技部邀请，对申报材料进行评审并参加实地调研。',
      steps: [
        { title: '接受评审任务', content: '如实声明利益冲突，与本人所在单位相关的申报须回避。' },
        { title: '材料评审与实地调研', content: '对照工作指引和参考指标审阅申报材料，必要时参加实地调研。' },
        { title: '提交评审意见', content: '提交评审意见和评分，供确定推荐名单使用。' },
      ],
    },
    ministry_officer: {
      title: '科技部工作台',
      description: '科技部成果与区域司：开启备案批次，接收各省推荐名单，组织评审，备案并公布示范名单。',
      steps: [
        { title: '开启批次', content: '发布批次通知和附件模板，确定各级截止时间。' },
        { title: '接收推荐名单', content: '接收各省级科技主管部门在截止时间前报送的推荐名单和备案材料。' },
        { title: '实地调研与材料评审', content: '组织实地调研和材料评审。' },
        { title: '备案并公布', content: '对符合条件的专业化众创空间予以备案示范，并公布名单。' },
      ],
    },
  } satisfies Record<string, RoleWorkbench>,
  orgs: {
    title: '系统管理',
    subtitle: '参考单位目录',
    kind: '单位类型',
    name: '单位名称',
    shortName: '简称',
    regionCode: '行政区划代码',
    search: '按名称搜索',
    allKinds: '全部类型',
    parent: '上级单位',
    children: '下级单位',
    childCount: '{n} 个',
    showChildren: '{n} 个：“{name}”的下级单位',
    noChildren: '无',
    allOrgs: '全部单位',
    hierarchy: '单位层级',
  },
  accounts: {
    title: '账号管理',
    create: '新建账号',
    search: '用户名、姓名、单位',
    username: '用户名',
    displayName: '姓名',
    org: '所在单位',
    orgPlaceholder: '输入名称搜索单位',
    roles: '角色',
    rolesFirstHint: '请先选择所在单位',
    status: '状态',
    mobile: '手机号码',
    email: '电子邮箱',
    lastLogin: '最近登录',
    createdAt: '创建时间',
    locked: '已锁定',
    lockedUntil: '锁定至 {time}',
    mustChange: '待改密',
    edit: '编辑',
    editTitle: '编辑账号：{name}',
    assignRoles: '分配角色',
    assignTitle: '分配角色：{name}',
    disable: '停用',
    enable: '启用',
    unlock: '解锁',
    resetPassword: '重置密码',
    serverManaged: '管理员账号仅可在服务器上管理',
    disableConfirm: '停用后该账号将无法登录，确定停用？',
    enableConfirm: '确定启用该账号？',
    unlockConfirm: '确定解除该账号的登录锁定？',
    resetConfirm: '重置后原密码立即失效，确定重置？',
    created: '账号已创建',
    passwordReset: '密码已重置',
    tempPassword: '临时密码',
    tempPasswordNotice: '临时密码只显示这一次，请复制后通过安全渠道交给用户。用户首次登录时必须修改密码。',
    tempPasswordFor: '账号 {username} 的临时密码',
    copy: '复制',
    copied: '已复制',
    done: '我已记下',
    problemsTitle: '角色设置不符合规则',
    required: '请填写{field}',
    actionDone: '操作成功',
  },
  audit: {
    title: '审计日志',
    time: '时间',
    range: '时间范围',
    actor: '操作人',
    actorPlaceholder: '操作人用户名',
    role: '角色',
    org: '单位',
    action: '操作类型',
    target: '对象',
    outcome: '结果',
    ip: 'IP 地址',
    requestId: '请求编号',
    seq: '序号',
    q: '关键字',
    qPlaceholder: '对象、摘要中的关键字',
    summary: '摘要',
    detail: '审计记录 #{seq}',
    view: '详情',
    loadMore: '加载更多',
    noMore: '已全部加载',
    loaded: '已加载 {count} 条',
    verify: '校验日志完整性',
    verifyTitle: '日志完整性校验',
    intact:
      '审计日志完整：共 {count} 条记录，其中 {sealed} 条在 {seals} 批签名封存中，记录哈希、默克尔根、签名与锚定副本均校验通过。',
    broken: '审计日志已被破坏：第 {seq} 条记录校验失败。',
    reason: '原因：{reason}',
  },
  review: { ...reviewDesk, ...reviewOffice },
  applicant,
  publicSite,
  batches,
  process,
  opinions,
  progress,
  publication,
  similarity,
  bulk,
  ministryHome,
  dispatchBulk,
  notFound: { title: '页面不存在', subtitle: '您访问的页面不存在或已被移除。', back: '返回首页' },
  forbidden: { title: '无权访问', subtitle: '您的角色无权访问此页面。', back: '返回首页' },
  crash: {
    title: '页面出错了',
    subtitle: '页面发生意外错误，请刷新重试。如问题持续，请联系系统管理员。',
    reload: '刷新页面',
  },
};

export type Messages = typeof zhCN;
export default zhCN;
