import { describe, expect, it } from 'vitest';
import { isValidUscc, normalizeUscc, usccCheckChar, usccProblem } from '../../src/domain/uscc.js';
import { exampleContent } from '../../src/domain/example-content.js';

/** The worked example of GB 32100-2015. */
const EXAMPLE = '91350100M000100Y43';

/** Replaces the character at `index` and recomputes the check character, so only the intended rule fails. */
function withChar(code: string, index: number, ch: string, recheck = true): string {
  const first17 = (code.slice(0, index) + ch + code.slice(index + 1)).slice(0, 17);
  return first17 + (recheck ? (usccCheckChar(first17) ?? '0') : code[17]);
}

describe('USCC (GB 32100-2015)', () => {
  it('accepts the standard’s worked example and computes its check character', () => {
    expect(usccProblem(EXAMPLE)).toBeNull();
    expect(isValidUscc(EXAMPLE)).toBe(true);
    expect(usccCheckChar(EXAMPLE.slice(0, 17))).toBe('3');
  });

  it('accepts the example application’s code (Jiangsu, region 320100)', () => {
    expect(isValidUscc(exampleContent.basicInfo.operatorUscc)).toBe(true);
  });

  it('refuses a changed check character', () => {
    for (const ch of ['0', '4', 'A', 'Y']) {
      expect(usccProblem(EXAMPLE.slice(0, 17) + ch)).toBe('统一社会信用代码校验位不正确，请核对');
    }
  });

  it('refuses a changed body character that the check character no longer matches', () => {
    expect(usccProblem(withChar(EXAMPLE, 10, '1', false))).toBe('统一社会信用代码校验位不正确，请核对');
  });

  it.each(['I', 'O', 'S', 'V', 'Z'])('refuses the excluded letter %s', (letter) => {
    expect(usccProblem(withChar(EXAMPLE, 8, letter, false))).toBe(
      '统一社会信用代码含有无效字符（不使用 I、O、S、V、Z）',
    );
    expect(usccCheckChar(withChar(EXAMPLE, 8, letter, false).slice(0, 17))).toBeNull();
  });

  it('refuses punctuation and Chinese characters', () => {
    expect(usccProblem('91350100M000100Y4-')).toMatch(/无效字符/);
    expect(usccProblem('91350100M000100Y4码')).toMatch(/无效字符/);
  });

  it.each(['00', '10', '21', '94', 'Y2', 'A1'])('refuses the registration-authority prefix %s', (prefix) => {
    const code = withChar(withChar(EXAMPLE, 0, prefix[0]!), 1, prefix[1]!);
    expect(code.slice(0, 2)).toBe(prefix);
    expect(usccProblem(code)).toBe('统一社会信用代码前两位（登记管理部门和机构类别）无效');
  });

  it.each(['11', '12', '13', '19', '51', '52', '53', '59', '91', '92', '93', 'Y1'])(
    'accepts the prefix %s with a correct check character',
    (prefix) => {
      expect(usccProblem(withChar(withChar(EXAMPLE, 0, prefix[0]!), 1, prefix[1]!))).toBeNull();
    },
  );

  it('refuses letters in the region code (positions 3–8)', () => {
    expect(usccProblem(withChar(EXAMPLE, 3, 'A'))).toBe('统一社会信用代码第 3–8 位应为行政区划代码');
  });

  it.each([
    ['empty', ''],
    ['17 characters', EXAMPLE.slice(0, 17)],
    ['19 characters', `${EXAMPLE}0`],
    ['15-digit old registration number', '320100000123456'],
  ])('refuses a wrong length (%s)', (_label, code) => {
    expect(usccProblem(code)).toBe('统一社会信用代码应为 18 位');
  });

  it('normalises case and surrounding spaces', () => {
    expect(usccProblem(` ${EXAMPLE.toLowerCase()} `)).toBeNull();
    expect(normalizeUscc(` ${EXAMPLE.toLowerCase()}\t`)).toBe(EXAMPLE);
  });
});
