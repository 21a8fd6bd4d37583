import { describe, expect, it } from 'vitest';
import { deadlineInForce, deadlineScopeOf, inTime } from '../../src/domain/deadline-rules.js';

describe('the deadline in force', () => {
  it("an applicant's is the city's own, else the province's city deadline", () => {
    expect(deadlineInForce('applicant', { applicant: 'a', city: 'c' })).toBe('a');
    expect(deadlineInForce('applicant', { applicant: null, city: 'c' })).toBe('c');
    expect(deadlineInForce('applicant', { city: 'c' })).toBe('c');
    expect(deadlineInForce('applicant', { applicant: null, city: null })).toBeNull();
  });

  it('the city and province steps have only their own', () => {
    expect(deadlineInForce('city', { applicant: 'a', city: null, province: 'p' })).toBeNull();
    expect(deadlineInForce('city', { city: 'c', province: 'p' })).toBe('c');
    expect(deadlineInForce('province', { city: 'c' })).toBeNull();
    expect(deadlineInForce('province', { province: 'p' })).toBe('p');
  });

  it('is set for the city, the province, or nationally', () => {
    const where = { cityId: 'nj', provinceId: 'js' };
    expect(deadlineScopeOf('applicant', where)).toBe('nj');
    expect(deadlineScopeOf('city', where)).toBe('js');
    expect(deadlineScopeOf('province', where)).toBeNull();
    expect(deadlineScopeOf('applicant', { cityId: null })).toBeUndefined();
    expect(deadlineScopeOf('city', {})).toBeUndefined();
  });

  it('counts the deadline minute itself as in time', () => {
    const due = new Date('2026-07-31T15:59:59.000Z');
    expect(inTime(null, due)).toBe(true);
    expect(inTime(due, due)).toBe(true);
    expect(inTime(due, new Date(due.getTime() + 1))).toBe(false);
  });
});
