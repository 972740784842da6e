// What 站点设置 says to staff, in Chinese: a validation problem as one sentence naming the field ("第 2 个单位标记的标识只能
// 包含小写字母、数字和连字符"), and a change as rows of field, old value, new value for the audit. Both the API and the
// page use these; the page only renumbers rows (it leaves blank rows out of what it sends). Sits on top of the generic
// joi → Chinese layer of core/http (used as the fallback predicate), never instead of it.
import type { SettingDefinition } from '../../core/theming/theme-checker.js';
import { SUBJECT_TYPES, type SubjectType } from '../../core/tenancy/manifest.js';

export interface Problem {
  path: string;
  /** joi's error type when the problem came from a schema */
  type?: string;
  context?: Record<string, unknown>;
  /** the generic Chinese message */
  zh: string;
}

export interface Labels {
  /** settings declared by the theme the change is about */
  themeSettings: Record<string, SettingDefinition>;
  typeLabel(type: SubjectType): string;
  themeLabel(name: string): string;
  policyLabel(plugin: string): string;
}

const OPTION_LABELS: Record<string, string> = {
  words: '敏感词',
  onMatch: '命中时的处理',
  whenClean: '未命中时的处理',
  requireTags: '限定的单位标记',
  requireCertifiedOnMain: '要求已通过省级认证',
};

const CHOICE_LABELS: Record<string, string> = {
  reject: '自动驳回',
  hold: '转人工审核',
  approve: '自动通过',
};

const ORIGIN_HINT = '只写协议和域名，如 https://www.example.edu.cn（不带路径）';
const TAG_ID_HINT = '只能包含小写字母、数字和连字符（如 key-partner）';

function isSubjectType(t: string): t is SubjectType {
  return (SUBJECT_TYPES as readonly string[]).includes(t);
}

const nth = (index: string | number) => Number(index) + 1;
const limitOf = (p: Problem) => String(p.context?.limit ?? '');

/** The field a problem's path names, in words. */
export function fieldName(path: string, labels: Labels, value?: unknown): string {
  let m: RegExpExecArray | null;
  if (path === 'theme' || path === 'theme.name') return '主题';
  if ((m = /^theme\.settings\.navigation\.(\d+)\.(label|href)$/.exec(path)))
    return `导航菜单第 ${nth(m[1]!)} 项的${m[2] === 'label' ? '名称' : '链接'}`;
  if ((m = /^theme\.settings\.navigation\.(\d+)$/.exec(path))) return `导航菜单第 ${nth(m[1]!)} 项`;
  if ((m = /^theme\.settings\.([a-zA-Z0-9]+)/.exec(path)))
    return labels.themeSettings[m[1]!]?.label ?? `主题设置“${m[1]}”`;
  if (path === 'employerTags') return '单位标记';
  if ((m = /^employerTags\.(\d+)(?:\.(id|name))?$/.exec(path)))
    return `第 ${nth(m[1]!)} 个单位标记${m[2] === 'id' ? '的标识' : m[2] === 'name' ? '的名称' : ''}`;
  if ((m = /^reviewPolicies\.([a-z_]+)(?:\.(plugin|options)(?:\.([a-zA-Z]+)(?:\.(\d+))?)?)?$/.exec(path))) {
    const what = isSubjectType(m[1]!) ? labels.typeLabel(m[1]) : m[1]!;
    if (m[3] === 'words' && m[4] !== undefined) return `${what}的第 ${nth(m[4])} 个敏感词`;
    if (m[3]) return `${what}的${OPTION_LABELS[m[3]] ?? `选项“${m[3]}”`}`;
    return `${what}的审核策略`;
  }
  if (path === 'widgetOrigins') return '嵌入来源';
  if ((m = /^widgetOrigins\.(\d+)$/.exec(path)))
    return `第 ${nth(m[1]!)} 个嵌入来源${typeof value === 'string' && value ? `“${value}”` : ''}`;
  if (path === 'version') return '版本号';
  return path;
}

function predicate(p: Problem, labels: Labels): string {
  const def = /^theme\.settings\.([a-zA-Z0-9]+)$/.exec(p.path)?.[1];
  const setting = def ? labels.themeSettings[def] : undefined;
  const isOrigin = /^widgetOrigins\.\d+$/.test(p.path);
  const isTagId = /^employerTags\.\d+\.id$/.test(p.path);
  const ctx = p.context ?? {};
  switch (p.type) {
    case 'any.required':
    case 'string.empty':
      return '不能为空';
    case 'string.max':
      return `不能超过 ${limitOf(p)} 个字`;
    case 'string.min':
      return `至少要 ${limitOf(p)} 个字`;
    case 'array.max':
      return `最多 ${limitOf(p)} 个`;
    case 'array.unique': {
      const by = ctx.path === 'name' ? '名称' : ctx.path === 'id' ? '标识' : '';
      return `${by ? `的${by}` : ''}与第 ${nth(Number(ctx.dupePos ?? 0))} 个重复`;
    }
    case 'string.pattern.base':
    case 'string.pattern.name':
    case 'string.uri':
    case 'string.uriCustomScheme':
      if (isTagId) return TAG_ID_HINT;
      if (isOrigin) return `应${ORIGIN_HINT}`;
      if (setting?.type === 'color') return '应为 # 加 6 位十六进制数，如 #1f5fa8';
      if (setting?.type === 'url' || /\.href$/.test(p.path))
        return '应为本站路径（以 / 开头）或 http(s):// 开头的地址';
      return '格式不正确';
    case 'any.only':
      if (setting?.options) return `只能从 ${setting.options.join('、')} 中选择`;
      return '的取值不在可选范围内';
    case 'string.base':
    case 'array.base':
    case 'object.base':
    case 'boolean.base':
    case 'number.base':
      return `的格式不正确（${p.zh}）`;
    case 'object.unknown':
      return '不是可以修改的设置';
    default:
      return `：${p.zh}`;
  }
}

