import { randomUUID } from 'node:crypto';
import type { Role } from '../src/domain/roles.js';
import { hashPassword } from '../src/server/auth/password.js';
import type { Executor } from '../src/server/db/database.js';
import { insertUser } from '../src/server/repositories/users.js';
import { cityId, JS_CENTRE_ID, JS_DEPT_ID, MINISTRY_ID } from '../src/server/db/seed/reference-orgs.js';
import { usccCheckChar } from '../src/domain/uscc.js';
import { TEST_PASSWORD } from './helpers/env.js';

let hashed: Promise<string> | null = null;
/** The test password hashed once per process: argon2 is deliberately slow. */
const testHash = () => (hashed ??= hashPassword(TEST_PASSWORD));

let seq = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${++seq}-${randomUUID().slice(0, 6)}`;

export const NANJING = cityId('320100');
export const SUZHOU = cityId('320500');
export { JS_CENTRE_ID, JS_DEPT_ID, MINISTRY_ID };

/** A valid USCC for a Jiangsu unit, unique within the process. */
export function buildUscc(region = '320100'): string {
  const body = `91${region}${String(Date.now() % 1e7).padStart(7, '0')}${String(++seq % 100).padStart(2, '0')}`.slice(0, 17);
  return body + usccCheckChar(body)!;
}

export interface BuiltUser {
  id: string;
  username: string;
  orgId: string;
}

/** Inserts an active user with the given roles in the given org. */
export async function buildUser(
  db: Executor,
  opts: { roles: Role[]; orgId: string; username?: string; status?: 'active' | 'disabled' | 'pending'; mustChangePassword?: boolean; now?: Date },
): Promise<BuiltUser> {
  const id = randomUUID();
  const username = opts.username ?? unique(opts.roles[0] ?? 'user');
  await insertUser(db, {
    id,
    username,
    displayName: `测试用户${seq}`,
    passwordHash: await testHash(),
    orgId: opts.orgId,
    status: opts.status ?? 'active',
    mustChangePassword: opts.mustChangePassword ?? false,
    roles: opts.roles,
    now: opts.now ?? new Date('2026-06-01T00:00:00Z'),
  });
  return { id, username, orgId: opts.orgId };
}

/** Inserts an applicant unit in a city. */
export async function buildUnit(db: Executor, opts: { cityOrgId?: string; name?: string; uscc?: string } = {}) {
  const id = randomUUID();
  const city = opts.cityOrgId ?? NANJING;
  const at = new Date('2026-06-01T00:00:00Z').toISOString();
  const uscc = opts.uscc ?? buildUscc(city.replace('city-', ''));
  await db
    .insertInto('orgs')
    .values({
      id,
      parent_id: city,
      kind: 'applicant_unit',
      name: opts.name ?? `测试科技有限公司${++seq}`,
      short_name: null,
      region_code: city.replace('city-', ''),
      uscc,
      province_id: 'prov-320000',
      city_id: city,
      sort_order: 0,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return { id, uscc };
}

export const buildApplicant = async (db: Executor, opts: { cityOrgId?: string } = {}) => {
  const unit = await buildUnit(db, opts);
  return { ...(await buildUser(db, { roles: ['applicant'], orgId: unit.id })), unit };
};
export const buildCityReviewer = (db: Executor, cityOrgId = NANJING) => buildUser(db, { roles: ['city_reviewer'], orgId: cityOrgId });
export const buildCityApprover = (db: Executor, cityOrgId = NANJING) => buildUser(db, { roles: ['city_approver'], orgId: cityOrgId });
export const buildAcceptanceClerk = (db: Executor) => buildUser(db, { roles: ['acceptance_clerk'], orgId: JS_CENTRE_ID });
export const buildProvinceOfficer = (db: Executor) => buildUser(db, { roles: ['province_officer'], orgId: JS_DEPT_ID });
export const buildMinistryOfficer = (db: Executor) => buildUser(db, { roles: ['ministry_officer'], orgId: MINISTRY_ID });
export const buildAdmin = (db: Executor, role: 'system_admin' | 'security_admin' | 'audit_admin') =>
  buildUser(db, { roles: [role], orgId: JS_DEPT_ID });
