import { describe, expect, it } from 'vitest';
import { pledgeSignerMismatch } from '../../src/domain/pledges.js';
import { ROLES, type Role } from '../../src/domain/roles.js';
import type { Actor } from '../../src/server/context.js';
import { bufferSource, inspectUpload } from '../../src/server/files/inspect.js';
import { demoLicencePng } from '../../src/server/db/seed/demo-licence.js';
import { canSeeRegistrationLicence } from '../../src/server/policies/registrations.js';

const REG = { city_id: 'city-320100', province_id: 'prov-320000' };

function actor(role: Role, org: Pick<Actor, 'orgKind' | 'provinceId' | 'cityId'> & { orgId?: string }): Actor {
  return { userId: 'u', username: 'u', displayName: 'u', roles: [role], orgId: org.orgId ?? 'org', ...org } as Actor;
}
const nanjing = { orgKind: 'city', provinceId: 'prov-320000', cityId: 'city-320100' } as const;
const suzhou = { orgKind: 'city', provinceId: 'prov-320000', cityId: 'city-320500' } as const;
const jiangsu = { orgKind: 'province_dept', provinceId: 'prov-320000', cityId: null } as const;
const zhejiang = { orgKind: 'province_dept', provinceId: 'prov-330000', cityId: null } as const;
const ministry = { orgKind: 'ministry', provinceId: null, cityId: null } as const;

describe('who may see a registration licence', () => {
  it('the city bureau of the registration, the province officials and the admins over them; nobody else', () => {
    const allowed: [Role, Parameters<typeof actor>[1]][] = [
      ['city_reviewer', nanjing],
      ['city_approver', nanjing],
      ['province_officer', jiangsu],
      ['province_approver', jiangsu],
      ['system_admin', jiangsu],
      ['security_admin', jiangsu],
      ['system_admin', ministry],
    ];
    for (const [role, org] of allowed) expect(canSeeRegistrationLicence(actor(role, org), REG), role).toBe(true);
    const refused: [Role, Parameters<typeof actor>[1]][] = [
      ['city_reviewer', suzhou],
      ['city_approver', suzhou],
      ['province_officer', zhejiang],
      ['system_admin', zhejiang],
      ['audit_admin', jiangsu],
      ['ministry_officer', ministry],
      ['acceptance_clerk', { orgKind: 'acceptance_centre', provinceId: 'prov-320000', cityId: null }],
      ['expert', nanjing],
      ['applicant', { orgKind: 'applicant_unit', provinceId: 'prov-320000', cityId: 'city-320100' }],
    ];
    for (const [role, org] of refused) expect(canSeeRegistrationLicence(actor(role, org), REG), role).toBe(false);
    // Every role is covered by one of the two lists.
    const covered = new Set([...allowed, ...refused].map(([r]) => r));
    expect(ROLES.filter((r) => !covered.has(r))).toEqual([]);
  });
});

describe('the pledge signer against the legal representative', () => {
  it('uses the application’s 法人代表, else the one the unit registered with', () => {
    expect(pledgeSignerMismatch('王建国', '王建国', '周法人')).toBeNull();
    expect(pledgeSignerMismatch('王建国', undefined, '王建国')).toBeNull();
    expect(pledgeSignerMismatch('王建国', '', '周法人')).toContain('单位注册时登记的法定代表人“周法人”');
    expect(pledgeSignerMismatch('王建国', '李四', '周法人')).toContain('基础信息表中的法人代表“李四”');
    expect(pledgeSignerMismatch('王建国', undefined, null)).toBeNull();
  });
});

describe('the demo licence image', () => {
  it('is a PNG the upload inspection accepts', async () => {
    expect(await inspectUpload(bufferSource(demoLicencePng()), ['png'])).toBe('png');
  });
});
