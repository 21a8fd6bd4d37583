import { z } from 'zod';

/** Counts how many of the four character classes (lower, upper, digit, other) a password uses. */
export function passwordClassCount(pw: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(pw)).length;
}

export const PASSWORD_RULE_TEXT = '密码至少 8 位，且须包含大写字母、小写字母、数字、特殊符号中的至少三类';

/** 等保 level 3 password complexity: at least 8 characters from three of the four classes. */
export const passwordSchema = z
  .string({ error: '请输入密码' })
  .min(8, PASSWORD_RULE_TEXT)
  .max(128, '密码不能超过 128 位')
  .refine((pw) => passwordClassCount(pw) >= 3, PASSWORD_RULE_TEXT);
