import { randomUUID } from 'node:crypto';
import type { Role } from '../../../domain/roles.js';
import { hashPassword } from '../../auth/password.js';
import type { Db } from '../database.js';
import { insertUser } from '../../repositories/users.js';
import { cityId, JS_CENTRE_ID, JS_DEPT_ID, MINISTRY_ID } from './reference-orgs.js';

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  orgId: string;
  org: string;
}

export const NJ_CITY = cityId('320100');
export const SZ_CITY = cityId('320500');
export const DEMO_UNITS = [
  {
    id: 'unit-nj-demo',
    name: '南京紫金智造科技发展有限公司',
    uscc: '91320100MA1N2B3C40',
    cityId: NJ_CITY,
    legalRepresentative: '王建国',
    address: '南京市玄武区玄武大道 699 号紫金山创新园 8 号楼',
  },
  {
    id: 'unit-sz-demo',
    name: '苏州纳米城创业服务有限公司',
    uscc: '91320500MA1P7Q8R6U',
    cityId: SZ_CITY,
    legalRepresentative: '沈志明',
    address: '苏州工业园区金鸡湖大道 99 号纳米城西北区 20 幢',
  },
];
/** One expert unit in each demo city, so that same-city recusal leaves an expert for either application. */
export const EXPERT_UNITS = [
  { id: 'unit-expert-demo', name: '东南大学', cityId: NJ_CITY, regionCode: '320100' },
  { id: 'unit-expert-demo-sz', name: '苏州大学', cityId: SZ_CITY, regionCode: '320500' },
] as const;
const [EXPERT_NJ, EXPERT_SZ] = EXPERT_UNITS;

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    username: 'admin',
    displayName: '系统管理员',
    role: 'system_admin',
    orgId: JS_DEPT_ID,
    org: '江苏省科学技术厅高新技术处',
  },
  {
    username: 'secadmin',
    displayName: '安全管理员',
    role: 'security_admin',
    orgId: JS_DEPT_ID,
    org: '江苏省科学技术厅高新技术处',
  },
  {
    username: 'auditor',
    displayName: '审计管理员',
    role: 'audit_admin',
    orgId: JS_DEPT_ID,
    org: '江苏省科学技术厅高新技术处',
  },
  {
    username: 'most',
    displayName: '科技部经办人',
    role: 'ministry_officer',
    orgId: MINISTRY_ID,
    org: '科学技术部成果与区域司',
  },
  {
    username: 'js-dept',
    displayName: '省科技厅高新处经办人',
    role: 'province_officer',
    orgId: JS_DEPT_ID,
    org: '江苏省科学技术厅高新技术处',
  },
  {
    username: 'js-leader',
    displayName: '省科技厅分管领导',
    role: 'province_approver',
    orgId: JS_DEPT_ID,
    org: '江苏省科学技术厅高新技术处',
  },
  {
    username: 'js-center',
    displayName: '受理中心受理员',
    role: 'acceptance_clerk',
    orgId: JS_CENTRE_ID,
    org: '江苏省高新技术创业服务中心',
  },
  {
    username: 'nj-reviewer',
    displayName: '南京市局经办人',
    role: 'city_reviewer',
    orgId: NJ_CITY,
    org: '南京市科学技术局',
  },
  {
    username: 'nj-approver',
    displayName: '南京市局审核人',
    role: 'city_approver',
    orgId: NJ_CITY,
    org: '南京市科学技术局',
  },
  {
    username: 'sz-reviewer',
    displayName: '苏州市局经办人',
    role: 'city_reviewer',
    orgId: SZ_CITY,
    org: '苏州市科学技术局',
  },
  {
    username: 'sz-approver',
    displayName: '苏州市局审核人',
    role: 'city_approver',
    orgId: SZ_CITY,
    org: '苏州市科学技术局',
  },
  { username: 'expert1', displayName: '王教授', role: 'expert', orgId: EXPERT_NJ.id, org: EXPERT_NJ.name },
  { username: 'expert2', displayName: '李研究员', role: 'expert', orgId: EXPERT_SZ.id, org: EXPERT_SZ.name },
  {
    username: 'nj-applicant',
    displayName: '紫金智造联系人',
    role: 'applicant',
    orgId: DEMO_UNITS[0]!.id,
    org: DEMO_UNITS[0]!.name,
  },
  {
    username: 'sz-applicant',
    displayName: '纳米城联系人',
    role: 'applicant',
    orgId: DEMO_UNITS[1]!.id,
    org: DEMO_UNITS[1]!.name,
  },
];

/** Seeds the demo organisations and accounts into an empty database (never in production). */
export async function seedDemo(db: Db, now: Date, password: string): Promise<void> {
  const at = now.toISOString();
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    for (const u of DEMO_UNITS) {
      await trx
        .insertInto('orgs')
        .values({
          id: u.id,
          parent_id: u.cityId,
          kind: 'applicant_unit',
          name: u.name,
          short_name: null,
          region_code: u.uscc.slice(2, 8),
          uscc: u.uscc,
          province_id: 'prov-320000',
          city_id: u.cityId,
          sort_order: 0,
          created_at: at,
          updated_at: at,
          legal_representative: u.legalRepresentative,
          address: u.address,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    }
    for (const e of EXPERT_UNITS) {
      await trx
        .insertInto('orgs')
        .values({
          id: e.id,
          parent_id: 'prov-320000',
          kind: 'expert_unit',
          name: e.name,
          short_name: null,
          region_code: e.regionCode,
          uscc: null,
          province_id: 'prov-320000',
          city_id: e.cityId,
          sort_order: 0,
          created_at: at,
          updated_at: at,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    }
    for (const a of DEMO_ACCOUNTS) {
      await insertUser(trx, {
        id: randomUUID(),
        username: a.username,
        displayName: a.displayName,
        passwordHash,
        orgId: a.orgId,
        status: 'active',
        mustChangePassword: false,
        roles: [a.role],
        now,
      });
    }
    // The demo experts' professional fields, matched against 主要专业方向 when assigning in bulk.
    for (const [username, fields] of Object.entries(DEMO_EXPERT_FIELDS))
      await trx
        .updateTable('users')
        .set({ expert_fields: JSON.stringify(fields) })
        .where('username', '=', username)
        .execute();
  });
}

const DEMO_EXPERT_FIELDS: Record<string, string[]> = {
  expert1: ['智能制造', '工业互联网'],
  expert2: ['纳米技术', '新材料'],
};
