/** B2 reviewer queue: the first page and the search against the baseline and the raw-SQL floor. */
import { APPLICATION_STATUSES } from '../src/domain/workflow.js';
import type { HttpRequest } from './lib/http.js';
import type { SeedResult } from './lib/seed.js';
import { HOST, log } from './lib/settings.js';
import { compare, type Ctx } from './lib/measure.js';
import type { Sessions } from './lib/sessions.js';

export async function benchQueue(ctx: Ctx, seeded: SeedResult, sessions: Sessions) {
  const { get, baselineReq, oursFirstPage } = firstPageRequests(seeded, sessions);
  // Sanity: both answer 20 rows.
  for (const [port, req] of [
    [ctx.server.port, oursFirstPage],
    [ctx.baseline.port, baselineReq],
  ] as const) {
    const res = await fetch(`http://${HOST}:${port}${req.path}`, { headers: req.headers });
    const body = (await res.json()) as { items: unknown[] };
    if (res.status !== 200 || body.items.length !== 20)
      throw new Error(`B2: ${req.path} answered ${res.status} with ${body.items?.length} rows`);
  }
  // The web queue's "all" tab: every status after submission, with the search word.
  const all = APPLICATION_STATUSES.filter((x) => x !== 'draft' && x !== 'withdrawn').join(',');
  const searchPath = `/api/applications?status=${all}&q=${encodeURIComponent(seeded.reviewer.q)}&limit=20`;
  const searchReq = get(searchPath);
  const search = (await (
    await fetch(`http://${HOST}:${ctx.server.port}${searchPath}`, { headers: searchReq.headers })
  ).json()) as { items: unknown[] };
  log(
    `B2: reviewer ${seeded.reviewer.username} (${seeded.reviewer.cityName}); search "${seeded.reviewer.q}" finds ${search.items.length} on its first page`,
  );
  // The floors: the session, the roles and the application's own list query on the raw driver.
  const city = encodeURIComponent(seeded.reviewer.cityId);
  const floorPage = get(`/floor/applications?cityId=${city}&status=submitted`);
  const floorSearch = get(
    `/floor/applications?cityId=${city}&status=${all}&q=${encodeURIComponent(seeded.reviewer.q)}`,
  );
  const firstPage = await compare(
    ctx,
    'B2 first page',
    () => ({ scenario: { kind: 'static', requests: [baselineReq] } }),
    () => ({ scenario: { kind: 'static', requests: [oursFirstPage] } }),
    undefined,
    () => ({ scenario: { kind: 'static', requests: [floorPage] } }),
  );
  const searchCmp = await compare(
    ctx,
    'B2 search',
    () => ({ scenario: { kind: 'static', requests: [baselineReq] } }),
    () => ({ scenario: { kind: 'static', requests: [searchReq] } }),
    undefined,
    () => ({ scenario: { kind: 'static', requests: [floorSearch] } }),
  );
  return { reviewer: seeded.reviewer, searchRows: search.items.length, firstPage, search: searchCmp };
}

/** The reviewer's requests: the baseline's first page and ours, and any other GET with the session. */
function firstPageRequests(seeded: SeedResult, sessions: Sessions) {
  const s = sessions.byUser.get(seeded.reviewer.username)!;
  const get = (p: string): HttpRequest => ({ method: 'GET', path: p, headers: { cookie: s.cookie } });
  const baselineReq: HttpRequest = {
    method: 'GET',
    path: `/baseline/applications?cityId=${encodeURIComponent(seeded.reviewer.cityId)}&status=submitted`,
  };
  return { get, baselineReq, oursFirstPage: get('/api/applications?status=submitted&limit=20') };
}

/** B2's first page against its baseline, without the floor (for the speed-up comparison). */
export async function compareFirstPage(ctx: Ctx, seeded: SeedResult, sessions: Sessions) {
  const { baselineReq, oursFirstPage } = firstPageRequests(seeded, sessions);
  return compare(
    ctx,
    'B2 first page',
    () => ({ scenario: { kind: 'static', requests: [baselineReq] } }),
    () => ({ scenario: { kind: 'static', requests: [oursFirstPage] } }),
  );
}
