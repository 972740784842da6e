// The 站点设置 form: four independent forms (theme and its typed settings, employer tags, review policies, widget
// origins), each sending only its own part to siteSettings.update. This file turns the effective settings into field
// view models, a posted section into the service's input, and the service's error paths (theme.settings.primaryColor,
// employerTags.2.id, reviewPolicies.job.options.words.3 …) back into the field they belong to. Rows the staff member left
// empty are not sent, so indexes in error paths are mapped back to the rows of the form.
import { service, type App } from '../../../../core/app.js';
import type { ErrorDetail } from '../../../../core/http/errors.js';
import {
  AFTER_APPROVAL_MODES,
  SUBJECT_TYPES,
  type AfterApproval,
  type SiteOverrides,
  type SubjectType,
} from '../../../../core/tenancy/manifest.js';
import { CATEGORY_LABELS, SCREEN_CATEGORIES } from '../../../review-policy-content-screen/index.js';
import type { SettingDefinition } from '../../../../core/theming/theme-checker.js';
import type { SiteSettingsService } from '../../site-settings-service.js';
import { list } from '../../../../core/pages/index.js';

export type SettingsView = Awaited<ReturnType<SiteSettingsService['view']>>;
export const SECTIONS = ['theme', 'tags', 'policies', 'origins'] as const;
export type Section = (typeof SECTIONS)[number];

export const NAV_ROWS = 8;
const MAX_NAV_ROWS = 12;
const BLANK_TAG_ROWS = 3;
const MAX_TAG_ROWS = 33;

const AUTO_APPROVE = 'review-policy-auto-approve';
const CONTENT_SCREEN = 'review-policy-content-screen';
const MANUAL = 'review-policy-manual';

type Payload = Record<string, unknown>;
export type FieldErrors = Record<string, string>;

/** A posted section, kept to show it again with its errors. */
export interface Posted {
  section: Section;
  payload: Payload;
  errors: FieldErrors;
  /** messages that belong to no field of the form */
  top: string[];
}

export interface Parsed {
  input: SiteOverrides;
  /** error path → field name of the form */
  fieldOf(path: string): string | null;
  /** the text of an error for its field (origins name their line) */
  describe(path: string, message: string): string;
}

const OPTION_LABELS: Record<string, string> = {
  compact: '紧凑',
  tall: '加高',
  left: '左侧',
  right: '右侧',
  gradient: '渐变',
  image: '图片',
  plain: '纯色',
  'columns.2': '两栏',
  'columns.3': '三栏',
  'cardRadius.0': '直角',
  'cardRadius.8': '小圆角（8px）',
  'cardRadius.16': '大圆角（16px）',
};

const SECTION_LABELS: Record<Section, string> = {
  theme: '主题',
  tags: '单位标记',
  policies: '审核策略',
  origins: '嵌入来源',
};

