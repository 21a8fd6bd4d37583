import { z } from 'zod';

/**
 * Every field is declared once as a pair: its draft schema (type and bounds only, every value optional,
 * so an autosave never fails on a half-typed value) and its submission schema (required, format rules).
 */
export interface Pair<D extends z.ZodType = z.ZodType, S extends z.ZodType = z.ZodType> {
  readonly draft: D;
  readonly submit: S;
}
export const pair = <D extends z.ZodType, S extends z.ZodType>(draft: D, submit: S): Pair<D, S> => ({ draft, submit });

type Pairs = Record<string, Pair>;
export type DraftShape<P extends Pairs> = { [K in keyof P]: P[K]['draft'] };
export type SubmitShape<P extends Pairs> = { [K in keyof P]: P[K]['submit'] };

export function draftShape<P extends Pairs>(pairs: P): DraftShape<P> {
  return Object.fromEntries(Object.entries(pairs).map(([k, p]) => [k, p.draft])) as DraftShape<P>;
}
export function submitShape<P extends Pairs>(pairs: P): SubmitShape<P> {
  return Object.fromEntries(Object.entries(pairs).map(([k, p]) => [k, p.submit])) as SubmitShape<P>;
}

export const isBlank = (v: unknown): boolean =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** An error function: one message for a missing value, another for a value of the wrong type. */
export const missingOr =
  (missing: string, wrongType: string) =>
  (issue: { input?: unknown }): string =>
    isBlank(issue.input) ? missing : wrongType;

export const MOBILE_RE = /^1[3-9]\d{9}$/;
/**
 * A landline with its area code: 010/02X plus 8 digits, or a 4-digit code (0512) plus 7–8 digits;
 * separated by '-', a space or nothing; optionally an extension (-801, 转801). Local numbers never start with 0 or 1.
 */
export const LANDLINE_RE = /^(?:(?:010|02\d)[- ]?[2-9]\d{7}|0[3-9]\d{2}[- ]?[2-9]\d{6,7})(?:(?:-|转)\d{1,6})?$/;
export const EMAIL_RE = z.regexes.email;

const fmt = (n: number) => n.toLocaleString('en-US');

/** A rule returns its Chinese message when the value breaks it, null otherwise. */
export type Rule<T> = (value: T) => string | null;
export const need =
  <T>(ok: (value: T) => boolean, message: string): Rule<T> =>
  (value) =>
    ok(value) ? null : message;

/**
 * Adds rules checked in order; only the first that fails is reported, so a field shows one message.
 * (Zod's `abort: true` would do the same but also stops the enclosing object's cross-field rules,
 * and every problem must be reported at once.)
 */
export function withRules<T extends z.ZodType>(schema: T, rules: readonly Rule<z.output<T>>[]) {
  return schema.superRefine((value, ctx) => {
    for (const rule of rules) {
      const message = rule(value);
      if (message !== null) {
        ctx.addIssue({ code: 'custom', message, input: value });
        return;
      }
    }
  });
}

const maxLength = (name: string, max: number): Rule<string> =>
  need((v) => v.length <= max, `${name}不能超过 ${max} 个字`);

/** Submission side of a text: trimmed, required, bounded, then any further rules. */
export const requiredText = (name: string, max: number, rules: readonly Rule<string>[] = []) =>
  withRules(z.string({ error: missingOr(`请填写${name}`, `${name}应为文本`) }).trim(), [
    need((v) => v.length > 0, `请填写${name}`),
    maxLength(name, max),
    ...rules,
  ]);

/**
 * A text that may be left out (conditional requirements are checked by the enclosing object).
 * Its one rule is zod's own max, so the OpenAPI document shows the limit.
 */
export const optionalText = (name: string, max: number) =>
  z
    .string({ error: `${name}应为文本` })
    .trim()
    .max(max, `${name}不能超过 ${max} 个字`)
    .nullish();

/** A plain text field: required on submission. */
export const text = (name: string, max: number) => pair(optionalText(name, max), requiredText(name, max));

/** A text field with a format: the draft checks only type and length. */
export const formattedText = (name: string, max: number, format: RegExp, formatMessage: string) =>
  pair(optionalText(name, max), requiredText(name, max, [need((v) => format.test(v), formatMessage)]));

export const mobile = (name: string) => formattedText(name, 20, MOBILE_RE, `${name}应为 11 位手机号码`);

export const phone = (name: string) =>
  pair(
    optionalText(name, 30),
    requiredText(name, 30, [
      need(
        (v) => LANDLINE_RE.test(v) || MOBILE_RE.test(v),
        `${name}应为带区号的固定电话（如 025-83379768）或 11 位手机号码`,
      ),
    ]),
  );

/** A single choice (radio): required on submission. */
export const choice = <const T extends readonly [string, ...string[]]>(values: T, name: string) =>
  pair(
    z.enum(values, { error: `${name}的选项无效` }).nullish(),
    z.enum(values, { error: missingOr(`请选择${name}`, `${name}的选项无效`) }),
  );

/** An optional choice whose requirement depends on another field. */
export const optionalChoice = <const T extends readonly [string, ...string[]]>(values: T, name: string) =>
  z.enum(values, { error: `${name}的选项无效` }).nullish();

const number = (name: string, max: number, integer: boolean, required: boolean) =>
  withRules(z.number({ error: required ? missingOr(`请填写${name}`, `${name}应为数字`) : `${name}应为数字` }), [
    need((v) => !integer || Number.isInteger(v), `${name}应为整数`),
    need((v) => v >= 0, `${name}不能为负数`),
    need((v) => v <= max, `${name}不能超过 ${fmt(max)}`),
  ]);

/** A whole number ≥ 0 (人数, 个数, 次数). The draft checks type and range too: a count is never negative. */
export const count = (name: string, max: number) =>
  pair(number(name, max, true, false).nullish(), number(name, max, true, true));

/** A number ≥ 0 with decimals (面积, 金额). */
export const amount = (name: string, max: number) =>
  pair(number(name, max, false, false).nullish(), number(name, max, false, true));

/** A tick box: unticked when absent. */
export const flag = (name: string) => {
  const schema = z.boolean({ error: `${name}应为勾选或不勾选` }).nullish();
  return pair(
    schema,
    schema.transform((v) => v === true),
  );
};

/** Parses a missing object or array as empty, so that each of its required fields is reported by name. */
export const missingAsEmpty = <T extends z.ZodType>(schema: T, empty: object = {}) =>
  schema.prefault(empty as z.input<T>);
