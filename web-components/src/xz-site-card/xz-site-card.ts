import { LitElement, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { Task, initialState } from '@lit/task';
import { loadStatus, type LoadStatus } from '../task.js';

import { resolveApiBase } from '../api.js';
import {
  emit,
  errorDetail,
  errorMessage,
  fetchSite,
  nonEmpty,
  safeHttpUrl,
  type SiteInfo,
  type XzErrorDetail,
} from '../site.js';
import { baseStyles, paletteStyle } from '../theme.js';
import { siteCardStyles } from './xz-site-card.styles.js';

export type { SiteInfo, SiteThemeSettings, XzErrorDetail } from '../site.js';

/** `detail` of the `xz-site-loaded` event. */
export interface XzSiteLoadedDetail {
  site: SiteInfo;
}

/** Shown when the API gives no message of its own (network failure, CORS, 5xx without body…). */
export const FALLBACK_ERROR_MESSAGE = '无法加载站点信息';

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

  static override styles = [baseStyles, siteCardStyles];

  /** Slug of the school site to show (e.g. `nju`). */
  declare site: string;

  /** Platform base URL; defaults to the origin serving the script. */
  declare apiBase: string | undefined;

  /** Set when a load completed; `xz-site-loaded` is fired once the DOM shows it. */
  private _loaded: SiteInfo | undefined;

  private readonly _siteTask = new Task<[string, string | undefined], SiteInfo>(this, {
    task: async ([site, apiBase], { signal }) => {
      const slug = (site ?? '').trim();
      if (!slug) return initialState;
      return fetchSite(slug, resolveApiBase(apiBase), signal);
    },
    args: () => [this.site, this.apiBase],
    onComplete: (site) => {
      this._loaded = site;
    },
    onError: (error) => {
      emit<XzErrorDetail>(this, 'xz-error', errorDetail(this.site, error, FALLBACK_ERROR_MESSAGE));
    },
  });

  constructor() {
    super();
    this.site = '';
    this.apiBase = undefined;
  }

  override updated(): void {
    const site = this._loaded;
    if (!site) return;
    this._loaded = undefined;
    emit<XzSiteLoadedDetail>(this, 'xz-site-loaded', { site });
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
          ${errorMessage(error, FALLBACK_ERROR_MESSAGE)}
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
      <article class="wrapper" part="card" aria-label=${name} style=${styleMap(paletteStyle(site.theme))}>
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
  get status(): LoadStatus {
    return loadStatus(this._siteTask);
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
  }
}