export function fieldId(name: string): string {
  return `xz-s-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}

function str(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return '';
}

function optionLabel(key: string, value: string): string {
  return OPTION_LABELS[`${key}.${value}`] ?? OPTION_LABELS[value] ?? value;
}

/** The settings of `theme` as staff see them: the site's own when it is the site's theme, else the defaults. */
function settingsFor(app: App, view: SettingsView, theme: string): Record<string, unknown> {
  if (theme === view.theme.name) return view.theme.settings;
  const defs = app.themes.get(theme)?.manifest.settings ?? {};
  return Object.fromEntries(Object.entries(defs).map(([k, d]) => [k, d.default]));
}

function policyDefaults(app: App, plugin: string): Record<string, unknown> {
  const schema = app.tenantPlugins.definition(plugin)?.policyOptionsSchema;
  return (schema?.validate({}).value as Record<string, unknown> | undefined) ?? {};
}

// ---- parsing -----------------------------------------------------------------------------------------------------

function parseTheme(app: App, view: SettingsView, payload: Payload): Parsed {
  const chosen = str(payload.theme).trim();
  const shown = app.themes.get(str(payload.formTheme)) ? str(payload.formTheme) : view.theme.name;
  const defs = app.themes.require(shown).manifest.settings;
  const current = settingsFor(app, view, shown);
  const settings: Record<string, unknown> = {};
  const navRows: number[] = [];
  for (const [key, def] of Object.entries(defs)) {
    const raw = payload[`settings.${key}`];
    switch (def.type) {
      case 'color': {
        // Two controls, one value: whichever the staff member changed (the text wins when both were).
        const text = str(raw).trim();
        const picker = str(payload[`picker.${key}`]).trim();
        const before = String(current[key] ?? '').toLowerCase();
        settings[key] =
          text.toLowerCase() !== before ? text : picker && picker.toLowerCase() !== before ? picker : text;
        break;
      }
      case 'boolean':
        settings[key] = str(raw) === 'true';
        break;
      case 'navigation': {
        const items: { label: string; href: string }[] = [];
        for (let row = 0; row < MAX_NAV_ROWS; row += 1) {
          const label = str(payload[`nav.${row}.label`]).trim();
          const href = str(payload[`nav.${row}.href`]).trim();
          if (!label && !href) continue;
          items.push({ label, href });
          navRows.push(row);
        }
        settings[key] = items;
        break;
      }
      default:
        settings[key] = str(raw);
    }
  }
  let sent = settings;
  if (chosen !== shown) {
    // Another theme chosen: keep what both themes declare alike (palette, texts, navigation); the rest of the new
    // theme takes its defaults.
    const declared = app.themes.get(chosen)?.manifest.settings ?? {};
    sent = Object.fromEntries(
      Object.entries(settings).filter(([key]) => declared[key]?.type === defs[key]!.type),
    );
  }
  return {
    input: { theme: { name: chosen, settings: sent } },
    fieldOf(path) {
      if (path === 'theme.name' || path === 'theme') return 'theme';
      const nav = /^theme\.settings\.navigation\.(\d+)\.(label|href)$/.exec(path);
      if (nav) {
        const row = navRows[Number(nav[1])];
        return row === undefined ? 'settings.navigation' : `nav.${row}.${nav[2]}`;
      }
      const m = /^theme\.settings\.([a-zA-Z0-9]+)/.exec(path);
      if (m && defs[m[1]!] && m[1]! in sent) return `settings.${m[1]}`;
      return null;
    },
    describe(path, message) {
      // Messages name menu rows as sent; blank rows of the form were not sent.
      return message.replace(/^导航菜单第 (\d+) 项/, (all, n: string) => {
        const row = navRows[Number(n) - 1];
        return row === undefined ? all : `导航菜单第 ${row + 1} 项`;
      });
    },
  };
}

function parseTags(payload: Payload): Parsed {
  const tags: { id: string; name: string }[] = [];
  const rows: number[] = [];
  for (let row = 0; row < MAX_TAG_ROWS; row += 1) {
    const id = str(payload[`tags.${row}.id`]).trim();
    const name = str(payload[`tags.${row}.name`]).trim();
    if (!id && !name) continue;
    tags.push({ id, name });
    rows.push(row);
  }
  return {
    input: { employerTags: tags },
    fieldOf(path) {
      const m = /^employerTags\.(\d+)(?:\.(id|name))?/.exec(path);
      if (m) {
        const row = rows[Number(m[1])];
        if (row === undefined) return 'tags';
        return `tags.${row}.${m[2] ?? 'id'}`;
      }
      return path === 'employerTags' ? 'tags' : null;
    },
    // Messages count tags as sent; blank rows of the form were not sent.
    describe: (_path, message) =>
      message.replace(/第 (\d+) 个/g, (all, n: string) => {
        const row = rows[Number(n) - 1];
        return row === undefined ? all : `第 ${row + 1} 个`;
      }),
  };
}

function policyOptions(plugin: string, type: SubjectType, payload: Payload): Record<string, unknown> {
  const field = (name: string) => payload[`policy.${type}.${name}`];
  if (plugin === AUTO_APPROVE)
    return {
      requireCertifiedOnMain: str(field('requireCertifiedOnMain')) === 'true',
      requireTags: [...new Set(list(field('requireTags')))],
    };
  if (plugin === CONTENT_SCREEN)
    return {
      words: [
        ...new Set(
          str(field('words'))
            .split(/\r?\n/)
            .map((w) => w.trim())
            .filter(Boolean),
        ),
      ],
      rules: [...new Set(list(field('rules')))],
      onMatch: str(field('onMatch')),
      whenClean: str(field('whenClean')),
      requireCertifiedOnMain: str(field('requireCertifiedOnMain')) === 'true',
    };
  return {};
}

/** Postings (jobs, announcements) choose what an edit does after this site approved them. */
const EDITABLE_TYPES: readonly SubjectType[] = ['job', 'announcement'];

const AFTER_APPROVAL_LABELS: Record<AfterApproval['mode'], string> = {
  locked: '锁定：通过后不能修改（可设置失效后重新发布）',
  grace: '宽限期：通过后一段时间内可修改，修改后仍在线',
  revise: '重新审核：通过后可修改，修改后重新进入本站审核',
};

function postedAfterApproval(type: SubjectType, payload: Payload): { mode: string; graceMinutes: unknown } {
  const minutes = str(payload[`policy.${type}.graceMinutes`]).trim();
  return {
    mode: str(payload[`policy.${type}.afterApproval`]) || 'locked',
    graceMinutes: minutes === '' ? 30 : /^\d+$/.test(minutes) ? Number(minutes) : minutes,
  };
}

function parsePolicies(payload: Payload): Parsed {
  const policies: Record<
    string,
    {
      plugin: string;
      options: Record<string, unknown>;
      afterApproval?: { mode: string; graceMinutes: unknown };
    }
  > = {};
  for (const type of SUBJECT_TYPES) {
    const plugin = str(payload[`policy.${type}.plugin`]).trim();
    const shown = str(payload[`policy.${type}.shown`]);
    // Options on the form belong to the policy shown; a newly chosen policy starts from its defaults.
    policies[type] = { plugin, options: plugin === shown ? policyOptions(plugin, type, payload) : {} };
    // 锁定 is the default: it is left out, as a manifest leaves it out.
    const after = EDITABLE_TYPES.includes(type) ? postedAfterApproval(type, payload) : null;
    if (after && after.mode !== 'locked') policies[type].afterApproval = after;
  }
  return {
    input: { reviewPolicies: policies as SiteOverrides['reviewPolicies'] },
    fieldOf(path) {
      const m = /^reviewPolicies\.([a-z_]+)(?:\.(plugin|options|afterApproval)(?:\.([a-zA-Z]+))?)?/.exec(
        path,
      );
      if (!m || !(SUBJECT_TYPES as readonly string[]).includes(m[1]!)) return null;
      const type = m[1]!;
      const option = m[3];
      if (m[2] === 'afterApproval')
        return `policy.${type}.${option === 'graceMinutes' ? 'graceMinutes' : 'afterApproval'}`;
      if (
        m[2] === 'options' &&
        option &&
        ['requireCertifiedOnMain', 'requireTags', 'words', 'rules', 'onMatch', 'whenClean'].includes(option)
      )
        return `policy.${type}.${option}`;
      return `policy.${type}.plugin`;
    },
    describe: (_path, message) => message,
  };
}

function parseOrigins(payload: Payload): Parsed {
  const lines = str(payload.widgetOrigins).split(/\r?\n/);
  const origins: string[] = [];
  const lineOf: number[] = [];
  lines.forEach((line, i) => {
    const origin = line.trim().replace(/\/$/, '');
    if (!origin || origins.includes(origin)) return;
    origins.push(origin);
    lineOf.push(i);
  });
  return {
    input: { widgetOrigins: origins },
    fieldOf: (path) =>
      path === 'widgetOrigins' || path.startsWith('widgetOrigins.') ? 'widgetOrigins' : null,
    // Messages count origins as sent; the form counts lines (blank and repeated lines are not sent).
    describe: (_path, message) =>
      message.replace(/第 (\d+) 个嵌入来源/g, (all, n: string) => {
        const line = lineOf[Number(n) - 1];
        return line === undefined ? all : `第 ${line + 1} 行的嵌入来源`;
      }),
  };
}

export function parseSection(app: App, view: SettingsView, section: Section, payload: Payload): Parsed {
  switch (section) {
    case 'theme':
      return parseTheme(app, view, payload);
    case 'tags':
      return parseTags(payload);
    case 'policies':
      return parsePolicies(payload);
    case 'origins':
      return parseOrigins(payload);
  }
}

/** The service's details as field errors of the section, and the rest as messages for the top of the page. */
export function mapErrors(parsed: Parsed, section: Section, details: ErrorDetail[]) {
  const errors: FieldErrors = {};
  const top: string[] = [];
  for (const d of details) {
    const field = parsed.fieldOf(d.path);
    const text = parsed.describe(d.path, d.message);
    if (field && !errors[field]) errors[field] = text;
    else if (!field) top.push(`${SECTION_LABELS[section]}：${text}`);
  }
  return { errors, top };
}

// ---- view models -------------------------------------------------------------------------------------------------

interface Control {
  name: string;
  id: string;
  value: string;
  error?: string;
  errorId: string;
}

function control(name: string, value: string, errors: FieldErrors): Control {
  const id = fieldId(name);
  return { name, id, value, error: errors[name], errorId: `${id}-error` };
}

function themeSection(app: App, view: SettingsView, posted: Posted | null) {
  const payload = posted?.section === 'theme' ? posted.payload : null;
  const errors = payload ? posted!.errors : {};
  const chosen = payload ? str(payload.theme) : view.theme.name;
  const shown = payload && app.themes.get(str(payload.formTheme)) ? str(payload.formTheme) : view.theme.name;
  const defs = app.themes.require(shown).manifest.settings;
  const current = settingsFor(app, view, shown);
  const value = (key: string): unknown => (payload ? payload[`settings.${key}`] : current[key]);
  const settingFields = Object.entries(defs).map(([key, def]: [string, SettingDefinition]) => {
    const base = control(`settings.${key}`, '', errors);
    const label = def.label;
    switch (def.type) {
      case 'color': {
        const text = payload ? str(value(key)) : String(current[key] ?? '');
        const valid = /^#[0-9a-f]{6}$/i.test(text) ? text.toLowerCase() : String(current[key] ?? '#000000');
        return {
          ...base,
          label,
          isColor: true,
          value: text,
          picker: { name: `picker.${key}`, id: `${base.id}-picker`, value: valid },
        };
      }
      case 'boolean':
        return {
          ...base,
          label,
          isBoolean: true,
          checked: payload ? str(value(key)) === 'true' : value(key) === true,
        };
      case 'select': {
        const selected = payload ? str(value(key)) : String(current[key] ?? '');
        return {
          ...base,
          label,
          isSelect: true,
          options: (def.options ?? []).map((o) => ({
            value: o,
            label: optionLabel(key, o),
            selected: o === selected,
          })),
        };
      }
      case 'navigation': {
        const items = payload
          ? null
          : ((current[key] as { label: string; href: string }[] | undefined) ?? []);
        const count = Math.min(MAX_NAV_ROWS, Math.max(NAV_ROWS, (items?.length ?? 0) + 1));
        const rows = Array.from({ length: payload ? MAX_NAV_ROWS : count }, (_, row) => {
          const l = payload ? str(payload[`nav.${row}.label`]) : (items![row]?.label ?? '');
          const hr = payload ? str(payload[`nav.${row}.href`]) : (items![row]?.href ?? '');
          return {
            number: row + 1,
            label: control(`nav.${row}.label`, l, errors),
            href: control(`nav.${row}.href`, hr, errors),
          };
        }).filter((r, row) => !payload || row < NAV_ROWS || r.label.value || r.href.value);
        return { ...base, label, isNavigation: true, rows };
      }
      default:
        return {
          ...base,
          label,
          isText: def.type === 'text',
          isUrl: def.type === 'url',
          value: payload ? str(value(key)) : String(current[key] ?? ''),
          maxLength: def.type === 'text' ? (def.maxLength ?? 200) : 500,
        };
    }
  });
  return {
    formTheme: shown,
    themeError: errors.theme,
    themes: view.available.themes.map((t) => ({
      name: t.name,
      label: t.label,
      description: app.themes.get(t.name)?.description ?? '',
      id: fieldId(`theme.${t.name}`),
      checked: t.name === chosen,
      current: t.name === view.theme.name,
    })),
    currentLabel: view.available.themes.find((t) => t.name === view.theme.name)?.label ?? view.theme.name,
    shownLabel: view.available.themes.find((t) => t.name === shown)?.label ?? shown,
    fields: settingFields,
  };
}

function tagsSection(view: SettingsView, posted: Posted | null, maxPerEmployer: number | null) {
  const payload = posted?.section === 'tags' ? posted.payload : null;
  const errors = payload ? posted!.errors : {};
  const count = payload
    ? Math.max(
        view.employerTags.length + BLANK_TAG_ROWS,
        ...Array.from({ length: MAX_TAG_ROWS }, (_, r) =>
          str(payload[`tags.${r}.id`]) || str(payload[`tags.${r}.name`]) ? r + 1 : 0,
        ),
      )
    : Math.min(MAX_TAG_ROWS, view.employerTags.length + BLANK_TAG_ROWS);
  const rows = Array.from({ length: count }, (_, row) => {
    const tag = view.employerTags[row];
    const id = payload ? str(payload[`tags.${row}.id`]) : (tag?.id ?? '');
    const name = payload ? str(payload[`tags.${row}.name`]) : (tag?.name ?? '');
    return {
      number: row + 1,
      id: control(`tags.${row}.id`, id, errors),
      name: control(`tags.${row}.name`, name, errors),
    };
  });
  return { rows, error: errors.tags, maxPerEmployer };
}

function policiesSection(app: App, view: SettingsView, posted: Posted | null) {
  const payload = posted?.section === 'policies' ? posted.payload : null;
  const errors = payload ? posted!.errors : {};
  const installed = view.available.reviewPolicies;
  return SUBJECT_TYPES.map((type) => {
    const ref = view.reviewPolicies[type];
    const plugin = payload ? str(payload[`policy.${type}.plugin`]) : ref.plugin;
    const shown = payload ? str(payload[`policy.${type}.shown`]) : ref.plugin;
    const options: Record<string, unknown> = !payload
      ? ref.options
      : plugin === shown
        ? policyOptions(plugin, type, payload)
        : policyDefaults(app, plugin);
    const name = (field: string) => `policy.${type}.${field}`;
    const requireTags = (options.requireTags as string[] | undefined) ?? [];
    const rules = (options.rules as string[] | undefined) ?? [...SCREEN_CATEGORIES];
    const after = payload
      ? postedAfterApproval(type, payload)
      : (ref.afterApproval ?? { mode: 'locked', graceMinutes: 30 });
    return {
      type,
      label: service(app, 'reviews').typeLabel(type),
      plugin: {
        ...control(name('plugin'), plugin, errors),
        options: installed.map((p) => ({ value: p.name, label: p.label, selected: p.name === plugin })),
      },
      shown: { name: name('shown'), value: plugin },
      isManual: plugin === MANUAL,
      isAutoApprove: plugin === AUTO_APPROVE,
      isContentScreen: plugin === CONTENT_SCREEN,
      isOther: ![MANUAL, AUTO_APPROVE, CONTENT_SCREEN].includes(plugin),
      requireCertifiedOnMain: {
        ...control(name('requireCertifiedOnMain'), 'true', errors),
        checked: options.requireCertifiedOnMain === true,
      },
      requireTags: {
        ...control(name('requireTags'), '', errors),
        tags: view.employerTags.map((t) => ({
          id: fieldId(`${name('requireTags')}.${t.id}`),
          value: t.id,
          label: t.name,
          checked: requireTags.includes(t.id),
        })),
      },
      words: control(name('words'), ((options.words as string[] | undefined) ?? []).join('\n'), errors),
      rules: {
        ...control(name('rules'), '', errors),
        kinds: SCREEN_CATEGORIES.map((c) => ({
          id: fieldId(`${name('rules')}.${c}`),
          value: c,
          label: CATEGORY_LABELS[c],
          checked: rules.includes(c),
        })),
      },
      afterApproval: EDITABLE_TYPES.includes(type)
        ? {
            ...control(name('afterApproval'), '', errors),
            options: AFTER_APPROVAL_MODES.map((m) => ({
              value: m,
              label: AFTER_APPROVAL_LABELS[m],
              selected: m === after.mode,
            })),
            graceMinutes: control(name('graceMinutes'), String(after.graceMinutes), errors),
          }
        : null,
      onMatch: {
        ...control(name('onMatch'), '', errors),
        options: [
          { value: 'reject', label: '自动驳回（驳回意见写明命中的词）' },
          { value: 'hold', label: '转人工审核' },
        ].map((o) => ({ ...o, selected: o.value === options.onMatch })),
      },
      whenClean: {
        ...control(name('whenClean'), '', errors),
        options: [
          { value: 'approve', label: '自动通过' },
          { value: 'hold', label: '转人工审核' },
        ].map((o) => ({ ...o, selected: o.value === options.whenClean })),
      },
    };
  });
}

function originsSection(view: SettingsView, posted: Posted | null) {
  const payload = posted?.section === 'origins' ? posted.payload : null;
  const errors = payload ? posted!.errors : {};
  return control(
    'widgetOrigins',
    payload ? str(payload.widgetOrigins) : view.widgetOrigins.join('\n'),
    errors,
  );
}

/** Everything the settings page shows. */
export function settingsPage(
  app: App,
  view: SettingsView,
  posted: Posted | null,
  maxPerEmployer: number | null,
) {
  const theme = themeSection(app, view, posted);
  const summary = posted
    ? [
        ...posted.top.map((text) => ({ href: `#xz-s-section-${posted.section}`, text })),
        // Every message names its field (plugins/site-settings/settings-text.ts).
        ...Object.entries(posted.errors).map(([name, message]) => ({
          href: `#${fieldId(name)}`,
          text: message,
        })),
      ]
    : [];
  return {
    theme,
    tags: tagsSection(view, posted, maxPerEmployer),
    policies: policiesSection(app, view, posted),
    origins: originsSection(view, posted),
    summary,
    version: view.version,
    updatedAt: view.updatedAt,
  };
}
