/** Shared fixtures of the application-content unit tests: the example with changes, and its problems. */
import { expect } from 'vitest';
import {
  makeSubmissionContentSchema,
  validateForSubmission,
  type ApplicationContent,
} from '../../src/domain/application.js';
import { cloneExampleContent } from '../../src/domain/example-content.js';

export const TODAY = '2020-07-01';
export const CJK = /[\u4e00-\u9fff]/;

/**
 * The example with changes applied by dotted path ('basicInfo.head.mobile'); `undefined` deletes the key.
 * Returns unknown: the changes may break the types on purpose.
 */
export function contentWith(changes: Record<string, unknown>): unknown {
  const content = cloneExampleContent() as unknown as Record<string, unknown>;
  for (const [path, value] of Object.entries(changes)) {
    const keys = path.split('.');
    let target = content;
    for (const k of keys.slice(0, -1)) target = target[k] as Record<string, unknown>;
    const last = keys[keys.length - 1]!;
    if (value === undefined) delete target[last];
    else target[last] = value;
  }
  return content;
}

export const problems = (changes: Record<string, unknown>, today = TODAY) =>
  validateForSubmission(contentWith(changes), { today });

/** The changes produce exactly this one problem. */
export const expectOnly = (changes: Record<string, unknown>, path: string, message: string) =>
  expect(problems(changes)).toEqual([{ path, message }]);

export const expectValid = (changes: Record<string, unknown>) => expect(problems(changes)).toEqual([]);

export const parsed = (changes: Record<string, unknown>, today = TODAY): ApplicationContent =>
  makeSubmissionContentSchema({ today }).parse(contentWith(changes));
