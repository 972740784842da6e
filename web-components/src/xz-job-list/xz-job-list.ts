import {
  LitElement,
  html,
  nothing,
  type PropertyDeclarations,
  type PropertyValues,
  type TemplateResult,
} from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { Task, TaskStatus, initialState } from '@lit/task';
import { loadStatus, type LoadStatus } from '../task.js';

import { ApiError, getJson, resolveApiBase } from '../api.js';
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
import { formatDate, formatSalary, validUntil } from '../format.js';
import { baseStyles, paletteStyle } from '../theme.js';
import { jobListStyles } from './xz-job-list.styles.js';

/** One job of `GET /api/v1/public/sites/{site}/jobs`. */
export interface JobSummary {
  id: number;
  title: string;
  category?: string;
  employer?: { id?: number; name?: string };
  headcount?: number;
  salaryMin?: number;
  salaryMax?: number;
  cities?: string[];
  cityNames?: string[];
  degree?: string;
  majors?: string[];
  expiresOn?: string;
  publishedAt?: string;
  /** The job's detail page on the school's own site. */
  url?: string;
}

/** `GET /api/v1/public/sites/{site}/jobs` response. */
export interface JobListResponse {
  items: JobSummary[];
  total: number;
  /** The platform stops counting at 1000: `total` is then a lower bound. */
  totalIsCapped?: boolean;
  page: number;
  pageSize: number;
}

/** `detail` of the `xz-jobs-loaded` event. */
export interface XzJobsLoadedDetail {
  /** Slug of the school site. */
  site: string;
  page: number;
  total: number;
}

/** `detail` of the `xz-page-change` event. */
export interface XzPageChangeDetail {
  page: number;
}

/** Shown when the API gives no message of its own (network failure, CORS, 5xx without body…). */
export const JOB_LIST_FALLBACK_ERROR_MESSAGE = '无法加载职位信息';

export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 100;
/** The API serves pages 1…500. */
export const MAX_PAGE = 500;

export { formatDate, formatSalary };

function intIn(value: unknown, min: number, max: number, fallback: number): number {
  const n = Math.floor(Number(value));
  return Number.isFinite(n) && n >= min ? Math.min(n, max) : fallback;
}

/** Up to 7 slots: 1 … 4 5 6 … 12 (0 is a gap). */
function pageSlots(current: number, last: number): number[] {
  if (last <= 7) return Array.from({ length: last }, (_, i) => i + 1);
  const from = Math.min(Math.max(2, current - 1), last - 4);
  const to = Math.max(Math.min(last - 1, current + 1), 5);
  const slots = [1];
  if (from > 2) slots.push(0);
  for (let p = from; p <= to; p += 1) slots.push(p);
  if (to < last - 1) slots.push(0);
  slots.push(last);
  return slots;
}

/** Properties whose change starts again at page 1. */
const FILTERS = ['site', 'q', 'city', 'degree', 'category', 'pageSize', 'apiBase'] as const;

type Query = [site: string, apiBase: string | undefined, filters: string, pageSize: number, page: number];

interface Loaded {
  /** `site|apiBase|filters|pageSize` the data was loaded for (stale data of another query is never shown). */
  key: string;
  slug: string;
  page: number;
  jobs: JobListResponse;
}

function queryKey(slug: string, apiBase: string | undefined, filters: string, pageSize: number): string {
  return [slug, apiBase ?? '', filters, pageSize].join('|');
}

