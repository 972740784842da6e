// Emits what every page head needs: charset, viewport, title, the --xz-* tokens from the site's theme
// settings and the theme stylesheet. Themes call {{{xz_head}}}; colours never come from theme CSS.
import Handlebars, { type HelperOptions } from 'handlebars';
import { escapeAttr, rootOf } from './context.js';
import { assetUrl } from './asset.js';
import { ink } from '../contrast.js';

/** The shared stylesheet of feature pages, versioned with the package. */
export const UI_CSS_PATH = '/assets/ui/1/ui.css';

const FONT = '"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif';

export function cssTokens(settings: Record<string, unknown>): string {
  const color = (key: string, fallback: string) => {
    const v = settings[key];
    return typeof v === 'string' && /^#[0-9a-f]{6}$/i.test(v) ? v : fallback;
  };
  const primary = color('primaryColor', '#1f4e8c');
  const secondary = color('secondaryColor', '#3c6db0');
  const accent = color('accentColor', '#e0a100');
  return [
    `--xz-color-primary:${primary}`,
    `--xz-color-secondary:${secondary}`,
    `--xz-color-accent:${accent}`,
    // the same hues, dark enough for text on light backgrounds and behind white text (see contrast.ts)
    `--xz-color-primary-ink:${ink(primary)}`,
    `--xz-color-secondary-ink:${ink(secondary)}`,
    `--xz-color-accent-ink:${ink(accent)}`,
    `--xz-color-bg:${color('backgroundColor', '#f7f8fa')}`,
    `--xz-color-text:${color('textColor', '#1f2328')}`,
    `--xz-font-family:${FONT}`,
  ].join(';');
}

export default function xzHead(options: HelperOptions): Handlebars.SafeString {
  const root = rootOf(options);
  const title = root.page.title ? `${root.page.title} - ${root.site.name}` : root.site.name;
  const description = root.page.description ?? `${root.site.name} · 江苏省高校毕业生就业网 1+N 校园招聘网络`;
  return new Handlebars.SafeString(
    [
      '<meta charset="utf-8">',
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      `<title>${Handlebars.escapeExpression(title)}</title>`,
      `<meta name="description" content="${escapeAttr(description)}">`,
      `<meta name="xz-site" content="${escapeAttr(root.site.slug)}">`,
      `<style>:root{${cssTokens(root.settings)}}</style>`,
      '<link rel="icon" href="/assets/ui/1/favicon.svg" type="image/svg+xml">',
      `<link rel="stylesheet" href="${UI_CSS_PATH}">`,
      `<link rel="stylesheet" href="${escapeAttr(assetUrl(root, 'theme.css'))}">`,
      ...(root.page.alternates ?? []).map(
        (a) =>
          `<link rel="alternate" type="${escapeAttr(a.type)}" title="${escapeAttr(a.title)}" href="${escapeAttr(a.href)}">`,
      ),
    ].join('\n'),
  );
}
