import { GB2260 } from './regions-gb2260.js';

// Administrative division codes (GB/T 2260) a posting's work places may name: every province-level division, all 13
// prefecture-level cities of Jiangsu, and the other provinces' capitals and large cities graduates ask for most.
export const REGIONS: Record<string, string> = {
  '110000': '北京市',
  '120000': '天津市',
  '130000': '河北省',
  '140000': '山西省',
  '150000': '内蒙古自治区',
  '210000': '辽宁省',
  '220000': '吉林省',
  '230000': '黑龙江省',
  '310000': '上海市',
  '320000': '江苏省',
  '330000': '浙江省',
  '340000': '安徽省',
  '350000': '福建省',
  '360000': '江西省',
  '370000': '山东省',
  '410000': '河南省',
  '420000': '湖北省',
  '430000': '湖南省',
  '440000': '广东省',
  '450000': '广西壮族自治区',
  '460000': '海南省',
  '500000': '重庆市',
  '510000': '四川省',
  '520000': '贵州省',
  '530000': '云南省',
  '540000': '西藏自治区',
  '610000': '陕西省',
  '620000': '甘肃省',
  '630000': '青海省',
  '640000': '宁夏回族自治区',
  '650000': '新疆维吾尔自治区',
  '710000': '台湾省',
  '810000': '香港特别行政区',
  '820000': '澳门特别行政区',
  '320100': '南京市',
  '320200': '无锡市',
  '320300': '徐州市',
  '320400': '常州市',
  '320500': '苏州市',
  '320600': '南通市',
  '320700': '连云港市',
  '320800': '淮安市',
  '320900': '盐城市',
  '321000': '扬州市',
  '321100': '镇江市',
  '321200': '泰州市',
  '321300': '宿迁市',
  '330100': '杭州市',
  '330200': '宁波市',
  '340100': '合肥市',
  '350100': '福州市',
  '350200': '厦门市',
  '370100': '济南市',
  '370200': '青岛市',
  '420100': '武汉市',
  '430100': '长沙市',
  '440100': '广州市',
  '440300': '深圳市',
  '510100': '成都市',
  '610100': '西安市',
  '410100': '郑州市',
  '210100': '沈阳市',
  '210200': '大连市',
};

export function regionName(code: string): string {
  return REGIONS[code] ?? GB2260.get(code) ?? code;
}

/** True for a division of the GB/T 2260 list (province, prefecture-level city or county-level division). */
export function isRegionCode(code: unknown): code is string {
  return typeof code === 'string' && GB2260.has(code);
}

/** The division's parent: a county's city (or its province when none), a city's province; null for a province. */
export function parentRegion(code: string): string | null {
  if (code.endsWith('0000')) return null;
  const city = `${code.slice(0, 4)}00`;
  if (!code.endsWith('00') && GB2260.has(city)) return city;
  return `${code.slice(0, 2)}0000`;
}

/** Province, city and county of a code, outermost first: 320505 → [320000, 320500, 320505]. */
export function regionPath(code: string): string[] {
  const path: string[] = [];
  for (let c: string | null = code; c && GB2260.has(c); c = parentRegion(c)) path.unshift(c);
  return path;
}

/** The full name of a division: 江苏省苏州市虎丘区, 北京市东城区, 江苏省; the code itself when it is unknown. */
export function regionFullName(code: string | null | undefined): string {
  if (!code) return '';
  const path = regionPath(code);
  return path.length ? path.map((c) => GB2260.get(c)).join('') : code;
}

export interface RegionOption {
  value: string;
  label: string;
  /** the division's own name (虎丘区) */
  name: string;
  /** 1 province, 2 city, 3 county */
  level: number;
  parent: string;
  selected: boolean;
}

/**
 * Every division as the options of one select, grouped by province (a select that works without JS): the province
 * (全省), then each city followed by its counties, labelled with the names below the province (苏州市虎丘区).
 */
export function regionGroups(selected: string | null | undefined) {
  return allGroups().map((g) => ({
    label: g.label,
    code: g.code,
    options: g.options.map((o) => (o.value === selected ? { ...o, selected: true } : o)),
  }));
}

let groupsOnce: { label: string; code: string; options: RegionOption[] }[] | undefined;

function allGroups() {
  if (groupsOnce) return groupsOnce;
  const groups: { label: string; code: string; options: RegionOption[] }[] = [];
  for (const [code, name] of GB2260) {
    const path = regionPath(code);
    const option: RegionOption = {
      value: code,
      label:
        path.length === 1
          ? `${name}（${MUNICIPALITIES.has(code) ? '全市' : '全省'}）`
          : path
              .slice(1)
              .map((c) => GB2260.get(c))
              .join(''),
      name,
      level: path.length,
      parent: parentRegion(code) ?? '',
      selected: false,
    };
    if (path.length === 1) groups.push({ label: name, code, options: [option] });
    else groups[groups.length - 1]!.options.push(option);
  }
  groupsOnce = groups;
  return groups;
}

const MUNICIPALITIES = new Set(['110000', '120000', '310000', '500000']);

/** Jiangsu's prefecture-level cities, in code order (filters on school sites). */
export const JIANGSU_CITIES = Object.entries(REGIONS)
  .filter(([code]) => code.startsWith('32') && code !== '320000')
  .map(([code, name]) => ({ code, name }));