/**
 * The latest jobs published on one school's site of the xiaozhao (校招网络)
 * platform, with filters and pagination; each title links to the job's detail
 * page on the school's own site.
 *
 * ```html
 * <script type="module" src="https://<platform>/widgets/v1/xiaozhao.js"></script>
 * <xz-job-list site="nju" page-size="5"></xz-job-list>
 * <noscript><a href="https://<school>/jobs">查看招聘职位</a></noscript>
 * ```
 *
 * The list renders nothing without JavaScript: embedders should put
 * `<noscript><a href="https://<school>/jobs">查看招聘职位</a></noscript>` next to it.
 *
 * Data: `GET {api-base}/api/v1/public/sites/{site}/jobs?q=&city=&degree=&category=&page=&pageSize=`
 * and, for the palette and the "更多职位" link, `GET {api-base}/api/v1/public/sites/{site}`.
 * The API base defaults to the origin serving the script.
 *
 * Changing any attribute re-fetches; changing a filter (or `site`, `page-size`,
 * `api-base`) goes back to page 1. The page is the `page` property (from 1); it
 * has no attribute.
 *
 * Theming, from strongest to weakest:
 * 1. global tokens `--xz-color-*`, `--xz-font-family`, `--xz-radius` set by the page;
 * 2. the school site's own palette (`theme.settings` from the API);
 * 3. built-in defaults.
 * Layout is tuned by the `--xz-job-list-*` properties on the element itself,
 * and every visible piece is exposed with `::part()`.
 *
 * @element xz-job-list
 *
 * @attr {string} site - Slug of the school site (e.g. `nju`). Required. Reflected.
 * @attr {string} q - Keyword matched against job titles and employer names (≤ 40 characters). Reflected.
 * @attr {string} city - Region code of a work city, e.g. `320100` (南京市). Reflected.
 * @attr {string} degree - The graduate's degree, `大专`, `本科`, `硕士` or `博士`: jobs open to it (学历不限 and
 *   requirements up to it); `不限` lists only jobs asking for no degree. Reflected.
 * @attr {string} category - Job category, e.g. `技术研发`. Reflected.
 * @attr {number} page-size - Jobs per page, 1–100. Default `10`.
 * @attr {string} api-base - Optional platform base URL overriding the script's origin.
 *
 * @fires xz-jobs-loaded - `CustomEvent<{ site, page, total }>` after a page of jobs was loaded and rendered. Bubbles, composed.
 * @fires xz-page-change - `CustomEvent<{ page }>` when the user picks another page (not when a filter resets it). Bubbles, composed.
 * @fires xz-error - `CustomEvent<{ slug, status, code, message }>` when loading failed. Bubbles, composed.
 *
 * @csspart base - The themed wrapper around everything.
 * @csspart count - The "共 57 个职位" line.
 * @csspart loading - The "加载中…" message (first load; later loads keep the old page, dimmed).
 * @csspart list - The `<ul>` of jobs.
 * @csspart item - One job (`<article>`).
 * @csspart title - The job title (heading with the link).
 * @csspart salary - The salary, e.g. `8k-15k/月` or `面议`.
 * @csspart employer - The employer's name.
 * @csspart meta - Cities, degree, headcount, publish date and 有效期至.
 * @csspart empty - The "暂无职位" message.
 * @csspart error - The error message.
 * @csspart retry - The "重试" button after a network or server error.
 * @csspart pagination - The `<nav>` with the page buttons.
 * @csspart button - Every pagination button; also `prev`, `next`, `page`, and `current` on the current page.
 * @csspart page-info - The "第 n / m 页" text.
 * @csspart more - The "更多职位" link to the school's job page.
 *
 * @cssproperty --xz-color-primary - Global token: primary colour (titles, links, buttons, top border). Overrides the site palette.
 * @cssproperty --xz-color-secondary - Global token: secondary colour (count, meta line).
 * @cssproperty --xz-color-accent - Global token: accent colour (salary, mixed with the text colour for contrast).
 * @cssproperty --xz-color-bg - Global token: background.
 * @cssproperty --xz-color-text - Global token: text colour.
 * @cssproperty --xz-font-family - Global token: font stack.
 * @cssproperty --xz-radius - Global token: corner radius. Default `8px`.
 * @cssproperty --xz-job-list-max-width - Maximum width. Default `none`.
 * @cssproperty --xz-job-list-padding - Padding. Default `1rem 1.25rem`.
 * @cssproperty --xz-job-list-border - Border. Default a 1px border derived from the text colour.
 * @cssproperty --xz-job-list-accent-border - Top border. Default `4px solid <primary>`.
 * @cssproperty --xz-job-list-shadow - Shadow.
 * @cssproperty --xz-job-list-divider - Line between jobs and above the pagination.
 * @cssproperty --xz-job-list-item-padding - Padding of one job. Default `0.75rem 0`.
 * @cssproperty --xz-job-list-title-size - Font size of job titles. Default `1.0625rem`.
 * @cssproperty --xz-job-list-salary-color - Salary colour. Default the accent mixed 70/30 with the text colour.
 * @cssproperty --xz-job-list-current-color - Text colour of the current page button. Default `#fff`.
 * @cssproperty --xz-job-list-error-color - Error text colour. Default `#b42318`.
 */
