import { z } from 'zod';
import { pageQuery, pageResponse } from './pagination.js';
import { roleSchema } from '../roles.js';

const mobile = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, '手机号码应为 11 位数字，以 1 开头');
const email = z.string().trim().max(120).email('电子邮箱格式不正确');

export const usernameSchema = z
  .string({ error: '请输入用户名' })
  .trim()
  .min(3, '用户名至少 3 个字符')
  .max(32, '用户名不能超过 32 个字符')
  .regex(/^[a-zA-Z][a-zA-Z0-9_.-]*$/, '用户名以字母开头，只能包含字母、数字、下划线、点和连字符');

export const createAccountRequest = z.object({
  username: usernameSchema,
  displayName: z.string({ error: '请输入姓名' }).trim().min(1, '请输入姓名').max(50, '姓名不能超过 50 个字符'),
  orgId: z.string({ error: '请选择所属单位' }).min(1, '请选择所属单位').max(64),
  roles: z.array(roleSchema).min(1, '至少需要一个角色').max(10),
  mobile: mobile.nullish(),
  email: email.nullish(),
});
export type CreateAccountRequest = z.infer<typeof createAccountRequest>;

export const updateAccountRequest = z.object({
  version: z.number().int().min(1),
  displayName: z.string().trim().min(1, '请输入姓名').max(50, '姓名不能超过 50 个字符').optional(),
  mobile: mobile.nullish(),
  email: email.nullish(),
});
export type UpdateAccountRequest = z.infer<typeof updateAccountRequest>;

export const setRolesRequest = z.object({ roles: z.array(roleSchema).max(10) });

export const ACCOUNT_ACTIONS = ['disable', 'enable', 'unlock', 'reset-password'] as const;
export type AccountAction = (typeof ACCOUNT_ACTIONS)[number];
export const accountActionParams = z.object({ id: z.string().min(1).max(64), action: z.enum(ACCOUNT_ACTIONS) });

/** What the security administrator may do with one account, as the server decides it. */
export const ACCOUNT_ROW_ACTIONS = ['edit', 'roles', ...ACCOUNT_ACTIONS] as const;
export type AccountRowAction = (typeof ACCOUNT_ROW_ACTIONS)[number];

export const ACCOUNT_STATUSES = ['active', 'disabled', 'pending', 'refused'] as const;
export const accountStatusLabels: Record<(typeof ACCOUNT_STATUSES)[number], string> = {
  active: '正常',
  disabled: '已停用',
  pending: '待审核',
  refused: '未通过',
};

export const accountSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  roles: z.array(roleSchema),
  status: z.enum(ACCOUNT_STATUSES),
  locked: z.boolean(),
  lockedUntil: z.string().nullable(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  mobile: z.string().nullable(),
  email: z.string().nullable(),
  version: z.number(),
  /** The actions the server allows the viewer; none for an administrator account (三员分立). */
  allowedActions: z.array(z.enum(ACCOUNT_ROW_ACTIONS)),
});
export type Account = z.infer<typeof accountSchema>;

export const ACCOUNT_SORTS = ['createdAt', 'username', 'displayName', 'lastLoginAt', 'status'] as const;
export type AccountSort = (typeof ACCOUNT_SORTS)[number];

export const listAccountsQuery = z
  .object({
    q: z.string().trim().max(64).optional(),
    role: roleSchema.optional(),
    orgId: z.string().max(64).optional(),
    status: z.enum(ACCOUNT_STATUSES).optional(),
  })
  .extend(pageQuery(ACCOUNT_SORTS, { sort: 'createdAt', order: 'desc' }).shape);

export const accountListResponse = pageResponse(accountSchema);
export const accountResponse = z.object({ account: accountSchema, temporaryPassword: z.string().optional() });
