import { describe, expect, it } from 'vitest';
import {
  draftContentSchema,
  htmlTextLength,
  makeSubmissionContentSchema,
  submissionContentSchema,
  validateForSubmission,
} from '../../src/domain/application.js';
import { cloneExampleContent, exampleContent } from '../../src/domain/example-content.js';
import { usccProblem } from '../../src/domain/uscc.js';
import { TODAY } from '../helpers/content.js';

describe('the example content', () => {
  it('is a complete, valid submission', () => {
    expect(validateForSubmission(exampleContent, { today: TODAY })).toEqual([]);
    expect(submissionContentSchema.safeParse(exampleContent).success).toBe(true);
    expect(draftContentSchema.safeParse(exampleContent).success).toBe(true);
  });

  it('parses to itself, in the same key order', () => {
    const out = makeSubmissionContentSchema({ today: TODAY }).parse(exampleContent);
    expect(out).toStrictEqual(exampleContent);
    expect(JSON.stringify(out)).toBe(JSON.stringify(exampleContent));
    expect(JSON.stringify(draftContentSchema.parse(exampleContent))).toBe(JSON.stringify(exampleContent));
  });

  it('is realistic: a 集成电路 space in 南京 with three cases and paragraphs of real length', () => {
    expect(exampleContent.basicInfo.spaceName).toMatch(/集成电路专业化众创空间$/);
    expect(exampleContent.basicInfo.address).toMatch(/^南京市/);
    expect(usccProblem(exampleContent.basicInfo.operatorUscc)).toBeNull();
    expect(exampleContent.narrative.successCases).toHaveLength(3);
    for (const key of ['hostOverview', 'currentStatus', 'overallResults', 'goalsAndTasks'] as const) {
      expect(htmlTextLength(exampleContent.narrative[key])).toBeGreaterThan(150);
      expect(exampleContent.narrative[key]).toMatch(/^<p>.*<\/p>$/s);
    }
  });

  it('is frozen; the clone is a mutable deep copy', () => {
    expect(Object.isFrozen(exampleContent.basicInfo.head)).toBe(true);
    const copy = cloneExampleContent();
    copy.basicInfo.head.name = '张三';
    expect(exampleContent.basicInfo.head.name).toBe('李晓峰');
  });
});
