import { usccCheckChar } from '../../src/domain/uscc.js';

/** A small seeded PRNG (mulberry32), so that every run seeds the same data set. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** k distinct items in random order. */
  sample<T>(list: readonly T[], k: number): T[] {
    const copy = [...list];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, Math.min(k, copy.length));
  }
  /** An index drawn with the given weights (cumulative array, last = total). */
  weighted(cumulative: readonly number[]): number {
    const x = this.next() * cumulative[cumulative.length - 1]!;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split(
    '',
  );
const GIVEN = (
  '伟 芳 娜 秀英 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀兰 霞 平 刚 桂英 建国 建华 晓峰 晓东 海燕 志强 志明 俊杰 子涵 欣怡 浩然 宇轩 ' +
  '思远 雨桐 嘉怡 文博 一鸣 天佑 佳琪 梓涵 晨曦 卫东 红梅 国庆 永强 春燕 立新 振华 学军 玉兰 小红 海涛 建军 丽华 德明 慧敏 文静 凯 鹏 斌 ' +
  '宁 颖 琳 婷 倩 雪 慧 莉 鑫 亮 博 昊 睿 航 哲 彬 峰 辉 健 成 坤 毅 红 华 英 玲 燕 萍 梅'
).split(' ');

export const personName = (r: Rng) => r.pick(SURNAMES) + r.pick(GIVEN);
export const mobile = (r: Rng) =>
  `1${r.pick(['3', '5', '8', '7', '9'])}${String(r.int(0, 999_999_999)).padStart(9, '0')}`;
export const landline = (r: Rng) =>
  `0${r.pick(['10', '21', '22', '23', '25', '27', '28', '29', '20', '24'])}-${r.int(2, 8)}${String(r.int(0, 9_999_999)).padStart(7, '0')}`;

/** Professional fields (专业细分领域), each with its main directions. */
export const FIELDS: { name: string; directions: string[] }[] = [
  { name: '集成电路', directions: ['集成电路设计', '半导体封装测试', 'EDA工具', '功率半导体'] },
  { name: '生物医药', directions: ['创新药研发', '生物制品', '医药外包服务', '基因检测'] },
  { name: '人工智能', directions: ['计算机视觉', '自然语言处理', '智能语音', '机器学习平台'] },
  { name: '新材料', directions: ['先进高分子材料', '纳米材料', '石墨烯', '特种金属材料'] },
  { name: '智能制造', directions: ['工业机器人', '智能装备', '数字孪生', '精密加工'] },
  { name: '新能源汽车', directions: ['动力电池', '电驱动系统', '智能座舱', '充换电设施'] },
  { name: '工业互联网', directions: ['工业软件', '设备联网', '工业大数据', '边缘计算'] },
  { name: '现代农业', directions: ['智慧农业', '种业创新', '农产品加工', '农业物联网'] },
  { name: '文化创意', directions: ['数字出版', '动漫游戏', '工业设计', '影视制作'] },
  { name: '医疗器械', directions: ['高端影像设备', '体外诊断', '康复器械', '植介入器械'] },
  { name: '物联网', directions: ['传感器', '智能终端', '物联网平台', '智慧城市'] },
  { name: '大数据', directions: ['数据治理', '数据安全', '商业智能', '数据交易'] },
  { name: '航空航天', directions: ['无人机', '卫星应用', '航空零部件', '通用航空'] },
  { name: '海洋科技', directions: ['海洋装备', '海洋生物', '海洋监测', '港口物流'] },
  { name: '节能环保', directions: ['水处理', '固废资源化', '大气治理', '节能服务'] },
  { name: '新能源', directions: ['光伏', '储能', '氢能', '风电运维'] },
  { name: '机器人', directions: ['服务机器人', '特种机器人', '协作机器人', '核心零部件'] },
  { name: '光电子', directions: ['激光器件', '光通信', '显示面板', '光学镜头'] },
  { name: '软件信息', directions: ['企业软件', '信息安全', '云计算', '开源软件'] },
  { name: '金融科技', directions: ['支付清算', '智能风控', '供应链金融', '监管科技'] },
  { name: '高端装备', directions: ['数控机床', '轨道交通装备', '工程机械', '检测仪器'] },
  { name: '食品科技', directions: ['功能食品', '食品安全检测', '冷链物流', '发酵工程'] },
  { name: '虚拟现实', directions: ['VR内容', 'AR眼镜', '三维建模', '沉浸式体验'] },
  { name: '北斗导航', directions: ['高精度定位', '导航终端', '时空大数据', '位置服务'] },
];

const BRANDS = (
  '芯创 智谷 星火 启航 创客 云帆 聚能 新锐 科创 汇智 领航 卓越 腾飞 博雅 英诺 创新港 未来 青橙 蓝海 数智 天工 云谷 清源 紫金 ' +
  '光谷 金桥 银河 长江 东方 南湖 西湖 北辰 中关 海创 融创 优创 众合 华创 恒信 睿新 泰和 鼎新 创源 启明 瀚海 锦程 同创 远景 宏图 ' +
  '德润 泽众 明德 嘉禾 致远 思创 凌云 晨光 盛华'
).split(' ');
const OPERATOR_KINDS = [
  '科技服务',
  '创业服务',
  '科技发展',
  '孵化器管理',
  '投资管理',
  '产业园运营',
  '众创空间管理',
  '科技咨询',
];
const ROADS = [
  '科技路',
  '创新大道',
  '高新路',
  '学府路',
  '软件大道',
  '文昌路',
  '星火路',
  '长江路',
  '人民路',
  '建设路',
  '中山路',
  '解放路',
];

export interface UnitNames {
  spaceName: string;
  operatorName: string;
  field: (typeof FIELDS)[number];
  brand: string;
  address: string;
  email: string;
}

/** A maker space and its operating company in a city (names need not be unique, as in life). */
export function unitNames(r: Rng, cityWord: string, cityName: string): UnitNames {
  const field = r.pick(FIELDS);
  const brand = r.pick(BRANDS);
  const letters = 'abcdefghjkmnpqrstwxyz';
  let domain = '';
  for (let i = r.int(5, 10); i > 0; i--) domain += letters[r.int(0, letters.length - 1)];
  return {
    field,
    brand,
    spaceName: `${cityWord}${brand}${field.name}专业化众创空间`,
    operatorName: `${cityWord}${brand}${r.pick(OPERATOR_KINDS)}有限公司`,
    address: `${cityName}${r.pick(ROADS)}${r.int(1, 999)}号${r.pick(['', '科技园', '创新中心', '大厦'])}${r.int(1, 30)}层`,
    email: `service@${domain}.example.cn`,
  };
}

/** A valid, unique USCC (统一社会信用代码) for an enterprise registered in the region. */
export function uscc(regionCode: string, serial: number): string {
  const body = `91${regionCode}MA${String(serial).padStart(7, '0')}`;
  return body + usccCheckChar(body)!;
}
