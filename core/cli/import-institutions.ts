// Writes a tenant manifest (tenants/<slug>.json) for every institution in the TSV that has none yet.
// Existing manifests are never overwritten: once written they are hand-edited data.
// Usage: npm run tenants:import [-- path/to/institutions.tsv]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { INSTITUTIONS_TSV, TENANTS_DIR } from '../paths.js';
import { SUBJECT_TYPES, type SiteManifest, type SubjectType } from '../tenancy/manifest.js';

interface Institution {
  code: string;
  name: string;
  city: string;
  level: string;
  slug: string;
  department: string;
  remark: string;
}

export function readInstitutions(file = INSTITUTIONS_TSV): Institution[] {
  const [header, ...rows] = readFileSync(file, 'utf8').trim().split('\n');
  const cols = header!.split('\t');
  return rows.map((line) => {
    const cells = line.split('\t');
    const get = (name: string) => (cells[cols.indexOf(name)] ?? '').trim();
    return {
      code: get('code'),
      name: get('name_zh'),
      city: get('city'),
      level: get('level'),
      slug: get('slug'),
      department: get('department'),
      remark: get('remark'),
    };
  });
}

/** Brand colours of schools whose identity colour is well known; the rest get a palette derived from the code. */
const KNOWN_PRIMARY: Record<string, string> = {
  nju: '#6a005f',
  seu: '#0a4b8c',
  suda: '#a6192e',
  nuaa: '#003f88',
  njust: '#00529b',
  cumt: '#004098',
  hhu: '#005ba1',
  jiangnan: '#0b6e4f',
  njau: '#006837',
  cpu: '#0e6e3a',
  njnu: '#8b1a3c',
  nuist: '#0054a6',
  njupt: '#1d4f91',
  njmu: '#005f9e',
  yzu: '#0e4c92',
  ujs: '#003e7e',
  njfu: '#2e7d32',
  njtech: '#b22222',
  njucm: '#7a4b1c',
  nua: '#222222',
};

function hash(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return h;
}

function hsl(h: number, s: number, l: number): string {
  const a = (s / 100) * Math.min(l / 100, 1 - l / 100);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    const c = l / 100 - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(c * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${f(0)}${f(8)}${f(4)}`;
}

function hueOf(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max === min) return 0;
  const d = max - min;
  const h = max === r ? (g - b) / d + (g < b ? 6 : 0) : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return Math.round(h * 60);
}

export function paletteFor(slug: string, code: string) {
  const primary = KNOWN_PRIMARY[slug] ?? hsl(hash(code) % 360, 62, 30);
  const hue = hueOf(primary);
  return {
    primaryColor: primary,
    secondaryColor: hsl((hue + 28) % 360, 48, 40),
    accentColor: hue < 60 || hue > 290 ? hsl(205, 70, 40) : hsl(38, 78, 44),
    backgroundColor: hsl(hue, 30, 97),
    textColor: '#1f2328',
  };
}

const THEMES = ['classic', 'campus', 'portal'] as const;

function themeFor(inst: Institution): (typeof THEMES)[number] {
  if (inst.department === '教育部' || inst.department.endsWith('部')) return 'classic';
  return THEMES[hash(inst.slug) % THEMES.length]!;
}

function tagsFor(inst: Institution): { id: string; name: string }[] {
  if (inst.level === '本科') {
    return [
      { id: 'partner', name: '战略合作单位' },
      { id: 'alumni', name: '校友企业' },
      { id: 'internship-base', name: '实习实践基地' },
    ].slice(0, 1 + (hash(inst.code) % 3));
  }
  return hash(inst.code) % 4 === 0 ? [] : [{ id: 'school-enterprise', name: '校企合作单位' }];
}

function policiesFor(inst: Institution): SiteManifest['reviewPolicies'] {
  const manual = { plugin: 'review-policy-manual', options: {} };
  const auto = { plugin: 'review-policy-auto-approve', options: { requireCertifiedOnMain: true } };
  const partnerAuto = {
    plugin: 'review-policy-auto-approve',
    options: { requireCertifiedOnMain: true, requireTags: ['partner'] },
  };
  const screenApprove = {
    plugin: 'review-policy-content-screen',
    options: { onMatch: 'reject', whenClean: 'approve', requireCertifiedOnMain: true },
  };
  const screenHold = {
    plugin: 'review-policy-content-screen',
    options: { onMatch: 'hold', whenClean: 'hold' },
  };
  const variant = hash(`${inst.code}:policy`) % 3;
  const result = {} as Record<SubjectType, { plugin: string; options: Record<string, unknown> }>;
  for (const type of SUBJECT_TYPES) result[type] = manual;
  if (inst.level === '本科' && variant === 0) {
    result.job = auto;
    result.announcement = auto;
  } else if (inst.level === '本科' && variant === 1 && tagsFor(inst).some((t) => t.id === 'partner')) {
    result.membership = partnerAuto;
    result.job = partnerAuto;
  } else if (inst.level === '本科') {
    result.job = screenApprove;
    result.announcement = screenApprove;
  } else {
    result.membership = auto;
    if (variant === 0) result.job = auto;
    if (variant === 1) result.job = screenHold;
  }
  return result;
}

export function manifestFor(inst: Institution): SiteManifest {
  const theme = themeFor(inst);
  const employerTags = tagsFor(inst);
  const reviewPolicies = policiesFor(inst);
  const pluginNames = new Set(Object.values(reviewPolicies).map((p) => p!.plugin));
  const plugins: SiteManifest['plugins'] = [...pluginNames]
    .sort()
    .map((name) =>
      name === 'review-policy-auto-approve'
        ? { name, options: { subjectTypes: [...SUBJECT_TYPES] } }
        : { name, options: {} },
    );
  if (employerTags.length > 0) plugins.push({ name: 'employer-tags', options: { maxPerEmployer: 1 } });
  return {
    slug: inst.slug,
    code: inst.code,
    name: inst.name,
    shortName: inst.name,
    city: inst.city,
    level: inst.level as SiteManifest['level'],
    department: inst.department,
    remark: inst.remark,
    hosts: [`${inst.slug}.{baseDomain}`],
    theme: {
      name: theme,
      settings: {
        ...paletteFor(inst.slug, inst.code),
        logoText: inst.name,
        tagline: inst.level === '本科' ? '就业创业指导中心' : '招生就业处',
        bannerTitle: `${inst.name}就业信息网`,
        bannerSubtitle: `${inst.city} · ${inst.level}院校 · 服务毕业生就业，对接用人单位`,
      },
    },
    employerTags,
    reviewPolicies,
    plugins,
    widgetOrigins: [`https://www.${inst.slug}.edu.cn`],
  };
}

