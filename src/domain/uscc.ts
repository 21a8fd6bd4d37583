/** GB 32100-2015 unified social credit code (统一社会信用代码). */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const AUTHORITY_TYPES = new Set(['11', '12', '13', '19', '51', '52', '53', '59', '91', '92', '93', 'Y1']);

/** Computes the 18th character from the first 17; null when a character is outside the charset. */
export function usccCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CHARSET.indexOf(first17[i] ?? '');
    if (v < 0) return null;
    sum += v * WEIGHTS[i]!;
  }
  const c = 31 - (sum % 31);
  return CHARSET[c === 31 ? 0 : c]!;
}

/** Returns a Chinese problem description, or null when the code is valid. */
export function usccProblem(raw: string): string | null {
  const code = raw.trim().toUpperCase();
  if (code.length !== 18) return '统一社会信用代码应为 18 位';
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return '统一社会信用代码含有无效字符（不使用 I、O、S、V、Z）';
  if (!AUTHORITY_TYPES.has(code.slice(0, 2))) return '统一社会信用代码前两位（登记管理部门和机构类别）无效';
  if (!/^[0-9]{6}$/.test(code.slice(2, 8))) return '统一社会信用代码第 3–8 位应为行政区划代码';
  if (usccCheckChar(code.slice(0, 17)) !== code[17]) return '统一社会信用代码校验位不正确，请核对';
  return null;
}

export const isValidUscc = (code: string): boolean => usccProblem(code) === null;

/** Normalises user input: trims and upper-cases. */
export const normalizeUscc = (code: string): string => code.trim().toUpperCase();