export class XzJobList extends LitElement {
  static override properties: PropertyDeclarations = {
    site: { type: String, reflect: true },
    q: { type: String, reflect: true },
    city: { type: String, reflect: true },
    degree: { type: String, reflect: true },
    category: { type: String, reflect: true },
    pageSize: { type: Number, attribute: 'page-size' },
    apiBase: { type: String, attribute: 'api-base' },
    page: { type: Number, attribute: false },
  };

  static override styles = [baseStyles, jobListStyles];

  /** Slug of the school site (e.g. `nju`). */
  declare site: string;
  /** Keyword filter (title or employer name). */
  declare q: string | undefined;
  /** Region code of a work city (e.g. `320100`). */
  declare city: string | undefined;
  /** Degree filter (`不限` `大专` `本科` `硕士` `博士`). */
  declare degree: string | undefined;
  /** Job category filter (e.g. `技术研发`). */
  declare category: string | undefined;
  /** Jobs per page, 1–100 (default 10). */
  declare pageSize: number;
  /** Platform base URL; defaults to the origin serving the script. */
  declare apiBase: string | undefined;
  /** Current page, from 1; reset to 1 when a filter changes. */
  declare page: number;

  /** Last site info loaded, for the palette while loading or after an error. */
  private _site: SiteInfo | undefined;
  /** Set when a page completed; `xz-jobs-loaded` is fired once the DOM shows it. */
  private _loaded: XzJobsLoadedDetail | undefined;
  /** The user paged: bring the top of the list into view once the new page is shown. */
  private _reveal = false;

  private readonly _jobsTask = new Task<Query, Loaded>(this, {
    task: async ([site, apiBase, filters, pageSize, page], { signal }) => {
      const slug = (site ?? '').trim();
      if (!slug) return initialState;
      const base = resolveApiBase(apiBase);
      const query = new URLSearchParams(filters);
      query.set('page', String(page));
      query.set('pageSize', String(pageSize));
      const [, jobs] = await Promise.all([
        // Colours as soon as they are known (also for the loading state). The list works without them:
        // a failed site request only loses the palette and the "更多职位" link.
        fetchSite(slug, base, signal).then(
          (info) => {
            this._site = info;
            this.requestUpdate();
          },
          () => undefined,
        ),
        getJson<JobListResponse>(`api/v1/public/sites/${encodeURIComponent(slug)}/jobs?${query}`, {
          base,
          signal,
        }),
      ]);
      return { key: queryKey(slug, apiBase, filters, pageSize), slug, page, jobs };
    },
    args: () => [this.slug, this.apiBase, this.filterQuery(), this.effectivePageSize, this.effectivePage],
    onComplete: ({ slug, page, jobs }) => {
      this._loaded = { site: slug, page, total: Number(jobs.total) || 0 };
    },
    onError: (error) => {
      emit<XzErrorDetail>(this, 'xz-error', errorDetail(this.slug, error, JOB_LIST_FALLBACK_ERROR_MESSAGE));
    },
  });

