import { LitElement, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { Task, TaskStatus, initialState } from '@lit/task';
import { loadStatus, type LoadStatus } from '../task.js';

import { getJson, resolveApiBase } from '../api.js';
import { sitePageUrl } from '../fair.js';
import { addDays, formatDate, formatDateTime } from '../format.js';
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
import { presentationListStyles } from './xz-presentation-list.styles.js';

/** One approved session, as `GET /api/v1/public/sites/{slug}/presentations` lists it. */
export interface PresentationSummary {
  id: number;
  site: { slug: string; name: string };
  employer: { id: number; name: string };
  mode: 'online' | 'offline';
  title: string;
  startsAt: string;
  endsAt: string;
  room: { name: string; building: string; capacity: number } | null;
  liveUrl: string | null;
  description: string;
  jobs: Array<{ id: number; title: string }>;
  /** The session's page on its school's site. */
  url: string;
}

/** `detail` of the `xz-presentations-loaded` event. */
export interface XzPresentationsLoadedDetail {
  site: string;
  count: number;
}

/** Shown when the API gives no message of its own (network failure, CORS, 5xx without body…). */
export const PRESENTATION_LIST_FALLBACK_ERROR_MESSAGE = '无法加载宣讲会信息';

export const DEFAULT_PRESENTATION_LIMIT = 10;
/** The longest `days` window the element asks for. */
export const MAX_PRESENTATION_DAYS = 366;

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
export const MODE_LABELS = { online: '空中宣讲会', offline: '线下宣讲会' } as const;

/** A real calendar date `YYYY-MM-DD`, or undefined (an attribute the API would refuse is left out, never sent). */
function calendarDate(value: string | undefined | null): string | undefined {
  const v = value?.trim();
  return v && DATE.test(v) && addDays(v, 0) === v ? v : undefined;
}

/**
 * The query of the date window and mode: `from`/`to` as given (real dates only), or `days` from `from` (default
 * today in Beijing time); without any the API's default window (today and the next 30 days).
 */
export function presentationQuery(
  a: {
    mode?: string | null;
    from?: string | null;
    to?: string | null;
    days?: number | string | null;
    q?: string | null;
  },
  today: string = formatDate(Date.now()),
): string {
  const params = new URLSearchParams();
  let from = calendarDate(a.from);
  let to = calendarDate(a.to);
  const days = Math.floor(Number(a.days));
  if (!to && a.days !== null && a.days !== undefined && a.days !== '' && Number.isFinite(days) && days >= 1) {
    from ??= today;
    to = addDays(from, Math.min(days, MAX_PRESENTATION_DAYS) - 1);
  }
  if (from && to && to < from) to = undefined;
  if (from) params.set('from', from);
  if (to) params.set('to', to);
  if (a.mode === 'online' || a.mode === 'offline') params.set('mode', a.mode);
  const q = a.q?.trim();
  if (q) params.set('q', q.slice(0, 80));
  return params.toString();
}

/** `12月10日 周四 14:00–16:00` in Beijing time. */
export function sessionTime(startsAt: string, endsAt: string): string {
  const s = formatDateTime(startsAt);
  const e = formatDateTime(endsAt);
  if (!s) return '';
  const weekday = WEEKDAYS[new Date(`${s.slice(0, 10)}T00:00:00Z`).getUTCDay()];
  return `${Number(s.slice(5, 7))}月${Number(s.slice(8, 10))}日 ${weekday} ${s.slice(11)}${e ? `–${e.slice(11)}` : ''}`;
}

/** `仙林校区 图书馆 报告厅`, or 线上直播. */
export function placeText(p: Pick<PresentationSummary, 'mode' | 'room'>): string {
  if (p.mode === 'online' || !p.room) return '线上直播';
  return [p.room.building, p.room.name].filter(Boolean).join(' ');
}

interface Loaded {
  key: string;
  slug: string;
  site: SiteInfo | undefined;
  items: PresentationSummary[];
}

/**
 * The approved info sessions (宣讲会) of one school's site of the xiaozhao (校招网络) platform, soonest first; each
 * title links to the session's page on the school's own site.
 *
 * ```html
 * <script type="module" src="https://<platform>/widgets/v1/xiaozhao.js"></script>
 * <xz-presentation-list site="nju" mode="offline" days="14"></xz-presentation-list>
 * <noscript><a href="https://<school>/presentations">查看宣讲会</a></noscript>
 * ```
 *
 * Data: `GET {api-base}/api/v1/public/sites/{site}/presentations?from=&to=&mode=&q=` and, for the palette and the
 * links, `GET {api-base}/api/v1/public/sites/{site}`. The API base defaults to the origin serving the script.
 *
 * Theming, from strongest to weakest: global tokens `--xz-color-*`, `--xz-font-family`, `--xz-radius` set by the
 * page; the school site's own palette; built-in defaults. Layout is tuned by `--xz-presentation-list-*` properties,
 * and every visible piece is exposed with `::part()`.
 *
 * @element xz-presentation-list
 *
 * @attr {string} site - Slug of the school site (e.g. `nju`). Required. Reflected.
 * @attr {string} mode - `online` (空中宣讲会) or `offline` (线下宣讲会); anything else shows both.
 * @attr {string} from - First day (`YYYY-MM-DD`, Beijing time). Default today.
 * @attr {string} to - Last day, inclusive (`YYYY-MM-DD`). Default `from` + `days`, or 30 days on.
 * @attr {number} days - Window length in days from `from` (ignored when `to` is given), e.g. `7` for one week.
 * @attr {string} q - Keyword in the title or the employer's name.
 * @attr {number} limit - At most this many sessions, 1–50. Default `10`.
 * @attr {string} api-base - Optional platform base URL overriding the script's origin.
 *
 * @fires xz-presentations-loaded - `CustomEvent<{ site, count }>` after the sessions were loaded and rendered.
 *   Bubbles, composed.
 * @fires xz-error - `CustomEvent<{ slug, status, code, message }>` when loading failed. Bubbles, composed.
 *
 * @csspart base - The themed wrapper around everything (`aria-busy` while loading).
 * @csspart loading - The "加载中…" message.
 * @csspart list - The `<ul>` of sessions.
 * @csspart item - One session (`<article>`).
 * @csspart title - The session's title (heading with the link).
 * @csspart mode - The 空中宣讲会 / 线下宣讲会 badge.
 * @csspart employer - The employer's name.
 * @csspart meta - Time and place.
 * @csspart empty - The "近期没有宣讲会" message.
 * @csspart error - The error message.
 * @csspart more - The "全部宣讲会" link to the school's page.
 * @csspart calendar - The "订阅日历" link to the iCal feed.
 *
 * @cssproperty --xz-color-primary - Global token: primary colour (titles, links, top border).
 * @cssproperty --xz-color-secondary - Global token: secondary colour (meta line, offline badge).
 * @cssproperty --xz-color-accent - Global token: accent colour (online badge).
 * @cssproperty --xz-color-bg - Global token: background.
 * @cssproperty --xz-color-text - Global token: text colour.
 * @cssproperty --xz-font-family - Global token: font stack.
 * @cssproperty --xz-radius - Global token: corner radius. Default `8px`.
 * @cssproperty --xz-presentation-list-max-width - Maximum width. Default `none`.
 * @cssproperty --xz-presentation-list-padding - Padding. Default `1rem 1.25rem`.
 * @cssproperty --xz-presentation-list-border - Border. Default a 1px border derived from the text colour.
 * @cssproperty --xz-presentation-list-accent-border - Top border. Default `4px solid <primary>`.
 * @cssproperty --xz-presentation-list-online-color - Colour of the 空中宣讲会 badge. Default the accent colour.
 */
export class XzPresentationList extends LitElement {
  static override properties: PropertyDeclarations = {
    site: { type: String, reflect: true },
    mode: { type: String },
    from: { type: String },
    to: { type: String },
    days: { type: Number },
    q: { type: String },
    limit: { type: Number },
    apiBase: { type: String, attribute: 'api-base' },
  };

  static override styles = [baseStyles, presentationListStyles];

  /** Slug of the school site (e.g. `nju`). */
  declare site: string;
  /** `online` or `offline`; anything else shows both. */
  declare mode: string | undefined;
  /** First day, `YYYY-MM-DD`. */
  declare from: string | undefined;
  /** Last day (inclusive), `YYYY-MM-DD`. */
  declare to: string | undefined;
  /** Window length in days from `from` (ignored when `to` is given). */
  declare days: number | undefined;
  /** Keyword in the title or the employer's name. */
  declare q: string | undefined;
  /** At most this many sessions (1–50, default 10). */
  declare limit: number;
  /** Platform base URL; defaults to the origin serving the script. */
  declare apiBase: string | undefined;

  private _loaded: XzPresentationsLoadedDetail | undefined;

  private readonly _task = new Task<[string, string | undefined, string], Loaded>(this, {
    task: async ([site, apiBase, query], { signal }) => {
      const slug = (site ?? '').trim();
      if (!slug) return initialState;
      const base = resolveApiBase(apiBase);
      const path = `api/v1/public/sites/${encodeURIComponent(slug)}/presentations${query ? `?${query}` : ''}`;
      const [info, list] = await Promise.all([
        fetchSite(slug, base, signal).catch(() => undefined),
        getJson<{ items: PresentationSummary[] }>(path, { base, signal }),
      ]);
      return {
        key: `${slug}?${query}`,
        slug,
        site: info,
        items: Array.isArray(list.items) ? list.items : [],
      };
    },
    args: () => [this.site, this.apiBase, this.query],
    onComplete: ({ slug, items }) => {
      this._loaded = { site: slug, count: Math.min(items.length, this.effectiveLimit) };
    },
    onError: (error) => {
      emit<XzErrorDetail>(
        this,
        'xz-error',
        errorDetail(this.site, error, PRESENTATION_LIST_FALLBACK_ERROR_MESSAGE),
      );
    },
  });

  constructor() {
    super();
    this.site = '';
    this.mode = undefined;
    this.from = undefined;
    this.to = undefined;
    this.days = undefined;
    this.q = undefined;
    this.limit = DEFAULT_PRESENTATION_LIMIT;
    this.apiBase = undefined;
  }

  private get query(): string {
    return presentationQuery(this);
  }

  private get effectiveLimit(): number {
    const n = Math.floor(Number(this.limit));
    return Number.isFinite(n) && n >= 1 ? Math.min(n, 50) : DEFAULT_PRESENTATION_LIMIT;
  }

  override updated(): void {
    const loaded = this._loaded;
    if (!loaded) return;
    this._loaded = undefined;
    emit<XzPresentationsLoadedDetail>(this, 'xz-presentations-loaded', loaded);
  }

  override render(): unknown {
    const task = this._task;
    if (task.status === TaskStatus.INITIAL) return nothing;
    const key = `${(this.site ?? '').trim()}?${this.query}`;
    const loaded = task.value?.key === key ? task.value : undefined;
    const siteUrl = safeHttpUrl(loaded?.site?.url);
    const busy = task.status === TaskStatus.PENDING || (!loaded && task.status !== TaskStatus.ERROR);
    let body: unknown;
    if (task.status === TaskStatus.ERROR) {
      body = html`<p class="error" part="error" role="alert">
        ${errorMessage(task.error, PRESENTATION_LIST_FALLBACK_ERROR_MESSAGE)}
      </p>`;
    } else if (!loaded) {
      body = html`<p class="status" part="loading" role="status">加载中…</p>`;
    } else if (loaded.items.length === 0) {
      body = html`<p class="empty" part="empty">近期没有宣讲会</p>`;
    } else {
      body = html`<ul class="list" part="list" role="list">
        ${loaded.items.slice(0, this.effectiveLimit).map((p) => html`<li>${this.renderSession(p)}</li>`)}
      </ul>`;
    }
    const more = sitePageUrl(siteUrl, 'presentations');
    const feed = loaded
      ? safeHttpUrl(
          new URL(
            `api/v1/public/sites/${encodeURIComponent(loaded.slug)}/presentations.ics`,
            resolveApiBase(this.apiBase),
          ).href,
        )
      : undefined;
    return html`
      <div
        class="wrapper"
        part="base"
        aria-busy=${busy ? 'true' : 'false'}
        style=${styleMap(paletteStyle(loaded?.site?.theme))}
      >
        ${body}
        ${
          loaded && (more || feed)
            ? html`<div class="footer">
                ${feed ? html`<a part="calendar" href=${feed}>订阅日历</a>` : nothing}
                ${
                  more
                    ? html`<a class="more" part="more" href=${more}
                        >全部宣讲会<span aria-hidden="true"> ›</span></a
                      >`
                    : nothing
                }
              </div>`
            : nothing
        }
      </div>
    `;
  }

  private renderSession(p: PresentationSummary): TemplateResult {
    const href = safeHttpUrl(p.url);
    return html`
      <article part="item" data-mode=${p.mode}>
        <h3 class="title" part="title">${href ? html`<a href=${href}>${p.title}</a>` : p.title}</h3>
        <span class="badge ${p.mode === 'online' ? 'online' : ''}" part="mode"
          >${MODE_LABELS[p.mode] ?? ''}</span
        >
        <p class="employer" part="employer">${p.employer?.name ?? ''}</p>
        <p class="meta" part="meta">
          <span><span class="visually-hidden">时间</span>${sessionTime(p.startsAt, p.endsAt)}</span>
          <span><span class="visually-hidden">地点</span>${placeText(p)}</span>
        </p>
      </article>
    `;
  }

  /** Current loading state, handy for tests. */
  get status(): LoadStatus {
    return loadStatus(this._task);
  }
}

const TAG = 'xz-presentation-list';
if (!customElements.get(TAG)) customElements.define(TAG, XzPresentationList);

declare global {
  interface HTMLElementTagNameMap {
    'xz-presentation-list': XzPresentationList;
  }
  interface HTMLElementEventMap {
    'xz-presentations-loaded': CustomEvent<XzPresentationsLoadedDetail>;
  }
}
