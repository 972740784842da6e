import { LitElement, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { Task, TaskStatus, initialState } from '@lit/task';
import { loadStatus, type LoadStatus } from '../task.js';

import { getJson, resolveApiBase } from '../api.js';
import {
  fairPageUrl,
  feeText,
  formatRange,
  SELECTION_LABELS,
  sitePageUrl,
  windowLabel,
  type FairSummary,
} from '../fair.js';
import {
  emit,
  errorDetail,
  errorMessage,
  fetchSite,
  safeHttpUrl,
  type SiteInfo,
  type XzErrorDetail,
} from '../site.js';
import { baseStyles, paletteStyle } from '../theme.js';
import { fairListStyles } from './xz-fair-list.styles.js';

/** `detail` of the `xz-fairs-loaded` event. */
export interface XzFairsLoadedDetail {
  site: string;
  count: number;
}

/** Shown when the API gives no message of its own (network failure, CORS, 5xx without body…). */
export const FAIR_LIST_FALLBACK_ERROR_MESSAGE = '无法加载招聘会信息';

export const DEFAULT_FAIR_LIMIT = 10;

interface Loaded {
  slug: string;
  site: SiteInfo | undefined;
  fairs: FairSummary[];
}

/**
 * The upcoming job fairs (招聘会 / 双选会) of one school's site of the xiaozhao (校招网络) platform; each title
 * links to the fair's page, with its booth map, on the school's own site.
 *
 * ```html
 * <script type="module" src="https://<platform>/widgets/v1/xiaozhao.js"></script>
 * <xz-fair-list site="nju"></xz-fair-list>
 * <noscript><a href="https://<school>/fairs">查看招聘会</a></noscript>
 * ```
 *
 * Data: `GET {api-base}/api/v1/public/sites/{site}/fairs` and, for the palette and the links,
 * `GET {api-base}/api/v1/public/sites/{site}`. The API base defaults to the origin serving the script.
 *
 * Theming, from strongest to weakest: global tokens `--xz-color-*`, `--xz-font-family`, `--xz-radius` set by the
 * page; the school site's own palette; built-in defaults. Layout is tuned by `--xz-fair-list-*` properties, and
 * every visible piece is exposed with `::part()`.
 *
 * @element xz-fair-list
 *
 * @attr {string} site - Slug of the school site (e.g. `nju`). Required. Reflected.
 * @attr {number} limit - At most this many fairs, 1–50. Default `10`.
 * @attr {string} api-base - Optional platform base URL overriding the script's origin.
 *
 * @fires xz-fairs-loaded - `CustomEvent<{ site, count }>` after the fairs were loaded and rendered. Bubbles, composed.
 * @fires xz-error - `CustomEvent<{ slug, status, code, message }>` when loading failed. Bubbles, composed.
 *
 * @csspart base - The themed wrapper around everything.
 * @csspart loading - The "加载中…" message.
 * @csspart list - The `<ul>` of fairs.
 * @csspart item - One fair (`<article>`).
 * @csspart title - The fair's title (heading with the link).
 * @csspart status - The booking-window badge (预定中 / 未开始预定 / 预定已截止).
 * @csspart meta - Time, booth selection and fee.
 * @csspart empty - The "近期没有招聘会" message.
 * @csspart error - The error message.
 * @csspart more - The "全部招聘会" link to the school's fair page.
 *
 * @cssproperty --xz-color-primary - Global token: primary colour (titles, links, top border).
 * @cssproperty --xz-color-secondary - Global token: secondary colour (meta line).
 * @cssproperty --xz-color-accent - Global token: accent colour (open-booking badge).
 * @cssproperty --xz-color-bg - Global token: background.
 * @cssproperty --xz-color-text - Global token: text colour.
 * @cssproperty --xz-font-family - Global token: font stack.
 * @cssproperty --xz-radius - Global token: corner radius. Default `8px`.
 * @cssproperty --xz-fair-list-max-width - Maximum width. Default `none`.
 * @cssproperty --xz-fair-list-padding - Padding. Default `1rem 1.25rem`.
 * @cssproperty --xz-fair-list-border - Border. Default a 1px border derived from the text colour.
 * @cssproperty --xz-fair-list-accent-border - Top border. Default `4px solid <primary>`.
 * @cssproperty --xz-fair-list-open-color - Colour of the 预定中 badge. Default `#1a7f37`.
 */
export class XzFairList extends LitElement {
  static override properties: PropertyDeclarations = {
    site: { type: String, reflect: true },
    limit: { type: Number },
    apiBase: { type: String, attribute: 'api-base' },
  };

  static override styles = [baseStyles, fairListStyles];

  /** Slug of the school site (e.g. `nju`). */
  declare site: string;
  /** At most this many fairs (1–50, default 10). */
  declare limit: number;
  /** Platform base URL; defaults to the origin serving the script. */
  declare apiBase: string | undefined;

  private _loaded: XzFairsLoadedDetail | undefined;

  private readonly _task = new Task<[string, string | undefined], Loaded>(this, {
    task: async ([site, apiBase], { signal }) => {
      const slug = (site ?? '').trim();
      if (!slug) return initialState;
      const base = resolveApiBase(apiBase);
      const [info, list] = await Promise.all([
        fetchSite(slug, base, signal).catch(() => undefined),
        getJson<{ items: FairSummary[] }>(`api/v1/public/sites/${encodeURIComponent(slug)}/fairs`, {
          base,
          signal,
        }),
      ]);
      return { slug, site: info, fairs: Array.isArray(list.items) ? list.items : [] };
    },
    args: () => [this.site, this.apiBase],
    onComplete: ({ slug, fairs }) => {
      this._loaded = { site: slug, count: Math.min(fairs.length, this.effectiveLimit) };
    },
    onError: (error) => {
      emit<XzErrorDetail>(this, 'xz-error', errorDetail(this.site, error, FAIR_LIST_FALLBACK_ERROR_MESSAGE));
    },
  });

  constructor() {
    super();
    this.site = '';
    this.limit = DEFAULT_FAIR_LIMIT;
    this.apiBase = undefined;
  }

  private get effectiveLimit(): number {
    const n = Math.floor(Number(this.limit));
    return Number.isFinite(n) && n >= 1 ? Math.min(n, 50) : DEFAULT_FAIR_LIMIT;
  }

  override updated(): void {
    const loaded = this._loaded;
    if (!loaded) return;
    this._loaded = undefined;
    emit<XzFairsLoadedDetail>(this, 'xz-fairs-loaded', loaded);
  }

  override render(): unknown {
    const task = this._task;
    if (task.status === TaskStatus.INITIAL) return nothing;
    const loaded = task.value?.slug === (this.site ?? '').trim() ? task.value : undefined;
    const siteUrl = safeHttpUrl(loaded?.site?.url);
    let body: unknown;
    if (task.status === TaskStatus.ERROR) {
      body = html`<p class="error" part="error" role="alert">
        ${errorMessage(task.error, FAIR_LIST_FALLBACK_ERROR_MESSAGE)}
      </p>`;
    } else if (!loaded) {
      body = html`<p class="status" part="loading" role="status">加载中…</p>`;
    } else if (loaded.fairs.length === 0) {
      body = html`<p class="empty" part="empty">近期没有招聘会</p>`;
    } else {
      body = html`<ul class="list" part="list" role="list">
        ${loaded.fairs.slice(0, this.effectiveLimit).map((fair) => html`<li>${this.renderFair(fair, siteUrl)}</li>`)}
      </ul>`;
    }
    const more = sitePageUrl(siteUrl, 'fairs');
    return html`
      <div class="wrapper" part="base" style=${styleMap(paletteStyle(loaded?.site?.theme))}>
        ${body}
        ${
          more && loaded
            ? html`<div class="footer">
                <a class="more" part="more" href=${more}>全部招聘会<span aria-hidden="true"> ›</span></a>
              </div>`
            : nothing
        }
      </div>
    `;
  }

  private renderFair(fair: FairSummary, siteUrl: string | undefined): TemplateResult {
    const href = fairPageUrl(siteUrl, fair.id);
    const state = windowLabel(fair);
    return html`
      <article part="item">
        <h3 class="title" part="title">${href ? html`<a href=${href}>${fair.title}</a>` : fair.title}</h3>
        <span class="badge ${state.open ? 'open' : ''}" part="status">${state.label}</span>
        <p class="meta" part="meta">
          <span><span class="visually-hidden">举办时间</span>${formatRange(fair.startsAt, fair.endsAt)}</span>
          <span>${SELECTION_LABELS[fair.boothSelection] ?? ''}</span>
          <span>${feeText(fair.fee)}</span>
        </p>
      </article>
    `;
  }

  /** Current loading state, handy for tests. */
  get status(): LoadStatus {
    return loadStatus(this._task);
  }
}

const TAG = 'xz-fair-list';
if (!customElements.get(TAG)) customElements.define(TAG, XzFairList);

declare global {
  interface HTMLElementTagNameMap {
    'xz-fair-list': XzFairList;
  }
  interface HTMLElementEventMap {
    'xz-fairs-loaded': CustomEvent<XzFairsLoadedDetail>;
  }
}
