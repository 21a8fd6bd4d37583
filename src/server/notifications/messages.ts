import { formatBeijing } from '../../domain/schemas/batches.js';
import { notificationLinks, type NotificationKind } from '../../domain/schemas/notifications.js';
import type { NotificationContent } from './notify.js';

/**
 * The Chinese texts of every notification. Each names what happened, to which application, what to
 * do next where something is to be done, and links to the page concerned.
 */

export interface AppInfo {
  id: string;
  spaceName: string | null;
  number: string | null;
  unitName: string;
  /** The city's short name, e.g. 南京市. */
  cityName: string;
  /** The city bureau, e.g. 南京市科学技术局. */
  cityOrgName: string;
  batchName: string;
}

const title = (a: AppInfo) => `「${a.spaceName ?? a.unitName}」`;
const numbered = (a: AppInfo) => `${title(a)}${a.number ? `（编号 ${a.number}）` : ''}`;
const opinion = (comment: string | null | undefined) => (comment?.trim() ? `\n意见：${comment.trim()}` : '');
const forApp = (kind: NotificationKind, a: AppInfo, subject: string, body: string): NotificationContent => ({
  kind,
  subject,
  body,
  link: notificationLinks.application(a.id),
  applicationId: a.id,
});

/** The publication that made a decision known: its 文号 and date. */
export interface Published {
  documentNo: string;
  publishedOn: string;
}
const published = (p?: Published) => (p ? `，已于 ${p.publishedOn} 公布（${p.documentNo}）` : '');

export const messages = {
  returned: (a: AppInfo, comment?: string | null) =>
    forApp(
      'returned',
      a,
      `【退回修改】${title(a)}申报已被退回`,
      `您单位的申报${numbered(a)}已被退回修改。${opinion(comment)}\n请按意见修改后，在申报截止时间前重新提交。`,
    ),
  declined: (a: AppInfo, comment?: string | null) =>
    forApp(
      'declined',
      a,
      `【不予推荐】${title(a)}申报未获推荐`,
      `您单位的申报${numbered(a)}经市科技局审核，不予推荐。${opinion(comment)}`,
    ),
  recommendedToApplicant: (a: AppInfo) =>
    forApp(
      'recommended',
      a,
      `【市局推荐】${title(a)}已获推荐`,
      `您单位的申报${numbered(a)}已通过${a.cityOrgName}审核并获推荐，将随推荐函报送省科技厅。请按要求准备纸质材料（一式两份）。`,
    ),
  recommendedToApprover: (a: AppInfo) =>
    forApp(
      'recommended',
      a,
      `【待报送】${title(a)}已推荐，待审核报送`,
      `${a.cityName}的申报${numbered(a)}已由经办人推荐，请在报送截止时间前审核报送批、签署主管部门信用承诺书并报送省科技厅。`,
    ),
  dispatchedToProvince: (a: AppInfo) =>
    forApp(
      'dispatched',
      a,
      `【已报送】${title(a)}已报送省科技厅`,
      `您单位的申报${numbered(a)}已由${a.cityOrgName}报送省科技厅，等待省受理单位受理。`,
    ),
  dispatchedToMinistry: (a: AppInfo) =>
    forApp(
      'dispatched',
      a,
      `【已报送】${title(a)}已报送科技部`,
      `您单位的申报${numbered(a)}已由省科技厅推荐并报送科技部，等待科技部备案。`,
    ),
  correctionToApplicant: (a: AppInfo, comment?: string | null) =>
    forApp(
      'correction_requested',
      a,
      `【需补正】${title(a)}材料需补正`,
      `省受理单位对您单位的申报${numbered(a)}进行形式审查后，要求补正材料。${opinion(comment)}\n请与${a.cityOrgName}联系，按要求补正。`,
    ),
  correctionToCity: (a: AppInfo, comment?: string | null) =>
    forApp(
      'correction_requested',
      a,
      `【需补正】${title(a)}被要求补正`,
      `省受理单位要求补正${a.cityName}报送的申报${numbered(a)}。${opinion(comment)}\n请退回申报单位修改，或补正后重新推荐并随补充报送批报送。`,
    ),
  filed: (a: AppInfo, p?: Published) =>
    forApp(
      'filed',
      a,
      `【予以备案】${title(a)}已获备案`,
      `祝贺！您单位的${numbered(a)}经科技部审核，予以备案（${a.batchName}）${published(p)}，已列入公开名单。`,
    ),
  notFiled: (a: AppInfo, comment?: string | null, p?: Published) =>
    forApp(
      'not_filed',
      a,
      `【不予备案】${title(a)}未获备案`,
      `您单位的申报${numbered(a)}经科技部审核，不予备案${published(p)}。${opinion(comment)}`,
    ),
  dispatchSent: (d: { id: string; fromName: string; count: number; level: 'city' | 'province' }) => ({
    kind: 'dispatched' as const,
    subject: `【收到报送】${d.fromName}报送 ${d.count} 项申报`,
    body:
      d.level === 'city'
        ? `${d.fromName}已报送 ${d.count} 项专业化众创空间申报及推荐函，请登记纸质材料（每项一式两份）并进行形式审查。`
        : `${d.fromName}已报送 ${d.count} 项专业化众创空间推荐名单及备案材料，请接收并办理备案。`,
    link: notificationLinks.dispatch(d.id),
  }),
  dispatchReceived: (d: { id: string; toName: string; count: number }) => ({
    kind: 'received' as const,
    subject: `【已接收】${d.toName}已接收报送`,
    body: `贵单位报送的 ${d.count} 项申报已由${d.toName}接收。`,
    link: notificationLinks.dispatch(d.id),
  }),
  dispatchToSign: (d: { id: string; fromName: string; level: 'city' | 'province' }): NotificationContent => ({
    kind: 'dispatch_to_sign',
    subject: `【待签发】${d.fromName}的报送批等待您签发`,
    body: `${d.fromName}的经办人已组织报送批（${d.level === 'city' ? '报送省科技厅' : '报送科技部'}），请审阅推荐名单和推荐函，签署主管部门信用承诺书后签发报送；如有问题，请退回经办人并说明理由。`,
    link: notificationLinks.dispatch(d.id),
  }),
  dispatchReturned: (d: { id: string; comment: string }): NotificationContent => ({
    kind: 'dispatch_returned',
    subject: '【报送批退回】审核人退回了您组织的报送批',
    body: `您组织的报送批已被退回，请按意见修改后重新提交签发。\n退回理由：${d.comment}`,
    link: notificationLinks.dispatch(d.id),
  }),
  accountApproved: (r: { unitName: string; username: string }): NotificationContent => ({
    kind: 'account_approved',
    subject: '【注册通过】单位注册已审核通过',
    body: `${r.unitName}的注册申请已由所在设区市科技局审核通过。请使用登录名“${r.username}”和注册时设置的密码登录系统，填写并提交申报材料。`,
    link: notificationLinks.login(),
  }),
  expertAssigned: (a: AppInfo, assignmentId: string, deadline?: string): NotificationContent => ({
    kind: 'expert_assigned',
    subject: `【评审任务】请评审${title(a)}`,
    body: `省科技厅邀请您评审申报${numbered(a)}。请按评分指标打分并填写评审意见${deadline ? `（${deadline}前）` : ''}；如与该单位存在利害关系，请申报回避。`,
    link: notificationLinks.assignment(assignmentId),
    applicationId: a.id,
  }),
};

