import { describe, expect, it } from 'vitest';
import { PASSWORD_RULE_TEXT, passwordClassCount, passwordSchema } from '../../src/domain/password.js';

const messages = (pw: unknown) => passwordSchema.safeParse(pw).error?.issues.map((i) => i.message) ?? [];

describe('password complexity (等保 level 3)', () => {
  it.each([
    ['abcdefgh', 1],
    ['ABCDEFGH', 1],
    ['12345678', 1],
    ['!@#$%^&*', 1],
    ['abcd1234', 2],
    ['Abcd1234', 3],
    ['abcd123!', 3],
    ['Abcd123!', 4],
    ['密码Abc1', 4], // a Chinese character counts as "other"
  ])('counts the character classes of %s as %i', (pw, n) => {
    expect(passwordClassCount(pw)).toBe(n);
  });

  it.each(['Abcd1234', 'abcd123!', 'ABCD123!', 'Abcdefg!', 'Demo@2020js', 'Test@2026pw'])(
    'accepts %s (8+ characters, three classes)',
    (pw) => {
      expect(passwordSchema.safeParse(pw).success).toBe(true);
    },
  );

  it.each(['abcdefghij', 'abcd12345', 'ABCDEFGH!!', '1234567890!'])('refuses %s (fewer than three classes)', (pw) => {
    expect(messages(pw)).toEqual([PASSWORD_RULE_TEXT]);
  });

  it('refuses 7 characters even with all four classes, accepts 8', () => {
    expect(messages('Ab1!xyz')).toContain(PASSWORD_RULE_TEXT);
    expect(messages('Ab1!xyzw')).toEqual([]);
  });

  it('refuses more than 128 characters', () => {
    expect(messages(`Ab1!${'x'.repeat(124)}`)).toEqual([]);
    expect(messages(`Ab1!${'x'.repeat(125)}`)).toEqual(['密码不能超过 128 位']);
  });

  it('asks for a password when none is given', () => {
    expect(messages(undefined)).toEqual(['请输入密码']);
  });
});
