// Loads every theme under themes/: checks it, gives it its own Handlebars environment (partials never
// leak between themes), and exposes one vision engine that compiles each template in its theme's env.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import type Joi from 'joi';
import { THEMES_DIR } from '../paths.js';
import { HELPERS } from './helpers/index.js';
import { checkTheme, settingsSchema, type ThemeManifest } from './theme-checker.js';

export interface Theme {
  name: string;
  version: string;
  label: string;
  description: string;
  dir: string;
  manifest: ThemeManifest;
  settingsSchema: Joi.ObjectSchema;
  env: typeof Handlebars;
}

export class ThemeRegistry {
  private readonly themes = new Map<string, Theme>();

  constructor(readonly dir: string = THEMES_DIR) {
    const names = readdirSync(dir)
      .filter((n) => statSync(join(dir, n)).isDirectory())
      .sort();
    for (const name of names) this.themes.set(name, loadTheme(join(dir, name), name));
    if (this.themes.size === 0) throw new Error(`xiaozhao: no themes found in ${dir}`);
  }

  get(name: string): Theme | undefined {
    return this.themes.get(name);
  }

  require(name: string): Theme {
    const theme = this.themes.get(name);
    if (!theme) throw new Error(`xiaozhao: unknown theme ${name}`);
    return theme;
  }

  /**
   * A partial every theme's environment knows (feature views share them, e.g. the employer-centre shell).
   * Names must start with `xz-` so they never shadow a theme's own partials.
   */
  registerSharedPartial(name: string, source: string): void {
    if (!name.startsWith('xz-')) throw new Error(`xiaozhao: shared partial ${name} must start with xz-`);
    for (const theme of this.themes.values()) theme.env.registerPartial(name, source);
  }

  names(): string[] {
    return [...this.themes.keys()];
  }

  list(): Theme[] {
    return [...this.themes.values()];
  }

  /**
   * A vision engine whose templates are compiled by the environment of the theme being rendered (read from the
   * render context), so a feature's view (plugins/<feature>/views/*.hbs) sees the partials of each site's theme and
   * theme templates never see another theme's partials.
   */
  visionEngine() {
    return {
      compile: (source: string) => {
        const compiled = new Map<string, Handlebars.TemplateDelegate>();
        return (context: { theme?: { name?: string } }, runtimeOptions?: Handlebars.RuntimeOptions) => {
          const name = context?.theme?.name ?? '';
          let template = compiled.get(name);
          if (!template) {
            template = this.require(name).env.compile(source, { strict: false, preventIndent: true });
            compiled.set(name, template);
          }
          return template(context, runtimeOptions);
        };
      },
    };
  }
}

function loadTheme(dir: string, folderName: string): Theme {
  const { manifest, problems } = checkTheme(dir);
  if (!manifest || problems.length > 0) {
    throw new Error(
      `xiaozhao: invalid theme ${dir}:\n${problems.map((p) => `  ${p.rule}: ${p.message}`).join('\n')}`,
    );
  }
  if (manifest.name !== folderName) {
    throw new Error(
      `xiaozhao: invalid theme ${dir}: theme.json name "${manifest.name}" must equal the folder name`,
    );
  }
  const env = Handlebars.create();
  for (const [name, fn] of Object.entries(HELPERS)) env.registerHelper(name, fn as Handlebars.HelperDelegate);
  const partialsDir = join(dir, 'partials');
  let partialFiles: string[] = [];
  try {
    partialFiles = readdirSync(partialsDir).filter((f) => f.endsWith('.hbs'));
  } catch {
    partialFiles = [];
  }
  for (const file of partialFiles) {
    env.registerPartial(file.replace(/\.hbs$/, ''), readFileSync(join(partialsDir, file), 'utf8'));
  }
  return {
    name: manifest.name,
    version: manifest.version,
    label: manifest.label,
    description: manifest.description,
    dir,
    manifest,
    settingsSchema: settingsSchema(manifest),
    env,
  };
}
