import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The house rule (ARCHITECTURE.md, issue 13 item 3): who may do what is decided once, in
 * src/server/policies (or src/domain). Commands, queries and routes call a named policy; they never
 * compare the actor's roles themselves. The web app shows what the server sends (allowedActions,
 * editable, sendNote) and compares roles only to find its own pages, never to offer an action.
 */
const root = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(e.name) ? [path] : [];
  });
}

/** What a role check looks like: a question put to a role list, a policy helper taking a role, a role compared. */
const ROLE_CHECK: readonly RegExp[] = [
  /\.roles\.(includes|some|every|find|findIndex|filter|indexOf)\(/,
  /\broles\.(includes|indexOf)\(\s*['"]/,
  /\b(hasRole|assertRole|roleReaches)\(/,
  /\broles?\s*[!=]==?\s*['"]/,
  /['"]\s*[!=]==?\s*\w*\.?roles?\b/,
];

function offences(dir: string): string[] {
  return sources(join(root, dir)).flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) =>
        ROLE_CHECK.some((re) => re.test(line)) ? [`${relative(root, file)}:${i + 1}: ${line.trim()}`] : [],
      ),
  );
}

/**
 * Web files allowed to look at the user's roles, each for navigation only (which pages exist for the
 * user, where a link opens), never to decide an action. An entry that no longer matches fails the
 * test too, so the list only shrinks.
 */
const WEB_ALLOWED: Record<string, string> = {
  'src/web/auth/RequireRole.tsx': 'a page shown only to the roles it belongs to (the API still decides)',
  'src/web/roleRoutes/RolePages.tsx': "which route chunk to load: the applicant's or the back office's",
  'src/web/pages/review/redirects.tsx': "a notification's link opens the user's own page for it",
  'src/web/navigation.ts': "the back office's path prefixes are every role's home but the applicant's",
};

describe('role checks stay in policies', () => {
  it('the role-check patterns catch what they are meant to (and not an audit record)', () => {
    const hits = (line: string) => ROLE_CHECK.some((re) => re.test(line));
    expect(hits("if (actor.roles.includes('expert')) x();")).toBe(true);
    expect(hits("const a = ctx.actor.roles.some((r) => r === 'applicant');")).toBe(true);
    expect(hits("const isApplicant = (roles: Role[]) => roles.includes('applicant');")).toBe(true);
    expect(hits("if (!hasRole(ctx.actor, 'province_officer'))")).toBe(true);
    expect(hits("assertRole(actor, 'city_reviewer');")).toBe(true);
    expect(hits("if (role === 'city_reviewer') return;")).toBe(true);
    expect(hits("roleReaches('province_officer', actor, app)")).toBe(true);
    expect(hits("      role: 'province_officer',")).toBe(false);
    expect(hits('const actions = actionsFor(status, actor.roles);')).toBe(false);
  });

  for (const dir of ['src/server/commands', 'src/server/queries', 'src/server/routes', 'src/server/presenters'])
    it(`${dir} compares no roles (a named policy in src/server/policies decides)`, () => {
      expect(offences(dir)).toEqual([]);
    });

  it('src/web compares roles only to navigate (the allow-list), never to offer an action', () => {
    const found = offences('src/web');
    const files = new Set(found.map((o) => o.split(':')[0]!));
    expect(found.filter((o) => !(o.split(':')[0]! in WEB_ALLOWED))).toEqual([]);
    expect(Object.keys(WEB_ALLOWED).filter((f) => !files.has(f))).toEqual([]);
  });
});
