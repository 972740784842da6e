// Checks a theme folder with coded rules (like gscan): run at boot and in tests. A failing theme stops start-up.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Joi from 'joi';

export const REQUIRED_TEMPLATES = [
  'layouts/default.hbs',
  'templates/home.hbs',
  'templates/404.hbs',
  'templates/error.hbs',
];
export const REQUIRED_ASSETS = ['assets/theme.css'];
/** Settings every theme declares: core derives the --xz-* tokens and the widgets' palette from them. */
export const REQUIRED_SETTINGS: Record<string, SettingType> = {
  primaryColor: 'color',
  secondaryColor: 'color',
  accentColor: 'color',
  backgroundColor: 'color',
  textColor: 'color',
  logoText: 'text',
  tagline: 'text',
  bannerTitle: 'text',
  bannerSubtitle: 'text',
  bannerImage: 'url',
  navigation: 'navigation',
};

export type SettingType = 'color' | 'text' | 'url' | 'boolean' | 'select' | 'navigation';

export interface SettingDefinition {
  type: SettingType;
  label: string;
  default: unknown;
  options?: string[];
  maxLength?: number;
}

export interface ThemeManifest {
  name: string;
  version: string;
  label: string;
  description: string;
  settings: Record<string, SettingDefinition>;
}

export interface ThemeProblem {
  rule: string;
  message: string;
}

const settingSchema = Joi.object({
  type: Joi.string().valid('color', 'text', 'url', 'boolean', 'select', 'navigation').required(),
  label: Joi.string().required(),
  default: Joi.any().required(),
  options: Joi.when('type', {
    is: 'select',
    then: Joi.array().items(Joi.string()).min(1).required(),
    otherwise: Joi.forbidden(),
  }),
  maxLength: Joi.when('type', {
    is: 'text',
    then: Joi.number().integer().min(1).max(500),
    otherwise: Joi.forbidden(),
  }),
});

const themeManifestSchema = Joi.object({
  name: Joi.string()
    .pattern(/^[a-z0-9-]+$/)
    .required(),
  version: Joi.string()
    .pattern(/^\d+\.\d+\.\d+$/)
    .required(),
  label: Joi.string().required(),
  description: Joi.string().allow('').default(''),
  settings: Joi.object()
    .pattern(Joi.string().pattern(/^[a-zA-Z][a-zA-Z0-9]*$/), settingSchema)
    .required(),
});

const navItem = Joi.object({
  label: Joi.string().trim().min(1).max(20).required(),
  href: Joi.alternatives(
    Joi.string().pattern(/^\/[^\s]*$/),
    Joi.string().uri({ scheme: ['http', 'https'] }),
  ).required(),
});

/** The joi schema of one setting's value. */
export function settingValueSchema(def: SettingDefinition): Joi.Schema {
  switch (def.type) {
    case 'color':
      return Joi.string()
        .pattern(/^#[0-9a-f]{6}$/)
        .lowercase()
        .message('"{{#label}}" must be a colour like #1a2b3c');
    case 'text':
      return Joi.string()
        .trim()
        .allow('')
        .max(def.maxLength ?? 200);
    case 'url':
      return Joi.alternatives(
        Joi.string().valid(''),
        Joi.string().pattern(/^\/[^\s]*$/),
        Joi.string().uri({ scheme: ['http', 'https'] }),
      );
    case 'boolean':
      return Joi.boolean();
    case 'select':
      return Joi.string().valid(...(def.options ?? []));
    case 'navigation':
      return Joi.array().items(navItem).max(12);
  }
}

/** The joi schema of a theme's whole settings object (unknown keys refused, defaults filled). */
export function settingsSchema(manifest: ThemeManifest): Joi.ObjectSchema {
  return Joi.object(
    Object.fromEntries(
      Object.entries(manifest.settings).map(([key, def]) => [
        key,
        settingValueSchema(def).default(() => structuredClone(def.default)),
      ]),
    ),
  );
}

/** Returns the theme's manifest and every problem found; an empty list means the theme may be loaded. */
export function checkTheme(dir: string): { manifest: ThemeManifest | null; problems: ThemeProblem[] } {
  const problems: ThemeProblem[] = [];
  const manifestFile = join(dir, 'theme.json');
  if (!existsSync(manifestFile))
    return { manifest: null, problems: [{ rule: 'THEME_NO_MANIFEST', message: 'theme.json is missing' }] };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(manifestFile, 'utf8'));
  } catch (err) {
    return {
      manifest: null,
      problems: [{ rule: 'THEME_BAD_JSON', message: `theme.json: ${(err as Error).message}` }],
    };
  }
  const { value, error } = themeManifestSchema.validate(raw, { abortEarly: false });
  if (error) {
    for (const d of error.details)
      problems.push({ rule: 'THEME_BAD_MANIFEST', message: `theme.json: ${d.path.join('.')}: ${d.message}` });
    return { manifest: null, problems };
  }
  const manifest = value as ThemeManifest;
  for (const [key, type] of Object.entries(REQUIRED_SETTINGS)) {
    const def = manifest.settings[key];
    if (!def)
      problems.push({ rule: 'THEME_MISSING_SETTING', message: `theme.json: settings.${key} is required` });
    else if (def.type !== type)
      problems.push({
        rule: 'THEME_SETTING_TYPE',
        message: `theme.json: settings.${key} must be of type ${type}`,
      });
  }
  for (const [key, def] of Object.entries(manifest.settings)) {
    const { error: defaultError } = settingValueSchema(def).validate(def.default);
    if (defaultError)
      problems.push({
        rule: 'THEME_BAD_DEFAULT',
        message: `theme.json: settings.${key}.default: ${defaultError.message}`,
      });
  }
  for (const file of [...REQUIRED_TEMPLATES, ...REQUIRED_ASSETS]) {
    if (!existsSync(join(dir, file)))
      problems.push({ rule: 'THEME_MISSING_FILE', message: `${file} is required` });
  }
  const layoutFile = join(dir, 'layouts/default.hbs');
  if (existsSync(layoutFile)) {
    const layout = readFileSync(layoutFile, 'utf8');
    for (const token of ['{{{xz_head}}}', '{{{xz_foot}}}', '{{{content}}}']) {
      if (!layout.includes(token))
        problems.push({ rule: 'THEME_LAYOUT_TOKEN', message: `layouts/default.hbs must contain ${token}` });
    }
  }
  return { manifest, problems };
}
