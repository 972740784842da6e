/**
 * Theming shared by the xiaozhao elements, in three layers (strongest first):
 *   1. global tokens `--xz-color-*`, `--xz-font-family`, `--xz-radius` set by the embedding page,
 *   2. the school site's own palette (`theme.settings` from the site API),
 *   3. the built-in defaults of {@link baseStyles}.
 *
 * Each element's styles read only private `--_primary|secondary|accent|bg|text|radius`
 * properties. {@link baseStyles} defines them on `.wrapper` as `var(--xz-color-x, <default>)`;
 * once the site is known, the element sets them inline with {@link paletteStyle} as
 * `var(--xz-color-x, <site colour>)`, so a page token still wins.
 * Colours from the API are never trusted as raw CSS: see {@link safeColor}.
 */
import { css } from 'lit';
import type { StyleInfo } from 'lit/directives/style-map.js';
import type { SiteThemeSettings } from './site.js';

/** Site palette key -> private custom property -> global token. */
const PALETTE: ReadonlyArray<readonly [keyof SiteThemeSettings, string, string]> = [
  ['primaryColor', '--_primary', '--xz-color-primary'],
  ['secondaryColor', '--_secondary', '--xz-color-secondary'],
  ['accentColor', '--_accent', '--xz-color-accent'],
  ['backgroundColor', '--_bg', '--xz-color-bg'],
  ['textColor', '--_text', '--xz-color-text'],
];

/** Accept only plain CSS colours from the API (no `var()`, `url()`, `;` …). */
export function safeColor(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  if (!v || v.length > 64 || /[;{}\\<>]|\b(?:url|var|env|attr|image-set)\s*\(/i.test(v)) return undefined;
  if (typeof CSS !== 'undefined' && typeof CSS.supports === 'function' && !CSS.supports('color', v)) {
    return undefined;
  }
  return v;
}

/**
 * Inline style for the themed wrapper: `--_x: var(--xz-color-x, <site colour>)` for each palette colour. The elements
 * use the site's colours for text and behind white text, so they take the site's inks (its colours darkened where
 * needed for a legible contrast) when the API gives them.
 */
export function paletteStyle(
  theme: { settings?: SiteThemeSettings; inks?: Partial<SiteThemeSettings> } | null | undefined,
): StyleInfo {
  const style: StyleInfo = {};
  const settings = theme?.settings;
  if (!settings) return style;
  for (const [key, priv, token] of PALETTE) {
    const color = safeColor(theme?.inks?.[key]) ?? safeColor(settings[key]);
    if (color) style[priv] = `var(${token}, ${color})`;
  }
  return style;
}

/** Host font and box model, the private palette defaults on `.wrapper`, and `.visually-hidden`. */
export const baseStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    font-family: var(
      --xz-font-family,
      system-ui,
      -apple-system,
      'PingFang SC',
      'Hiragino Sans GB',
      'Microsoft YaHei',
      'Noto Sans CJK SC',
      sans-serif
    );
    line-height: 1.5;
  }

  :host([hidden]) {
    display: none;
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  .wrapper {
    /* Fallbacks for when the inline palette has not been applied yet (loading / error). */
    --_primary: var(--xz-color-primary, #1f4e8c);
    --_secondary: var(--xz-color-secondary, #5b6b7f);
    --_accent: var(--xz-color-accent, #d9822b);
    --_bg: var(--xz-color-bg, #ffffff);
    --_text: var(--xz-color-text, #1f2328);
    --_radius: var(--xz-radius, 8px);

    color: var(--_text);
    background: var(--_bg);
    border-radius: var(--_radius);
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;