/** One sentence naming the field and what it needs. */
export function problemText(p: Problem, labels: Labels): string {
  const text = predicate(p, labels);
  return `${fieldName(p.path, labels, p.context?.value)}${text}`;
}

// ---- the audit's diff ---------------------------------------------------------------------------------------------

export interface DiffRow {
  /** the changed value's path, e.g. theme.settings.primaryColor, employerTags.alumni, reviewPolicies.job.plugin */
  field: string;
  label: string;
  old: string;
  new: string;
}

export interface Snapshot {
  theme?: { name: string; settings: Record<string, unknown> };
  employerTags?: { id: string; name: string }[];
  reviewPolicies?: Record<string, { plugin: string; options: Record<string, unknown> }>;
  widgetOrigins?: string[];
}

export const NONE = '（无）';

function shown(value: unknown, def?: SettingDefinition): string {
  if (value === undefined || value === null || value === '') return NONE;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) {
    if (value.length === 0) return NONE;
    return value
      .map((v) =>
        v && typeof v === 'object' && 'label' in v
          ? `${String((v as { label: unknown }).label)}（${String((v as { href?: unknown }).href ?? '')}）`
          : String(v),
      )
      .join('、');
  }
  if (typeof value === 'string') return def?.type === 'select' ? value : (CHOICE_LABELS[value] ?? value);
  return JSON.stringify(value);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What one change did, field by field. */
export function settingsDiff(before: Snapshot, after: Snapshot, labels: Labels): DiffRow[] {
  const rows: DiffRow[] = [];
  const push = (field: string, label: string, a: string, b: string) => {
    if (a !== b) rows.push({ field, label, old: a, new: b });
  };
  if (before.theme && after.theme) {
    push('theme.name', '主题', labels.themeLabel(before.theme.name), labels.themeLabel(after.theme.name));
    const keys = new Set([...Object.keys(before.theme.settings), ...Object.keys(after.theme.settings)]);
    for (const key of keys) {
      const a = before.theme.settings[key];
      const b = after.theme.settings[key];
      if (same(a, b)) continue;
      const def = labels.themeSettings[key];
      push(`theme.settings.${key}`, def?.label ?? key, shown(a, def), shown(b, def));
    }
  }
  if (before.employerTags && after.employerTags && !same(before.employerTags, after.employerTags)) {
    const was = new Map(before.employerTags.map((t) => [t.id, t.name]));
    const now = new Map(after.employerTags.map((t) => [t.id, t.name]));
    for (const [id, name] of now)
      if (was.get(id) !== name) push(`employerTags.${id}`, `单位标记 ${id}`, was.get(id) ?? NONE, name);
    for (const [id, name] of was) if (!now.has(id)) push(`employerTags.${id}`, `单位标记 ${id}`, name, NONE);
    const order = (tags: { name: string }[]) => tags.map((t) => t.name).join('、');
    if (rows.every((r) => !r.field.startsWith('employerTags.')))
      push('employerTags', '单位标记的顺序', order(before.employerTags), order(after.employerTags));
  }
  if (before.reviewPolicies && after.reviewPolicies) {
    for (const type of SUBJECT_TYPES) {
      const a = before.reviewPolicies[type];
      const b = after.reviewPolicies[type];
      if (same(a, b)) continue;
      const what = labels.typeLabel(type);
      const field = `reviewPolicies.${type}`;
      push(
        `${field}.plugin`,
        `${what}·审核策略`,
        a ? labels.policyLabel(a.plugin) : NONE,
        b ? labels.policyLabel(b.plugin) : NONE,
      );
      const options = new Set([...Object.keys(a?.options ?? {}), ...Object.keys(b?.options ?? {})]);
      for (const key of options) {
        const x = a?.options[key];
        const y = b?.options[key];
        if (same(x, y)) continue;
        push(`${field}.options.${key}`, `${what}·${OPTION_LABELS[key] ?? key}`, shown(x), shown(y));
      }
    }
  }
  if (before.widgetOrigins && after.widgetOrigins) {
    for (const o of after.widgetOrigins)
      if (!before.widgetOrigins.includes(o)) push(`widgetOrigins.${o}`, '嵌入来源', NONE, o);
    for (const o of before.widgetOrigins)
      if (!after.widgetOrigins.includes(o)) push(`widgetOrigins.${o}`, '嵌入来源', o, NONE);
  }
  return rows;
}
