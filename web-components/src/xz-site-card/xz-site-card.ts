import { LitElement, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { styleMap, type StyleInfo } from 'lit/directives/style-map.js';
import { Task, TaskStatus, initialState } from '@lit/task';

import { ApiError, getJson, resolveApiBase } from '../api.js';
import { siteCardStyles } from './xz-site-card.styles.js';

/** Theme settings of a school site, as returned by the public API (all optional). */
export interface SiteThemeSettings {
  primaryColor?: string;
  secondaryColor?: string;
  accentColor?: string;
  backgroundColor?: string;
  textColor?: string;
  logoText?: string;
  tagline?: string;
  [key: string]: unknown;
}

/** `GET /api/v1/public/sites/{slug}` response. */
export interface SiteInfo {
  slug: string;
  name: string;
  city?: string;
  level?: string;
  url?: string;
  theme?: { name?: string; settings?: SiteThemeSettings } | null;
  employerTags?: Array<{ id: string; name: string }>;
}

/** `detail` of the `xz-site-loaded` event. */
export interface XzSiteLoadedDetail {
  site: SiteInfo;
}

/** `detail` of the `xz-error` event. */
export interface XzErrorDetail {
  /** Slug that was requested. */
  slug: string;
  /** HTTP status, or 0 for a network / CORS failure. */
  status: number;
  /** API error code (e.g. `NOT_FOUND`) or `NETWORK_ERROR`, `INVALID_JSON`, `HTTP_<status>`. */
  code: string;
  /** The user-facing (Chinese) message shown in the card. */
  message: string;
}

/** Shown when the API gives no message of its own (network failure, CORS, 5xx without body…). */
export const FALLBACK_ERROR_MESSAGE = '无法加载站点信息';

/** Site palette key -> private custom property -> global token. */
const PALETTE: ReadonlyArray<readonly [keyof SiteThemeSettings, string, string]> = [
  ['primaryColor', '--_primary', '--xz-color-primary'],
  ['secondaryColor', '--_secondary', '--xz-color-secondary'],
  ['accentColor', '--_accent', '--xz-color-accent'],
  ['backgroundColor', '--_bg', '--xz-color-bg'],
  ['textColor', '--_text', '--xz-color-text'],
];

/** Accept only plain CSS colours from the API (no `var()`, `url()`, `;` …). */
function safeColor(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  if (!v || v.length > 64 || /[;{}\\<>]|\b(?:url|var|env|attr|image-set)\s*\(/i.test(v)) return undefined;
  if (typeof CSS !== 'undefined' && typeof CSS.supports === 'function' && !CSS.supports('color', v)) {
    return undefined;
  }
  return v;
}

/** Only http(s) links are rendered (never `javascript:` etc.). */
function safeHttpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  try {
    const u = new URL(value, document.baseURI);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value : undefined;
}

/**
 * A card presenting one school's employment site (就业网) of the xiaozhao
 * (校招网络) platform: school name, city and level, logo text, tagline and a
 * link to the site.
 *
 * ```html
 * <script type="module" src="https://<platform>/widgets/v1/xiaozhao.js"></script>
 * <xz-site-card site="nju"></xz-site-card>
 * <noscript><a href="http://nju.example.cn/">南京大学就业网</a></noscript>
 * ```
 *
 * Embedders should put a `<noscript><a href="…">…</a></noscript>` link next to
 * the element: the card renders nothing without JavaScript.
 *
 * Data: `GET {api-base}/api/v1/public/sites/{site}`. The API base defaults to
 * the origin serving the script (two levels above `/widgets/v1/xiaozhao.js`).
 *
 * Theming, from strongest to weakest:
 * 1. global tokens `--xz-color-*`, `--xz-font-family`, `--xz-radius` set by the page;
 * 2. the school site's own palette (`theme.settings` from the API);
 * 3. built-in defaults.
 * Layout is tuned by the `--xz-site-card-*` properties on the element itself,
 * and every visible piece is exposed with `::part()`.
 *
 * @element xz-site-card
 *
 * @attr {string} site - Slug of the school site (e.g. `nju`). Reflected. Changing it re-fetches.
 * @attr {string} api-base - Optional platform base URL overriding the script's origin.
 *
 * @fires xz-site-loaded - `CustomEvent<{ site: SiteInfo }>` after the site was loaded and rendered. Bubbles, composed.
 * @fires xz-error - `CustomEvent<{ slug, status, code, message }>` when loading failed. Bubbles, composed.
 *
 * @csspart card - The `<article>` card (also the themed wrapper).
 * @csspart logo - The logo-text badge.
 * @csspart name - The school's name (heading).
 * @csspart meta - City and level line.
 * @csspart tagline - The site's tagline.
 * @csspart link - The "访问就业网" link.
 * @csspart status - Loading / error message container (also carries `loading` or `error`).
 * @csspart loading - The loading message.
 * @csspart error - The error message.
 *
 * @cssproperty --xz-color-primary - Global token: primary colour (name, logo, top border). Overrides the site palette.
 * @cssproperty --xz-color-secondary - Global token: secondary colour (meta line).
 * @cssproperty --xz-color-accent - Global token: accent colour (link button).
 * @cssproperty --xz-color-bg - Global token: card background.
 * @cssproperty --xz-color-text - Global token: text colour.
 * @cssproperty --xz-font-family - Global token: font stack.
 * @cssproperty --xz-radius - Global token: corner radius. Default `8px`.
 * @cssproperty --xz-site-card-max-width - Maximum width. Default `26rem`.
 * @cssproperty --xz-site-card-padding - Card padding. Default `1rem 1.25rem`.
 * @cssproperty --xz-site-card-gap - Gap between logo and text. Default `0.875rem`.
 * @cssproperty --xz-site-card-border - Card border. Default a 1px border derived from the text colour.
 * @cssproperty --xz-site-card-accent-border - Top border. Default `4px solid <primary>`.
 * @cssproperty --xz-site-card-shadow - Card shadow.
 * @cssproperty --xz-site-card-logo-size - Height / min-width of the logo badge. Default `3rem`.
 * @cssproperty --xz-site-card-logo-color - Logo text colour. Default `#fff`.
 * @cssproperty --xz-site-card-name-size - Font size of the name. Default `1.25rem`.
 * @cssproperty --xz-site-card-link-color - Link text colour. Default `#fff`.
 * @cssproperty --xz-site-card-error-color - Error text colour. Default `#b42318`.
 */
export class XzSiteCard extends LitElement {
  static override properties: PropertyDeclarations = {
    site: { type: String, reflect: true },
    apiBase: { type: String, attribute: 'api-base' },
  };

  static override styles = siteCardStyles;

  /** Slug of the school site to show (e.g. `nju`). */
  declare site: string;

  /** Platform base URL; defaults to the origin serving the script. */
  declare apiBase: string | undefined;

  private readonly _siteTask = new Task<[string, string | undefined], SiteInfo>(this, {
    task: async ([site, apiBase], { signal }) => {
      const slug = site.trim();
      if (!slug) return initialState;
      return getJson<SiteInfo>(`api/v1/public/sites/${encodeURIComponent(slug)}`, {
        base: resolveApiBase(apiBase),
        signal,
      });
    },
    args: () => [this.site, this.apiBase],
    onComplete: (site) => {
      // Fire after the DOM shows the data.
      void this.updateComplete.then(() => {
        this.dispatchEvent(
          new CustomEvent<XzSiteLoadedDetail>('xz-site-loaded', {
            detail: { site },
            bubbles: true,
            composed: true,
          }),
        );
      });
    },
    onError: (error) => {
      this.dispatchEvent(
        new CustomEvent<XzErrorDetail>('xz-error', {
          detail: {
            slug: this.site,
            status: error instanceof ApiError ? error.status : 0,
            code: error instanceof ApiError ? error.code : 'UNKNOWN',
            message: XzSiteCard.errorMessage(error),
          },
          bubbles: true,
          composed: true,
        }),
      );
    },
  });

  constructor() {
    super();
    this.site = '';
    this.apiBase = undefined;
  }

  private static errorMessage(error: unknown): string {
    return (error instanceof ApiError && error.serverMessage) || FALLBACK_ERROR_MESSAGE;
  }

  /** Inline style of the wrapper: `--_x: var(--xz-color-x, <site colour>)` for each palette colour. */
  private static paletteStyle(settings: SiteThemeSettings | undefined): StyleInfo {
    const style: StyleInfo = {};
    if (!settings) return style;
    for (const [key, priv, token] of PALETTE) {
      const color = safeColor(settings[key]);
      if (color) style[priv] = `var(${token}, ${color})`;
    }
    return style;
  }

  override render(): unknown {
    return this._siteTask.render({
      initial: () => nothing,
      pending: () => html`
        <div class="wrapper status" part="status loading" role="status" aria-busy="true" aria-live="polite">
          加载中…
        </div>
      `,
      error: (error) => html`
        <div class="wrapper status error" part="status error" role="alert">
          ${XzSiteCard.errorMessage(error)}
        </div>
      `,
      complete: (site) => this.renderSite(site),
    });
  }

  private renderSite(site: SiteInfo): TemplateResult {
    const settings = site.theme?.settings ?? undefined;
    const name = nonEmpty(site.name) ?? site.slug;
    const logoText = nonEmpty(settings?.logoText);
    const tagline = nonEmpty(settings?.tagline);
    const city = nonEmpty(site.city);
    const level = nonEmpty(site.level);
    const href = safeHttpUrl(site.url);

    return html`
      <article
        class="wrapper"
        part="card"
        aria-label=${name}
        style=${styleMap(XzSiteCard.paletteStyle(settings))}
      >
        ${logoText ? html`<span class="logo" part="logo" aria-hidden="true">${logoText}</span>` : nothing}
        <h3 class="name" part="name">${name}</h3>
        ${
          city || level
            ? html`<p class="meta" part="meta">
                ${city ? html`<span>${city}</span>` : nothing}${level ? html`<span>${level}</span>` : nothing}
              </p>`
            : nothing
        }
        ${tagline ? html`<p class="tagline" part="tagline">${tagline}</p>` : nothing}
        ${
          href
            ? html`<a class="link" part="link" href=${href} target="_blank" rel="noopener"
                >访问就业网<span class="visually-hidden">（${name}，在新窗口打开）</span></a
              >`
            : nothing
        }
      </article>
    `;
  }

  /** Current loading state (`'initial' | 'pending' | 'complete' | 'error'`), handy for tests. */
  get status(): 'initial' | 'pending' | 'complete' | 'error' {
    switch (this._siteTask.status) {
      case TaskStatus.PENDING:
        return 'pending';
      case TaskStatus.COMPLETE:
        return 'complete';
      case TaskStatus.ERROR:
        return 'error';
      default:
        return 'initial';
    }
  }

  /** The loaded site data, if any. */
  get data(): SiteInfo | undefined {
    return this._siteTask.value;
  }
}

const TAG = 'xz-site-card';
if (!customElements.get(TAG)) customElements.define(TAG, XzSiteCard);

declare global {
  interface HTMLElementTagNameMap {
    'xz-site-card': XzSiteCard;
  }
  interface HTMLElementEventMap {
    'xz-site-loaded': CustomEvent<XzSiteLoadedDetail>;
    'xz-error': CustomEvent<XzErrorDetail>;
  }
}
