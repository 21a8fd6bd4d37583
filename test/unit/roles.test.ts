import { describe, expect, it } from 'vitest';
import {
  ADMIN_ROLES,
  isAdminRole,
  ORG_KINDS,
  ROLES,
  roleLabels,
  roleOrgKinds,
  roleSetProblems,
  WORKFLOW_ROLES,
  type OrgKind,
  type Role,
} from '../../src/domain/roles.js';

const TWO_ADMINS = '系统管理员、安全管理员、审计管理员不得由同一账号兼任';
const ADMIN_AND_WORKFLOW = '管理员账号不得同时承担申报审核业务角色';
const APPLICANT_ALONE = '申报单位账号不得兼任其他角色';

describe('roles and 三员分立', () => {
  it('splits the roles into three administrators and the workflow roles', () => {
    expect([...ADMIN_ROLES].sort()).toEqual(['audit_admin', 'security_admin', 'system_admin']);
    expect(WORKFLOW_ROLES).toHaveLength(ROLES.length - 3);
    for (const r of ROLES) expect(isAdminRole(r)).toBe((ADMIN_ROLES as readonly Role[]).includes(r));
  });

  it('labels every role in Chinese', () => {
    for (const r of ROLES) expect(roleLabels[r]).toMatch(/[\u4e00-\u9fff]/);
  });

  it.each([
    [['city_reviewer'], 'city'],
    [['city_reviewer', 'city_approver'], 'city'],
    [['applicant'], 'applicant_unit'],
    [['system_admin'], 'province_dept'],
    [['security_admin'], 'province_dept'],
    [['audit_admin'], 'ministry'],
    [['acceptance_clerk'], 'acceptance_centre'],
    [['province_officer', 'expert'], 'province_dept'],
    [['ministry_officer'], 'ministry'],
    [['expert'], 'expert_unit'],
  ] as [Role[], OrgKind][])('accepts %j in a %s', (roles, orgKind) => {
    expect(roleSetProblems(roles, orgKind)).toEqual([]);
  });

  it.each([
    [['system_admin', 'security_admin']],
    [['system_admin', 'audit_admin']],
    [['security_admin', 'audit_admin']],
  ] as [Role[]][])('refuses two administrator roles %j on one account', (roles) => {
    expect(roleSetProblems(roles, 'province_dept')).toEqual([TWO_ADMINS]);
  });

  it('refuses all three administrator roles on one account', () => {
    expect(roleSetProblems(['system_admin', 'security_admin', 'audit_admin'], 'province_dept')).toEqual([TWO_ADMINS]);
  });

  it.each([
    [['system_admin', 'province_officer']],
    [['audit_admin', 'province_officer']],
    [['security_admin', 'expert']],
  ] as [Role[]][])('refuses an administrator that also holds a workflow role: %j', (roles) => {
    expect(roleSetProblems(roles, 'province_dept')).toEqual([ADMIN_AND_WORKFLOW]);
  });

  it('refuses an applicant account that holds another role', () => {
    expect(roleSetProblems(['applicant', 'expert'], 'applicant_unit')).toEqual([APPLICANT_ALONE]);
  });

  it.each([
    ['applicant', 'city'],
    ['city_reviewer', 'province_dept'],
    ['city_approver', 'applicant_unit'],
    ['acceptance_clerk', 'city'],
    ['ministry_officer', 'province'],
    ['system_admin', 'city'],
    ['audit_admin', 'applicant_unit'],
  ] as [Role, OrgKind][])('refuses the role %s in a %s', (role, orgKind) => {
    expect(roleSetProblems([role], orgKind)).toEqual([`角色“${roleLabels[role]}”不适用于该类单位`]);
  });

  it('agrees with roleOrgKinds for every role and organisation kind', () => {
    for (const role of ROLES) {
      for (const kind of ORG_KINDS) {
        expect(roleSetProblems([role], kind).length === 0).toBe(roleOrgKinds[role].includes(kind));
      }
    }
  });

  it('refuses an empty set and duplicates', () => {
    expect(roleSetProblems([], 'city')).toEqual(['至少需要一个角色']);
    expect(roleSetProblems(['city_reviewer', 'city_reviewer'], 'city')).toEqual(['角色不能重复']);
  });
});