  constructor() {
    super();
    this.site = '';
    this.q = undefined;
    this.city = undefined;
    this.degree = undefined;
    this.category = undefined;
    this.pageSize = DEFAULT_PAGE_SIZE;
    this.apiBase = undefined;
    this.page = 1;
  }

  private get effectivePageSize(): number {
    return intIn(this.pageSize, 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE);
  }

  private get effectivePage(): number {
    return intIn(this.page, 1, MAX_PAGE, 1);
  }

  /** `q=…&city=…` with only the filters that are set. */
  private filterQuery(): string {
    const query = new URLSearchParams();
    for (const name of ['q', 'city', 'degree', 'category'] as const) {
      const value = this[name]?.trim();
      if (value) query.set(name, value);
    }
    return query.toString();
  }

  private get slug(): string {
    return (this.site ?? '').trim();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (this.hasUpdated && FILTERS.some((name) => changed.has(name))) this.page = 1;
  }

  override updated(): void {
    const loaded = this._loaded;
    if (!loaded) return;
    this._loaded = undefined;
    if (this._reveal) {
      this._reveal = false;
      if (this.getBoundingClientRect().top < 0) this.scrollIntoView({ block: 'start' });
    }
    emit<XzJobsLoadedDetail>(this, 'xz-jobs-loaded', loaded);
  }

  private async goTo(page: number): Promise<void> {
    if (page === this.effectivePage) return;
    this.page = page;
    this._reveal = true;
    emit<XzPageChangeDetail>(this, 'xz-page-change', { page });
    await this.updateComplete;
    // The button that was pressed may now be disabled (first / last page): keep focus in the pagination.
    const active = this.shadowRoot?.activeElement as HTMLButtonElement | null | undefined;
    if (!active || active.disabled) {
      this.renderRoot.querySelector<HTMLElement>('button[aria-current="page"]')?.focus();
    }
  }

  override render(): unknown {
    const task = this._jobsTask;
    if (task.status === TaskStatus.INITIAL) return nothing;
    const pending = task.status === TaskStatus.PENDING;
    const slug = this.slug;
    const site = this._site?.slug === slug ? this._site : undefined;
    const key = queryKey(slug, this.apiBase, this.filterQuery(), this.effectivePageSize);
    const loaded = task.value?.key === key ? task.value : undefined;
    const more = site && safeHttpUrl(site.url);

    let body: unknown;
    if (task.status === TaskStatus.ERROR) {
      const error = task.error;
      const retry = !(error instanceof ApiError) || error.status === 0 || error.status >= 500;
      body = html`
        <p class="error" part="error" role="alert">${errorMessage(error, JOB_LIST_FALLBACK_ERROR_MESSAGE)}</p>
        ${
          retry
            ? html`<button type="button" class="retry" part="retry" @click=${() => void task.run()}>
                重试
              </button>`
            : nothing
        }
      `;
    } else if (loaded) {
      body = this.renderJobs(loaded.jobs, pending);
    } else {
      body = html`<p class="status" part="loading" role="status">加载中…</p>`;
    }

    return html`
      <div
        class="wrapper"
        part="base"
        aria-busy=${pending ? 'true' : 'false'}
        style=${styleMap(paletteStyle(site?.theme))}
      >
        ${body}
        ${
          more
            ? html`<div class="footer">
                <a
                  class="more"
                  part="more"
                  href=${new URL('jobs', more.endsWith('/') ? more : `${more}/`).href}
                  >更多职位<span aria-hidden="true"> ›</span></a
                >
              </div>`
            : nothing
        }
      </div>
    `;
  }

