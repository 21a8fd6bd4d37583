/**
 * Every audited action, with its Chinese label. Adding an action means adding it here:
 * the server's audit writer only accepts these names, and the audit screen labels them.
 */
export const auditActionLabels = {
  'session.login': '登录',
  'session.logout': '退出登录',
  'session.password_change': '修改密码',
  'account.create': '创建账号',
  'account.update': '修改账号信息',
  'account.disable': '停用账号',
  'account.enable': '启用账号',
  'account.unlock': '解锁账号',
  'account.reset_password': '重置密码',
  'account.set_roles': '分配角色',
  'org.create': '新增单位',
  'org.update': '修改单位',
  'request.denied': '操作被拒绝',
} as const;
export type AuditAction = keyof typeof auditActionLabels;

export const AUDIT_OUTCOMES = ['success', 'failure'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];
export const auditOutcomeLabels: Record<AuditOutcome, string> = { success: '成功', failure: '失败' };
