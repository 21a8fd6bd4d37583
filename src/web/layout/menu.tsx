import type { ReactNode } from 'react';
import {
  AuditOutlined,
  BankOutlined,
  ClusterOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  FlagOutlined,
  InboxOutlined,
  NotificationOutlined,
  SafetyCertificateOutlined,
  SolutionOutlined,
  TeamOutlined,
  TrophyOutlined,
  FileDoneOutlined,
  SendOutlined,
  UserAddOutlined,
  StopOutlined,
  WarningOutlined,
  CheckSquareOutlined,
  ScanOutlined,
  OrderedListOutlined,
  SettingOutlined,
  CalendarOutlined,
} from '@ant-design/icons';
import type { Role } from '../../domain/roles.js';
import { m } from '../i18n';
import { APPLICANT_NOTICE_PATH, ROLE_HOME } from '../navigation';
import { BATCHES_PATH } from '../pages/batches/paths';

export interface NavItem {
  path: string;
  label: string;
  icon: ReactNode;
}

const rn = m.review.nav;
/** The reviewing roles' own declarations of conflict of interest (回避). */
const CONFLICTS = '/conflicts';
/** The batches with their deadline cascade: managed by the province officer, deadlines set by each level. */
const BATCHES: NavItem = { path: BATCHES_PATH, label: m.batches.nav.deadlines, icon: <CalendarOutlined /> };

/** The menu of each role. Later work appends queues and lists to a role's entry. */
export const ROLE_MENU: Record<Role, NavItem[]> = {
  applicant: [
    { path: ROLE_HOME.applicant, label: m.roles.applicant.title, icon: <FileTextOutlined /> },
    { path: APPLICANT_NOTICE_PATH, label: m.publicSite.notice.title, icon: <NotificationOutlined /> },
  ],
  city_reviewer: [
    { path: ROLE_HOME.city_reviewer, label: m.roles.city_reviewer.title, icon: <FileSearchOutlined /> },
    { path: `${ROLE_HOME.city_reviewer}/applications`, label: rn.queue, icon: <FileDoneOutlined /> },
    { path: `${ROLE_HOME.city_reviewer}/registrations`, label: rn.registrations, icon: <UserAddOutlined /> },
    { path: `${ROLE_HOME.city_reviewer}/dispatches`, label: rn.dispatches, icon: <SendOutlined /> },
    BATCHES,
    { path: CONFLICTS, label: rn.conflicts, icon: <StopOutlined /> },
  ],
  city_approver: [
    { path: ROLE_HOME.city_approver, label: m.roles.city_approver.title, icon: <SolutionOutlined /> },
    { path: `${ROLE_HOME.city_approver}/dispatches`, label: rn.approve, icon: <SendOutlined /> },
    { path: `${ROLE_HOME.city_approver}/applications`, label: rn.queue, icon: <FileDoneOutlined /> },
    BATCHES,
    { path: CONFLICTS, label: rn.conflicts, icon: <StopOutlined /> },
  ],
  acceptance_clerk: [
    { path: ROLE_HOME.acceptance_clerk, label: m.roles.acceptance_clerk.title, icon: <InboxOutlined /> },
    { path: `${ROLE_HOME.acceptance_clerk}/dispatches`, label: rn.incoming, icon: <SendOutlined /> },
    { path: `${ROLE_HOME.acceptance_clerk}/applications`, label: rn.acceptance, icon: <CheckSquareOutlined /> },
    { path: `${ROLE_HOME.acceptance_clerk}/paper-copies/scan`, label: rn.scan, icon: <ScanOutlined /> },
    { path: CONFLICTS, label: rn.conflicts, icon: <StopOutlined /> },
  ],
  province_officer: [
    { path: ROLE_HOME.province_officer, label: m.roles.province_officer.title, icon: <BankOutlined /> },
    { path: `${ROLE_HOME.province_officer}/applications`, label: rn.provinceQueue, icon: <FileDoneOutlined /> },
    { path: `${ROLE_HOME.province_officer}/ranking`, label: rn.ranking, icon: <OrderedListOutlined /> },
    { path: `${ROLE_HOME.province_officer}/city-dispatches`, label: rn.cityDispatches, icon: <InboxOutlined /> },
    { path: `${ROLE_HOME.province_officer}/dispatches`, label: rn.provinceDispatches, icon: <SendOutlined /> },
    { path: `${ROLE_HOME.province_officer}/credit`, label: rn.credit, icon: <WarningOutlined /> },
    { path: `${ROLE_HOME.province_officer}/review-config`, label: rn.reviewConfig, icon: <SettingOutlined /> },
    { ...BATCHES, label: m.batches.nav.manage },
    { path: CONFLICTS, label: rn.conflicts, icon: <StopOutlined /> },
  ],
  province_approver: [
    { path: ROLE_HOME.province_approver, label: m.roles.province_approver.title, icon: <BankOutlined /> },
    { path: `${ROLE_HOME.province_approver}/dispatches`, label: m.process.leader.nav, icon: <SendOutlined /> },
    { path: CONFLICTS, label: rn.conflicts, icon: <StopOutlined /> },
  ],
  expert: [
    { path: ROLE_HOME.expert, label: m.roles.expert.title, icon: <TrophyOutlined /> },
    { path: `${ROLE_HOME.expert}/assignments`, label: rn.expertTasks, icon: <FileDoneOutlined /> },
    { path: CONFLICTS, label: rn.conflicts, icon: <StopOutlined /> },
  ],
  ministry_officer: [
    { path: ROLE_HOME.ministry_officer, label: m.roles.ministry_officer.title, icon: <FlagOutlined /> },
    { path: `${ROLE_HOME.ministry_officer}/dispatches`, label: rn.ministryIncoming, icon: <InboxOutlined /> },
    { path: `${ROLE_HOME.ministry_officer}/applications`, label: rn.ministryQueue, icon: <FileDoneOutlined /> },
    { path: `${ROLE_HOME.ministry_officer}/publications`, label: m.publication.nav, icon: <FlagOutlined /> },
    BATCHES,
    { path: CONFLICTS, label: rn.conflicts, icon: <StopOutlined /> },
  ],
  // 三员分立: configuration only; batches and deadlines are the province officer's business.
  system_admin: [{ path: ROLE_HOME.system_admin, label: m.nav.orgs, icon: <ClusterOutlined /> }],
  security_admin: [{ path: ROLE_HOME.security_admin, label: m.nav.accounts, icon: <TeamOutlined /> }],
  audit_admin: [{ path: ROLE_HOME.audit_admin, label: m.nav.audit, icon: <AuditOutlined /> }],
};

export const PASSWORD_ICON = <SafetyCertificateOutlined />;

/** The union of the menus of all the user's roles, in role order, without duplicates. */
export function menuFor(roles: readonly Role[]): NavItem[] {
  const seen = new Set<string>();
  return roles.flatMap((r) => ROLE_MENU[r]).filter((item) => !seen.has(item.path) && seen.add(item.path));
}

/** The menu entry a path belongs to: the longest item path that prefixes it. */
export function selectedPath(items: readonly NavItem[], pathname: string): string | undefined {
  return items
    .filter((i) => pathname === i.path || pathname.startsWith(`${i.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0]?.path;
}