export function mainManifest(): SiteManifest {
  const reviewPolicies = {} as SiteManifest['reviewPolicies'];
  for (const type of SUBJECT_TYPES) reviewPolicies[type] = { plugin: 'review-policy-manual', options: {} };
  reviewPolicies.job = {
    plugin: 'review-policy-content-screen',
    options: { onMatch: 'reject', whenClean: 'hold' },
  };
  reviewPolicies.announcement = {
    plugin: 'review-policy-content-screen',
    options: { onMatch: 'reject', whenClean: 'hold' },
  };
  return {
    slug: 'main',
    code: null,
    name: '江苏省高校毕业生就业网',
    shortName: '省就业网',
    city: '南京市',
    level: '主站',
    department: '江苏省教育厅',
    remark: '省级主站',
    hosts: ['{baseDomain}', 'www.{baseDomain}', 'main.{baseDomain}'],
    theme: {
      name: 'portal',
      settings: {
        primaryColor: '#b0121b',
        secondaryColor: '#d4532a',
        accentColor: '#f2b632',
        backgroundColor: '#fbf8f6',
        textColor: '#1f2328',
        logoText: '江苏省高校毕业生就业网',
        tagline: '1+N 校园招聘网络',
        bannerTitle: '一次注册，走进江苏 175 所高校',
        bannerSubtitle: '省级主站认证单位，入驻各校分站，发布职位、预订招聘会、申请宣讲会、在线签约',
      },
    },
    employerTags: [],
    reviewPolicies,
    plugins: [
      { name: 'review-policy-content-screen', options: {} },
      { name: 'review-policy-manual', options: {} },
    ],
    widgetOrigins: [],
  };
}

function write(manifest: SiteManifest): boolean {
  const file = join(TENANTS_DIR, `${manifest.slug}.json`);
  if (existsSync(file)) return false;
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const institutions = readInstitutions(process.argv[2]);
  let written = write(mainManifest()) ? 1 : 0;
  for (const inst of institutions) if (write(manifestFor(inst))) written += 1;
  console.log(
    `tenants: ${written} manifest(s) written, ${institutions.length + 1 - written} already present`,
  );
}
