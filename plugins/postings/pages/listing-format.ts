// How listings read in Chinese: salaries (8k-15k/月, 面议), Beijing dates, the last day a posting shows, paragraphs,
// work places as schema.org addresses, and the vocabularies as select options. Pure functions, no I/O.
import { formatDate } from '../../../core/format/index.js';
import { JIANGSU_CITIES, REGIONS } from '../../../core/regions.js';
import { DEGREES, JOB_CATEGORIES } from '../vocab.js';

export { degreeText, lastDay, paragraphs, salaryText } from '../format.js';

/** YYYY-MM-DD in Asia/Shanghai of an ISO timestamp. */
export function dateOf(iso: string): string {
  return formatDate(iso);
}

/** The instant a posting stops showing: 00:00 of `expiresOn`, Beijing time, with its offset. */
export function validThrough(expiresOn: string): string {
  return `${expiresOn}T00:00:00+08:00`;
}

const MUNICIPALITIES = new Set(['110000', '120000', '310000', '500000']);

/** A work place (GB/T 2260 code) as a schema.org PostalAddress: province in addressRegion, city in addressLocality. */
export function postalAddress(code: string): Record<string, string> {
  const name = REGIONS[code] ?? code;
  const address: Record<string, string> = { '@type': 'PostalAddress' };
  if (!/^\d{6}$/.test(code) || !REGIONS[code]) {
    address.addressLocality = name;
  } else if (code.endsWith('0000')) {
    address.addressRegion = name;
    if (MUNICIPALITIES.has(code)) address.addressLocality = name;
  } else {
    const province = REGIONS[`${code.slice(0, 2)}0000`];
    if (province) address.addressRegion = province;
    address.addressLocality = name;
  }
  address.addressCountry = 'CN';
  return address;
}

export interface Option {
  value: string;
  label: string;
  selected: boolean;
}

const JIANGSU = new Set(['320000', ...JIANGSU_CITIES.map((c) => c.code)]);

/** The city select: Jiangsu (the province, then its 13 cities) first, then every other region as 其他地区. */
export function cityGroups(selected: string | undefined): { label: string; options: Option[] }[] {
  const option = (code: string): Option => ({
    value: code,
    label: REGIONS[code] ?? code,
    selected: code === selected,
  });
  return [
    { label: '江苏省', options: ['320000', ...JIANGSU_CITIES.map((c) => c.code)].map(option) },
    {
      label: '其他地区',
      options: Object.keys(REGIONS)
        .filter((code) => !JIANGSU.has(code))
        .map(option),
    },
  ];
}

export function degreeOptions(selected: string | undefined): Option[] {
  return DEGREES.map((d) => ({
    value: d,
    label: d === '不限' ? '仅看学历不限' : d,
    selected: d === selected,
  }));
}

export function categoryOptions(selected: string | undefined): Option[] {
  return JOB_CATEGORIES.map((c) => ({ value: c, label: c, selected: c === selected }));
}
