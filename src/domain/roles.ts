import { z } from 'zod';

export const ROLES = [
  'applicant',
  'city_reviewer',
  'city_approver',
  'acceptance_clerk',
  'province_officer',
  'province_approver',
  'expert',
  'ministry_officer',
  'system_admin',
  'security_admin',
  'audit_admin',
] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES, { error: '未知的角色' });

/** The three separated administrators of 等保 level 3 (三员分立). */
export const ADMIN_ROLES = ['system_admin', 'security_admin', 'audit_admin'] as const satisfies readonly Role[];
export type AdminRole = (typeof ADMIN_ROLES)[number];
export const WORKFLOW_ROLES = ROLES.filter((r) => !(ADMIN_ROLES as readonly Role[]).includes(r));

export const isAdminRole = (role: Role): role is AdminRole => (ADMIN_ROLES as readonly Role[]).includes(role);

/**
 * 三员分立: an account holding an administrator role is managed only on the server, with
 * `npm run admin:create` and `npm run admin:reset-password`; no administrator may create, edit,
 * re-role, unlock, disable or reset it online (issue 11 item 5).
 */
export const managedOnlyOnServer = (roles: readonly Role[]): boolean => roles.some(isAdminRole);

/** The roles the security administrator may assign online: the workflow roles. */
export const ONLINE_ASSIGNABLE_ROLES: readonly Role[] = WORKFLOW_ROLES;

export const ORG_KINDS = [
  'ministry',
  'province',
  'province_dept',
  'acceptance_centre',
  'city',
  'applicant_unit',
  'expert_unit',
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/** Which organisation kinds may hold each role. */
export const roleOrgKinds: Record<Role, readonly OrgKind[]> = {
  applicant: ['applicant_unit'],
  city_reviewer: ['city'],
  city_approver: ['city'],
  acceptance_clerk: ['acceptance_centre'],
  province_officer: ['province', 'province_dept'],
  province_approver: ['province', 'province_dept'],
  expert: ['expert_unit', 'applicant_unit', 'city', 'province', 'province_dept', 'acceptance_centre', 'ministry'],
  ministry_officer: ['ministry'],
  system_admin: ['ministry', 'province', 'province_dept', 'acceptance_centre'],
  security_admin: ['ministry', 'province', 'province_dept', 'acceptance_centre'],
  audit_admin: ['ministry', 'province', 'province_dept', 'acceptance_centre'],
};

/**
 * Checks a set of roles for one account against the separation rules.
 * Returns Chinese problems; an empty list means the set is allowed.
 */
export function roleSetProblems(roles: readonly Role[], orgKind: OrgKind): string[] {
  const problems: string[] = [];
  const unique = new Set(roles);
  if (unique.size === 0) problems.push('至少需要一个角色');
  if (unique.size !== roles.length) problems.push('角色不能重复');
  const admins = [...unique].filter(isAdminRole);
  if (admins.length > 1) problems.push('系统管理员、安全管理员、审计管理员不得由同一账号兼任');
  if (admins.length >= 1 && unique.size > admins.length) problems.push('管理员账号不得同时承担申报审核业务角色');
  if (unique.has('applicant') && unique.size > 1) problems.push('申报单位账号不得兼任其他角色');
  for (const role of unique) {
    if (!roleOrgKinds[role].includes(orgKind)) problems.push(`角色“${roleLabels[role]}”不适用于该类单位`);
  }
  return problems;
}

export const roleLabels: Record<Role, string> = {
  applicant: '申报单位',
  city_reviewer: '市科技局经办人',
  city_approver: '市科技局审核人',
  acceptance_clerk: '省受理中心受理员',
  province_officer: '省科技厅业务处室',
  province_approver: '省科技厅分管领导',
  expert: '评审专家',
  ministry_officer: '科技部业务司局',
  system_admin: '系统管理员',
  security_admin: '安全管理员',
  audit_admin: '审计管理员',
};

export const orgKindLabels: Record<OrgKind, string> = {
  ministry: '科技部',
  province: '省级科技主管部门',
  province_dept: '省科技厅业务处室',
  acceptance_centre: '省受理单位',
  city: '设区市科技局',
  applicant_unit: '申报单位',
  expert_unit: '专家所在单位',
};