export type ReminderKind = 'reminder_7d' | 'reminder_1d';
const left = (kind: ReminderKind) => (kind === 'reminder_7d' ? ' 7 天' : ' 1 天');

export const reminders = {
  applicant: (kind: ReminderKind, a: AppInfo, dueAt: Date, status: 'draft' | 'returned'): NotificationContent =>
    forApp(
      kind,
      a,
      `【截止提醒】申报将于 ${formatBeijing(dueAt)} 截止`,
      `您单位在「${a.batchName}」中的申报${title(a)}${status === 'returned' ? '已退回修改，尚未重新提交' : '尚未提交'}。申报截止时间为 ${formatBeijing(dueAt)}（北京时间），距截止不足${left(kind)}，请及时完成并提交。`,
    ),
  city: (kind: ReminderKind, c: { cityName: string; batchName: string; count: number }, dueAt: Date) => ({
    kind,
    subject: `【截止提醒】报送省科技厅将于 ${formatBeijing(dueAt)} 截止`,
    body: `${c.cityName}在「${c.batchName}」中有 ${c.count} 项已推荐的申报尚未报送省科技厅。报送截止时间为 ${formatBeijing(dueAt)}（北京时间），距截止不足${left(kind)}，请及时审核、签署主管部门信用承诺书并报送。`,
    link: notificationLinks.cityDispatch(),
  }),
  /** An expert whose review deadline (a Beijing date) is near with the scores not submitted. */
  expert: (kind: ReminderKind, a: AppInfo, assignmentId: string, dueOn: string): NotificationContent => ({
    kind,
    subject: `【评审提醒】请于 ${dueOn} 前完成评审`,
    body: `您承担的申报${numbered(a)}评审任务将于 ${dueOn}（北京时间）截止，距截止不足${left(kind)}，评分尚未提交。请及时声明无利害关系、打分并填写评审意见后提交；如存在利害关系，请申报回避。`,
    link: notificationLinks.assignment(assignmentId),
    applicationId: a.id,
  }),
  province: (kind: ReminderKind, p: { provinceName: string; batchName: string; count: number }, dueAt: Date) => ({
    kind,
    subject: `【截止提醒】报送科技部将于 ${formatBeijing(dueAt)} 截止`,
    body: `${p.provinceName}在「${p.batchName}」中有 ${p.count} 项省厅已推荐的申报尚未报送科技部。报送截止时间为 ${formatBeijing(dueAt)}（北京时间），距截止不足${left(kind)}，请及时报送推荐名单和备案材料。`,
    link: notificationLinks.provinceDispatch(),
  }),
};
