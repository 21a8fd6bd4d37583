import { afterEach, describe, expect, it, vi } from 'vitest';
import { dropEarlyResponses, takeEarly } from '../../src/web/api/early.js';
import { earlyPaths } from '../../src/web/boot.js';
import { LOGIN_PATH, NOTICE_PATH, PUBLIC_LIST_PATH, REGISTER_PATH } from '../../src/web/navigation.js';

const ID = '3abccd80-5e1e-4a03-b273-4b51e2e511ff';

/** src/web/boot.ts starts the first GETs before the app's code has arrived (issue 17, LCP of the editor). */
describe('early requests', () => {
  it('asks for the session on pages behind it, and for the application in the editor', () => {
    expect(earlyPaths(`/applicant/applications/${ID}`)).toEqual(['/api/session', `/api/applications/${ID}`]);
    expect(earlyPaths(`/applicant/applications/${ID}/`)).toEqual(['/api/session', `/api/applications/${ID}`]);
    expect(earlyPaths('/applicant')).toEqual(['/api/session']);
    expect(earlyPaths('/city/review')).toEqual(['/api/session']);
    expect(earlyPaths('/')).toEqual(['/api/session']);
    // A page named like a public one is not public.
    expect(earlyPaths('/loginx')).toEqual(['/api/session']);
  });

  it('asks for nothing on the public pages', () => {
    for (const path of [LOGIN_PATH, REGISTER_PATH, NOTICE_PATH, PUBLIC_LIST_PATH, `/batches/${ID}`]) {
      expect(earlyPaths(path), path).toEqual([]);
    }
  });
});

describe('the early responses', () => {
  afterEach(() => vi.unstubAllGlobals());
  const response = Promise.resolve(new Response('{}'));

  it('are taken once, by the same address only', () => {
    vi.stubGlobal('window', { __msfEarly: new Map([['/api/session', response]]) });
    expect(takeEarly('/api/session?x=1')).toBeUndefined();
    expect(takeEarly('/api/applications')).toBeUndefined();
    expect(takeEarly('/api/session')).toBe(response);
    expect(takeEarly('/api/session')).toBeUndefined();
  });

  it('are gone once dropped', () => {
    vi.stubGlobal('window', { __msfEarly: new Map([['/api/session', response]]) });
    dropEarlyResponses();
    expect(takeEarly('/api/session')).toBeUndefined();
  });
});
