/** Fixtures of the expert review API tests: expert units and experts, assignments, declarations and scores. */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Db } from '../../src/server/db/database.js';
import { type Client } from './env.js';
import { buildUser } from '../factories.js';

/** The default criteria's weights, restated here so that a changed default shows in the tests. */
export const CRITERIA_WEIGHTS = {
  specialization: 20,
  service_platform: 20,
  mentors_investment: 15,
  incubation_results: 20,
  host_support: 15,
  goals_support: 10,
};

/** An expert's organisation (a university, an institute) in a city of Jiangsu. */
export async function buildExpertUnit(db: Db, cityOrgId: string, name = `测试大学${randomUUID().slice(0, 4)}`) {
  const id = randomUUID();
  const at = '2026-06-01T00:00:00.000Z';
  await db
    .insertInto('orgs')
    .values({
      id,
      parent_id: 'prov-320000',
      kind: 'expert_unit',
      name,
      short_name: null,
      region_code: cityOrgId.replace('city-', ''),
      uscc: null,
      province_id: 'prov-320000',
      city_id: cityOrgId,
      sort_order: 0,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return id;
}

export const buildExpert = async (db: Db, orgId: string) => buildUser(db, { roles: ['expert'], orgId });

/** Scores for the default criteria, each the given share of its weight. */
export function scoresAt(share: number) {
  return Object.entries(CRITERIA_WEIGHTS).map(([key, w]) => ({ key, score: Math.round(w * share * 10) / 10 }));
}

export const countAssignments = async (db: Db) =>
  Number(
    (
      await db
        .selectFrom('expert_assignments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** The expert's no-conflict declaration, required before scoring (issue 14). */
export async function declare(expert: Client, assignmentId: string) {
  const res = await expert.post(`/api/expert-assignments/${assignmentId}/declaration`, { agreed: true });
  expect(res.statusCode, res.body).toBe(200);
}

export async function assign(officer: Client, applicationId: string, expertId: string) {
  const res = await officer.post('/api/expert-assignments', { applicationId, expertId });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().assignment as { id: string; status: string; allowedActions: string[] };
}
