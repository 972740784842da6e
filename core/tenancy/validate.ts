// Checks a site configuration (a manifest, or a manifest with staff overrides applied) against the installed
// themes and tenant plugins. Returns the normalised configuration or the first problem with its field path.
import Joi from 'joi';
import { joiDetails } from '../http/errors.js';
import type { PluginHost } from '../plugin-host.js';
import type { ThemeRegistry } from '../theming/themes.js';
import { manifestSchema, SUBJECT_TYPES, type SiteManifest } from './manifest.js';

export interface ConfigProblem {
  field: string;
  /** English, for the boot log (names the manifest field). */
  message: string;
  /** Chinese, for school staff editing their settings. */
  zh: string;
  /** joi's error type and context, when a schema found the problem (for messages that name the field). */
  type?: string;
  context?: Record<string, unknown>;
}

export type CheckResult = { ok: true; value: SiteManifest } | { ok: false; problems: ConfigProblem[] };

function problemsOf(error: Joi.ValidationError, prefix = ''): ConfigProblem[] {
  const zh = joiDetails(error, prefix);
  return error.details.map((d) => {
    const field = [prefix, ...d.path.map(String)].filter(Boolean).join('.');
    return {
      field,
      message: d.message,
      zh: zh.find((z) => z.path === field)?.message ?? '格式不正确',
      type: d.type,
      context: d.context as Record<string, unknown> | undefined,
    };
  });
}

export function checkSiteConfig(input: unknown, themes: ThemeRegistry, host: PluginHost): CheckResult {
  const base = manifestSchema.validate(input, { abortEarly: false });
  if (base.error) return { ok: false, problems: problemsOf(base.error) };
  const m = base.value as SiteManifest;
  const problems: ConfigProblem[] = [];

  const theme = themes.get(m.theme.name);
  if (!theme) {
    problems.push({
      field: 'theme.name',
      message: `unknown theme "${m.theme.name}" (installed: ${themes.names().join(', ')})`,
      zh: `未安装的主题“${m.theme.name}”`,
    });
  } else {
    const settings = theme.settingsSchema.validate(m.theme.settings, { abortEarly: false });
    if (settings.error) problems.push(...problemsOf(settings.error, 'theme.settings'));
    else m.theme.settings = settings.value as Record<string, unknown>;
  }

  const enabled = new Set<string>();
  m.plugins.forEach((p, i) => {
    const def = host.definition(p.name);
    if (!def) {
      problems.push({
        field: `plugins.${i}.name`,
        message: `unknown tenant plugin "${p.name}"`,
        zh: `未安装的插件“${p.name}”`,
      });
      return;
    }
    enabled.add(p.name);
    const { value, error } = def.optionsSchema.validate(p.options, { abortEarly: false });
    if (error) problems.push(...problemsOf(error, `plugins.${i}.options`));
    else p.options = value as Record<string, unknown>;
  });

  for (const type of SUBJECT_TYPES) {
    const ref = m.reviewPolicies[type];
    const def = host.definition(ref.plugin);
    const field = `reviewPolicies.${type}`;
    if (!def || !def.provides.includes('reviewPolicy')) {
      problems.push({
        field: `${field}.plugin`,
        message: `"${ref.plugin}" is not an installed review policy`,
        zh: `未安装的审核策略“${ref.plugin}”`,
      });
      continue;
    }
    if (!enabled.has(ref.plugin)) {
      problems.push({
        field: `${field}.plugin`,
        message: `"${ref.plugin}" must be listed in plugins to be used`,
        zh: `审核策略“${ref.plugin}”未启用`,
      });
      continue;
    }
    const { value, error } = def.policyOptionsSchema!.validate(ref.options, { abortEarly: false });
    if (error) problems.push(...problemsOf(error, `${field}.options`));
    else ref.options = value as Record<string, unknown>;
    const requiredTags = (ref.options as { requireTags?: string[] }).requireTags ?? [];
    for (const tag of requiredTags) {
      if (!m.employerTags.some((t) => t.id === tag)) {
        problems.push({
          field: `${field}.options.requireTags`,
          message: `tag "${tag}" is not one of the site's employerTags`,
          zh: `单位标记“${tag}”不在本站的单位标记中`,
        });
      }
    }
  }

  if (m.employerTags.length > 0 && !enabled.has('employer-tags')) {
    problems.push({
      field: 'employerTags',
      message: 'employer tags need the employer-tags plugin in plugins',
      zh: '单位标记需要启用单位标记插件',
    });
  }

  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: m };
}
