/** B1 autosave: 200 applicants saving drafts against the baseline (and the raw-SQL floor). */
import type { SeedResult } from './lib/seed.js';
import { compare, type Ctx } from './lib/measure.js';
import type { Sessions } from './lib/sessions.js';

/**
 * The version each draft is at, per data set, kept across calls: a later B1 of the same run (the
 * speed-ups on and off) must save from the version the earlier one left, or every request is a 409.
 */
const versionsBySeed = new WeakMap<SeedResult, Map<string, number>>();

export async function benchAutosave(ctx: Ctx, seeded: SeedResult, sessions: Sessions, withFloor = true) {
  const ours = seeded.autosave.map((u) => ({
    appId: u.appId,
    version: u.version,
    basicInfo: structuredClone(u.basicInfo),
    ...sessions.byUser.get(u.username)!,
  }));
  const base = seeded.baselineAutosave.map((u) => ({ ...u, basicInfo: structuredClone(u.basicInfo) }));
  // The raw-SQL floor saves 200 drafts of its own, with the sessions of the same 200 applicants.
  const floor = seeded.floorAutosave.map((u, i) => ({
    ...u,
    basicInfo: structuredClone(u.basicInfo),
    cookie: ours[i % ours.length]!.cookie,
  }));
  const versions = versionsBySeed.get(seeded) ?? new Map<string, number>();
  versionsBySeed.set(seeded, versions);
  const spec = (pathPrefix: string, users: typeof base) => () => ({
    scenario: {
      kind: 'autosave' as const,
      pathPrefix,
      users: users.map((u) => ({ ...u, version: versions.get(u.appId) ?? u.version })),
    },
  });
  const comparison = await compare(
    ctx,
    'B1 autosave',
    spec('/baseline/applications/', base),
    spec('/api/applications/', ours),
    (r) => {
      for (const [id, v] of Object.entries(r.versions ?? {})) versions.set(id, v);
    },
    withFloor ? spec('/floor/applications/', floor) : undefined,
  );
  // Each connection owns its drafts, so a 409 means the bench lost track of a version: the figures
  // would be of refusals, not saves. Stop rather than report them.
  const conflicts = [comparison.baseline, comparison.ours, comparison.floor].reduce(
    (n, s) => n + (s?.conflicts ?? 0),
    0,
  );
  if (conflicts > 0) throw new Error(`B1 autosave: ${conflicts} version conflicts (409): these would not be saves`);
  return { applicants: ours.length, ...comparison };
}