  private renderJobs(jobs: JobListResponse, pending: boolean): TemplateResult {
    const items = Array.isArray(jobs.items) ? jobs.items : [];
    const total = Number(jobs.total) || 0;
    const page = this.effectivePage;
    const last = Math.min(Math.max(1, Math.ceil(total / this.effectivePageSize)), MAX_PAGE);
    const count = `共 ${jobs.totalIsCapped ? `${total}+` : total} 个职位`;
    return html`
      <p class="count" part="count" aria-live="polite">${count}</p>
      ${
        items.length
          ? html`<ul class="list" part="list" role="list" aria-busy=${pending ? 'true' : 'false'}>
              ${items.map((job) => html`<li>${this.renderJob(job)}</li>`)}
            </ul>`
          : html`<p class="empty" part="empty">暂无职位</p>`
      }
      ${last > 1 || page > 1 ? this.renderPagination(page, Math.max(last, page)) : nothing}
    `;
  }

  private renderJob(job: JobSummary): TemplateResult {
    const href = safeHttpUrl(job.url);
    const cities = Array.isArray(job.cityNames) ? job.cityNames.filter(nonEmpty) : [];
    const place =
      cities.length > 3 ? `${cities.slice(0, 3).join('、')}等${cities.length}地` : cities.join('、');
    const degree = nonEmpty(job.degree);
    const headcount = Number(job.headcount) > 0 ? job.headcount : undefined;
    const date = formatDate(job.publishedAt);
    const until = validUntil(job.expiresOn);
    const employer = nonEmpty(job.employer?.name);
    return html`
      <article part="item">
        <h3 class="title" part="title">${href ? html`<a href=${href}>${job.title}</a>` : job.title}</h3>
        <span class="salary" part="salary">${formatSalary(job.salaryMin, job.salaryMax)}</span>
        ${employer ? html`<p class="employer" part="employer">${employer}</p>` : nothing}
        <p class="meta" part="meta">
          ${place ? html`<span>${place}</span>` : nothing}
          ${degree ? html`<span>${degree === '不限' ? '学历不限' : degree}</span>` : nothing}
          ${headcount ? html`<span>招${headcount}人</span>` : nothing}
          ${
            date
              ? html`<span
                  ><span class="visually-hidden">发布于</span
                  ><time datetime=${job.publishedAt ?? ''}>${date}</time></span
                >`
              : nothing
          }
          ${until ? html`<span>有效期至 <time datetime=${until}>${until}</time></span>` : nothing}
        </p>
      </article>
    `;
  }

  private renderPagination(page: number, last: number): TemplateResult {
    return html`
      <nav part="pagination" aria-label="分页">
        <button type="button" part="button prev" ?disabled=${page <= 1} @click=${() => this.goTo(page - 1)}>
          上一页
        </button>
        <ol>
          ${pageSlots(page, last).map((p) =>
            p === 0
              ? html`<li class="gap" aria-hidden="true">…</li>`
              : html`<li>
                  <button
                    type="button"
                    part=${p === page ? 'button page current' : 'button page'}
                    aria-label=${`第 ${p} 页`}
                    aria-current=${p === page ? 'page' : nothing}
                    @click=${() => this.goTo(p)}
                  >
                    ${p}
                  </button>
                </li>`,
          )}
        </ol>
        <button
          type="button"
          part="button next"
          ?disabled=${page >= last}
          @click=${() => this.goTo(page + 1)}
        >
          下一页
        </button>
        <span class="page-info" part="page-info" aria-live="polite">第 ${page} / ${last} 页</span>
      </nav>
    `;
  }

  /** Current loading state (`'initial' | 'pending' | 'complete' | 'error'`), handy for tests. */
  get status(): LoadStatus {
    return loadStatus(this._jobsTask);
  }

  /** The last page of jobs loaded, if any. */
  get data(): JobListResponse | undefined {
    return this._jobsTask.value?.jobs;
  }
}

const TAG = 'xz-job-list';
if (!customElements.get(TAG)) customElements.define(TAG, XzJobList);

declare global {
  interface HTMLElementTagNameMap {
    'xz-job-list': XzJobList;
  }
  interface HTMLElementEventMap {
    'xz-jobs-loaded': CustomEvent<XzJobsLoadedDetail>;
    'xz-page-change': CustomEvent<XzPageChangeDetail>;
  }
}
