import type { Executor } from '../database.js';
import type { OrgTable } from '../schema.js';

/**
 * Reference organisations: the Ministry, every provincial-level unit the Ministry's notice goes to
 * (31 provinces, 5 cities with separate planning status, the XPCC) with GB/T 2260 codes, and
 * Jiangsu's department, acceptance centre and 13 city bureaus in official order.
 * Ids are stable so that configuration and tests can name them.
 */
export const MINISTRY_ID = 'most';
export const JIANGSU_ID = 'prov-320000';
export const JS_DEPT_ID = 'js-dept';
export const JS_CENTRE_ID = 'js-centre';
export const cityId = (regionCode: string): string => `city-${regionCode}`;

const PROVINCES: [string, string, string][] = [
  ['110000', '北京市', '北京市科学技术委员会'],
  ['120000', '天津市', '天津市科学技术局'],
  ['130000', '河北省', '河北省科学技术厅'],
  ['140000', '山西省', '山西省科学技术厅'],
  ['150000', '内蒙古自治区', '内蒙古自治区科学技术厅'],
  ['210000', '辽宁省', '辽宁省科学技术厅'],
  ['220000', '吉林省', '吉林省科学技术厅'],
  ['230000', '黑龙江省', '黑龙江省科学技术厅'],
  ['310000', '上海市', '上海市科学技术委员会'],
  ['320000', '江苏省', '江苏省科学技术厅'],
  ['330000', '浙江省', '浙江省科学技术厅'],
  ['340000', '安徽省', '安徽省科学技术厅'],
  ['350000', '福建省', '福建省科学技术厅'],
  ['360000', '江西省', '江西省科学技术厅'],
  ['370000', '山东省', '山东省科学技术厅'],
  ['410000', '河南省', '河南省科学技术厅'],
  ['420000', '湖北省', '湖北省科学技术厅'],
  ['430000', '湖南省', '湖南省科学技术厅'],
  ['440000', '广东省', '广东省科学技术厅'],
  ['450000', '广西壮族自治区', '广西壮族自治区科学技术厅'],
  ['460000', '海南省', '海南省科学技术厅'],
  ['500000', '重庆市', '重庆市科学技术局'],
  ['510000', '四川省', '四川省科学技术厅'],
  ['520000', '贵州省', '贵州省科学技术厅'],
  ['530000', '云南省', '云南省科学技术厅'],
  ['540000', '西藏自治区', '西藏自治区科学技术厅'],
  ['610000', '陕西省', '陕西省科学技术厅'],
  ['620000', '甘肃省', '甘肃省科学技术厅'],
  ['630000', '青海省', '青海省科学技术厅'],
  ['640000', '宁夏回族自治区', '宁夏回族自治区科学技术厅'],
  ['650000', '新疆维吾尔自治区', '新疆维吾尔自治区科学技术厅'],
  // 计划单列市
  ['210200', '大连市', '大连市科学技术局'],
  ['330200', '宁波市', '宁波市科学技术局'],
  ['350200', '厦门市', '厦门市科学技术局'],
  ['370200', '青岛市', '青岛市科学技术局'],
  ['440300', '深圳市', '深圳市科技创新局'],
  // 新疆生产建设兵团 (code in common use by national systems)
  ['660000', '新疆生产建设兵团', '新疆生产建设兵团科学技术局'],
];

export const JIANGSU_CITIES: [string, string][] = [
  ['320100', '南京市'],
  ['320200', '无锡市'],
  ['320300', '徐州市'],
  ['320400', '常州市'],
  ['320500', '苏州市'],
  ['320600', '南通市'],
  ['320700', '连云港市'],
  ['320800', '淮安市'],
  ['320900', '盐城市'],
  ['321000', '扬州市'],
  ['321100', '镇江市'],
  ['321200', '泰州市'],
  ['321300', '宿迁市'],
];

type OrgSeed = Omit<OrgTable, 'created_at' | 'updated_at' | 'uscc'>;

export function referenceOrgs(): OrgSeed[] {
  const rows: OrgSeed[] = [
    {
      id: MINISTRY_ID,
      parent_id: null,
      kind: 'ministry',
      name: '科学技术部成果与区域司',
      short_name: '科技部',
      region_code: '100000',
      province_id: null,
      city_id: null,
      sort_order: 0,
    },
  ];
  PROVINCES.forEach(([code, region, unit], i) => {
    rows.push({
      id: `prov-${code}`,
      parent_id: MINISTRY_ID,
      kind: 'province',
      name: unit,
      short_name: region,
      region_code: code,
      province_id: `prov-${code}`,
      city_id: null,
      sort_order: i + 1,
    });
  });
  rows.push(
    {
      id: JS_DEPT_ID,
      parent_id: JIANGSU_ID,
      kind: 'province_dept',
      name: '江苏省科学技术厅高新技术处',
      short_name: '省科技厅高新处',
      region_code: '320000',
      province_id: JIANGSU_ID,
      city_id: null,
      sort_order: 1,
    },
    {
      id: JS_CENTRE_ID,
      parent_id: JIANGSU_ID,
      kind: 'acceptance_centre',
      name: '江苏省高新技术创业服务中心',
      short_name: '省高新技术创业服务中心',
      region_code: '320000',
      province_id: JIANGSU_ID,
      city_id: null,
      sort_order: 2,
    },
  );
  JIANGSU_CITIES.forEach(([code, city], i) => {
    rows.push({
      id: cityId(code),
      parent_id: JIANGSU_ID,
      kind: 'city',
      name: `${city}科学技术局`,
      short_name: city,
      region_code: code,
      province_id: JIANGSU_ID,
      city_id: cityId(code),
      sort_order: 10 + i,
    });
  });
  return rows;
}

/**
 * Inserts the reference organisations that are missing; never changes existing rows. Instances
 * starting together may both insert: ON CONFLICT DO NOTHING keeps the first.
 */
export async function seedReferenceOrgs(db: Executor, now: Date): Promise<number> {
  const rows = referenceOrgs();
  const existing = new Set((await db.selectFrom('orgs').select('id').execute()).map((r) => r.id));
  const missing = rows.filter((r) => !existing.has(r.id));
  const at = now.toISOString();
  for (const r of missing) {
    await db
      .insertInto('orgs')
      .values({ ...r, uscc: null, created_at: at, updated_at: at })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
  return missing.length;
}
