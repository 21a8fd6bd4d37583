import { describe, expect, it } from 'vitest';
import { APPLICANT_TO_ACT, PROGRESS_AT, PROGRESS_STEPS } from '../../src/domain/application/progress.js';
import { fieldsMatch, parseFields } from '../../src/domain/expertFields.js';
import { APPLICATION_STATUSES } from '../../src/domain/workflow.js';

describe('where an application stands (issue 14 item 9)', () => {
  it('places every status on 提交 → 市局审核 → 省受理 → 省评审 → 科技部备案 → 公布', () => {
    expect(PROGRESS_STEPS).toHaveLength(6);
    for (const s of APPLICATION_STATUSES) expect(PROGRESS_AT[s].step).toBeLessThan(PROGRESS_STEPS.length);
    expect(PROGRESS_AT.submitted).toEqual({ step: 1, state: 'process' });
    expect(PROGRESS_AT.accepted).toEqual({ step: 3, state: 'process' });
    expect(PROGRESS_AT.dispatched_to_ministry).toEqual({ step: 4, state: 'process' });
    expect(PROGRESS_AT.filed).toEqual({ step: 5, state: 'finish' });
    expect(PROGRESS_AT.declined.state).toBe('error');
  });
  it('shows the countdown only while the applicant has to act', () => {
    expect([...APPLICANT_TO_ACT]).toEqual(['draft', 'returned']);
  });
});

describe('expert fields (issue 14 item 10)', () => {
  it('match when one names the other, without spaces or case', () => {
    expect(fieldsMatch(['生物医药'], ['生物医药与大健康'])).toBe(true);
    expect(fieldsMatch(['集成电路设计'], ['集成电路'])).toBe(true);
    expect(fieldsMatch(['AI'], ['ai 芯片'])).toBe(true);
    expect(fieldsMatch(['新材料'], ['生物医药'])).toBe(false);
    expect(fieldsMatch([], ['生物医药'])).toBe(false);
  });
  it('parse stored arrays, anything else is none', () => {
    expect(parseFields('["a","",1,"b"]')).toEqual(['a', 'b']);
    expect(parseFields('oops')).toEqual([]);
    expect(parseFields(null)).toEqual([]);
  });
});
