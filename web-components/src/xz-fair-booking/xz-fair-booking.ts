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

import { ApiError, getJson, resolveApiBase, sendJson } from '../api.js';
import {
  BOOTH_LABELS,
  boothGrid,
  fairPageUrl,
  feeText,
  formatRange,
  SELECTION_LABELS,
  windowLabel,
  withSite,
  type Booth,
  type BoothEvent,
  type BoothState,
  type FairDetail,
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
import { fairBookingStyles } from './xz-fair-booking.styles.js';

/** `detail` of the `xz-fair-loaded` event. */
export interface XzFairLoadedDetail {
  fairId: number;
  site: string;
}

/** `detail` of the `xz-booth-change` event (a live state change pushed by the platform). */
export type XzBoothChangeDetail = BoothEvent;

/** `detail` of the `xz-booked` event. */
export interface XzBookedDetail {
  fairId: number;
  bookingId: number;
  boothId: number | null;
  status: string;
}

/** Shown when the API gives no message of its own (network failure, CORS, 5xx without body…). */
export const FAIR_BOOKING_FALLBACK_ERROR_MESSAGE = '无法加载招聘会信息';
export const MAX_ATTENDEES = 10;

/** An employer's job as `GET /api/v1/employer/jobs` lists it. */
interface EmployerJob {
  id: number;
  title: string;
  category?: string;
  expiresOn?: string;
  publicationCounts?: { approved?: number };
}

/** A booking as `GET /api/v1/employer/fair-bookings` lists it. */
interface BookingSummary {
  id: number;
  fair: { id: number };
  status: string;
  booth: { id: number; code?: string } | null;
}

interface Attendee {
  name: string;
  phone: string;
  title: string;
}

interface Session {
  token: string;
  employer: string;
  account: string;
}

type View = 'map' | 'login' | 'form' | 'done';
type Tone = 'error' | 'info' | 'success';

interface Loaded {
  fair: FairDetail;
  site: SiteInfo | undefined;
  base: string;
}

const STATUS_LABELS: Record<string, string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '未通过',
  cancelled: '已取消',
};
const PHONE = /^1[3-9]\d{9}$/;
const RETRY_MS = [3_000, 10_000, 30_000];

function validId(value: unknown): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

const blankAttendee = (): Attendee => ({ name: '', phone: '', title: '' });

/** Venues and booths (ids, names, codes, positions) without their states. */
function layoutKey(fair: FairDetail | undefined): string {
  return JSON.stringify(
    (fair?.venues ?? []).map((v) => [v.id, v.name, v.booths.map((b) => [b.id, b.code, b.x, b.y])]),
  );
}

/**
 * One job fair (招聘会) of the xiaozhao (校招网络) platform with its booth map (展位图): venue tabs, every booth's
 * state kept live over Server-Sent Events, a legend, and booking inside the element for an employer who signs in
 * with the phone and password of the employer centre (单位中心). The sign-in token is kept in memory only: it is
 * never written to storage or cookies, and it is gone when the page is closed.
 *
 * ```html
 * <script type="module" src="https://<platform>/widgets/v1/xiaozhao.js"></script>
 * <xz-fair-booking site="nju" fair="12"></xz-fair-booking>
 * <noscript><a href="https://<school>/fairs/12">查看招聘会展位图</a></noscript>
 * ```
 *
 * `site` names the fair's school site. Every call carries it as `?site=` so that the platform's CORS allows the
 * school's own website (its widget origins, set in 站点设置); without `fair`, the element shows that site's next
 * fair. On the platform's own pages `fair` alone is enough.
 *
 * Data: `GET /api/v1/public/fairs/{fair}`, live `GET /api/v1/public/fairs/{fair}/events` (EventSource: `booth`
 * events change one booth's state; on a `layout` event — the school added, renamed or removed venues or booths — and
 * after every reconnection the fair is read again), `GET /api/v1/public/sites/{site}` for the palette; when signed in
 * `POST /api/v1/auth/login`, `GET /api/v1/employer/jobs?tab=active&pageSize=100` (jobs approved on at least one
 * site), `GET /api/v1/employer/fair-bookings` and `POST /api/v1/employer/fair-bookings` with
 * `Authorization: Bearer`. Errors are shown in the platform's own Chinese words.
 *
 * Theming, from strongest to weakest: global tokens `--xz-color-*`, `--xz-font-family`, `--xz-radius` set by the
 * page; the school site's own palette; built-in defaults. Booth colours and layout are tuned by the
 * `--xz-fair-booking-*` properties, and every visible piece is exposed with `::part()`.
 *
 * @element xz-fair-booking
 *
 * @attr {number} fair - Id of the fair. Reflected. Optional when `site` is given (the site's next fair is shown).
 * @attr {string} site - Slug of the fair's school site (e.g. `nju`), sent with every call. Reflected.
 * @attr {string} api-base - Optional platform base URL overriding the script's origin.
 *
 * @fires xz-fair-loaded - `CustomEvent<{ fairId, site }>` once the fair and its booths are shown. Bubbles, composed.
 * @fires xz-booth-change - `CustomEvent<{ fairId, boothId, venueId, code, state }>` for every live state change. Bubbles, composed.
 * @fires xz-booked - `CustomEvent<{ fairId, bookingId, boothId, status }>` after a booking was submitted. Bubbles, composed.
 * @fires xz-error - `CustomEvent<{ slug, status, code, message }>` when the fair could not be loaded. Bubbles, composed.
 *
 * @csspart base - The themed wrapper around everything.
 * @csspart header - Title and facts of the fair.
 * @csspart title - The fair's title.
 * @csspart meta - Time, booking window, booth selection and fee.
 * @csspart tabs - The venue (分会场) tab list; each tab is `tab`, the selected one also `tab-selected`.
 * @csspart legend - The colour legend.
 * @csspart live - The live-connection indicator (实时更新 / 正在连接…).
 * @csspart map - The grid of booths of the selected venue.
 * @csspart booth - Every booth; also `booth-free`, `booth-held`, `booth-taken`, and `booth-selected`.
 * @csspart panel - The booking panel below the map (sign-in, form, result).
 * @csspart button - Every button of the panel; the main one also `primary`.
 * @csspart input - Every text input of the panel.
 * @csspart message - A message of the panel (also `error`, `info` or `success`).
 * @csspart loading - The "加载中…" message.
 * @csspart error - The error message when the fair could not be loaded.
 * @csspart page-link - The link to the fair's page on the school's site.
 *
 * @cssproperty --xz-color-primary - Global token: primary colour (title, tabs, buttons).
 * @cssproperty --xz-color-secondary - Global token: secondary colour (meta line, legend).
 * @cssproperty --xz-color-accent - Global token: accent colour (focus ring, selected booth).
 * @cssproperty --xz-color-bg - Global token: background.
 * @cssproperty --xz-color-text - Global token: text colour.
 * @cssproperty --xz-font-family - Global token: font stack.
 * @cssproperty --xz-radius - Global token: corner radius. Default `8px`.
 * @cssproperty --xz-fair-booking-max-width - Maximum width. Default `none`.
 * @cssproperty --xz-fair-booking-padding - Padding. Default `1rem 1.25rem`.
 * @cssproperty --xz-fair-booking-border - Border. Default a 1px border derived from the text colour.
 * @cssproperty --xz-fair-booking-accent-border - Top border. Default `4px solid <primary>`.
 * @cssproperty --xz-fair-booking-booth-size - Minimum width of a booth. Default `4.5rem`.
 * @cssproperty --xz-fair-booking-free-color - Free booths: text and border. Default `#1a7f37`.
 * @cssproperty --xz-fair-booking-free-bg - Free booths: fill. Default `#e9f6ec`.
 * @cssproperty --xz-fair-booking-held-color - Held (待审核) booths: text and border. Default `#9a5b00`.
 * @cssproperty --xz-fair-booking-held-bg - Held booths: fill. Default `#fff4dc`.
 * @cssproperty --xz-fair-booking-taken-color - Taken (已预定) booths: text and border. Default `#57606a`.
 * @cssproperty --xz-fair-booking-taken-bg - Taken booths: fill. Default `#eef0f2`.
 * @cssproperty --xz-fair-booking-error-color - Error text colour. Default `#b42318`.
 */
export class XzFairBooking extends LitElement {
  static override properties: PropertyDeclarations = {
    fair: { type: Number, reflect: true },
    site: { type: String, reflect: true },
    apiBase: { type: String, attribute: 'api-base' },
    _venueId: { state: true },
    _view: { state: true },
    _boothId: { state: true },
    _session: { state: true },
    _jobs: { state: true },
    _jobIds: { state: true },
    _attendees: { state: true },
    _busy: { state: true },
    _message: { state: true },
    _errors: { state: true },
    _mine: { state: true },
    _live: { state: true },
    _done: { state: true },
  };

  static override styles = [baseStyles, fairBookingStyles];

  /** Id of the fair. */
  declare fair: number | undefined;
  /** Slug of the fair's school site, sent as `?site=` with every call. */
  declare site: string;
  /** Platform base URL; defaults to the origin serving the script. */
  declare apiBase: string | undefined;

  declare private _venueId: number | undefined;
  declare private _view: View;
  declare private _boothId: number | undefined;
  declare private _session: Session | undefined;
  declare private _jobs: EmployerJob[] | undefined;
  declare private _jobIds: number[];
  declare private _attendees: Attendee[];
  declare private _busy: boolean;
  declare private _message: { tone: Tone; text: string } | undefined;
  declare private _errors: Record<string, string>;
  declare private _mine: BookingSummary | undefined;
  declare private _live: 'connecting' | 'open' | 'closed';
  declare private _done: { id: number; booth: string | null } | undefined;

  /** The fair as loaded, with live booth states applied. */
  private _fair: FairDetail | undefined;
  private _siteInfo: SiteInfo | undefined;
  private _base = '';
  private _source: EventSource | undefined;
  private _retry = 0;
  private _retryTimer: ReturnType<typeof setTimeout> | undefined;
  private _focus: string | undefined;
  private _announce: XzFairLoadedDetail | undefined;

  private readonly _task = new Task<[number | undefined, string, string | undefined], Loaded>(this, {
    task: async ([fairAttr, siteAttr, apiBase], { signal }) => {
      const slug = (siteAttr ?? '').trim();
      let id = validId(fairAttr);
      if (!id && !slug) return initialState;
      const base = resolveApiBase(apiBase);
      if (!id) {
        const list = await getJson<{ items: FairSummary[] }>(
          `api/v1/public/sites/${encodeURIComponent(slug)}/fairs`,
          { base, signal },
        );
        id = Array.isArray(list.items) ? list.items[0]?.id : undefined;
        if (!id) throw new ApiError(404, 'NO_FAIR', 'no upcoming fair', '近期没有招聘会');
      }
      const fair = await getJson<FairDetail>(withSite(`api/v1/public/fairs/${id}`, slug), { base, signal });
      if (slug && fair.site?.slug !== slug)
        throw new ApiError(404, 'NOT_FOUND', 'fair of another site', '该招聘会不是本站举办的招聘会');
      const site = await fetchSite(fair.site.slug, base, signal).catch(() => undefined);
      return { fair, site, base };
    },
    args: () => [this.fair, this.site, this.apiBase],
    onComplete: ({ fair, site, base }) => {
      this._fair = structuredClone(fair);
      this._siteInfo = site;
      this._base = base;
      if (!fair.venues.some((v) => v.id === this._venueId)) this._venueId = fair.venues[0]?.id;
      this.resetBooking();
      this._announce = { fairId: fair.id, site: fair.site.slug };
      this.connect();
      if (this._session) void this.loadEmployerData();
    },
    onError: (error) => {
      this.disconnect();
      this._fair = undefined;
      emit<XzErrorDetail>(
        this,
        'xz-error',
        errorDetail(this.site, error, FAIR_BOOKING_FALLBACK_ERROR_MESSAGE),
      );
    },
  });

  constructor() {
    super();
    this.fair = undefined;
    this.site = '';
    this.apiBase = undefined;
    this._venueId = undefined;
    this._view = 'map';
    this._boothId = undefined;
    this._session = undefined;
    this._jobs = undefined;
    this._jobIds = [];
    this._attendees = [blankAttendee()];
    this._busy = false;
    this._message = undefined;
    this._errors = {};
    this._mine = undefined;
    this._live = 'connecting';
    this._done = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this._fair && !this._source) this.connect();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.disconnect();
  }

  // ---- live states ------------------------------------------------------------------------------------------

  private get slug(): string {
    return this._fair?.site.slug ?? (this.site ?? '').trim();
  }

  private connect(): void {
    this.disconnect();
    const fair = this._fair;
    if (!fair || !this.isConnected || typeof EventSource === 'undefined') return;
    const url = new URL(withSite(`api/v1/public/fairs/${fair.id}/events`, this.slug), this._base);
    const source = new EventSource(url.href);
    this._source = source;
    this._live = 'connecting';
    source.addEventListener('open', () => {
      this._live = 'open';
      this._retry = 0;
      // Changes made while (re)connecting are not replayed: read the states once more.
      void this.resync();
    });
    source.addEventListener('error', () => {
      if (source.readyState !== EventSource.CLOSED) {
        this._live = 'connecting';
        return;
      }
      // Closed for good (e.g. refused): try again later with a fresh connection.
      this._live = 'closed';
      const delay = RETRY_MS[Math.min(this._retry, RETRY_MS.length - 1)]!;
      this._retry += 1;
      this._retryTimer = setTimeout(() => this.connect(), delay);
    });
    source.addEventListener('booth', (event) => {
      try {
        this.applyBooth(JSON.parse((event as MessageEvent<string>).data) as BoothEvent);
      } catch {
        /* a malformed event changes nothing */
      }
    });
    // Venues or booths were added, renamed or removed: read the fair again.
    source.addEventListener('layout', () => void this.resync());
  }

  private disconnect(): void {
    clearTimeout(this._retryTimer);
    this._retryTimer = undefined;
    this._source?.close();
    this._source = undefined;
  }

  private findBooth(id: number | undefined): { booth: Booth; venue: string } | undefined {
    for (const venue of this._fair?.venues ?? []) {
      const booth = venue.booths.find((b) => b.id === id);
      if (booth) return { booth, venue: venue.name };
    }
    return undefined;
  }

  private applyBooth(event: BoothEvent): void {
    if (!this._fair || event.fairId !== this._fair.id) return;
    const found = this.findBooth(event.boothId);
    if (!found || !(event.state in BOOTH_LABELS)) return;
    const { booth } = found;
    if (booth.state === event.state) return;
    booth.state = event.state;
    if (event.state !== 'taken') booth.employer = null;
    if (event.boothId === this._boothId && event.state !== 'free' && !this._done && !this._busy) {
      this._message = {
        tone: 'error',
        text: `展位 ${booth.code} 刚刚被其他单位预定，请重新选择空闲展位。`,
      };
      if (this._view === 'form' || this._view === 'login') this._boothId = undefined;
      if (this._view === 'form') this._view = 'map';
    }
    this.requestUpdate();
    emit<XzBoothChangeDetail>(this, 'xz-booth-change', event);
  }

  private async resync(): Promise<void> {
    const fair = this._fair;
    if (!fair) return;
    try {
      const fresh = await getJson<FairDetail>(withSite(`api/v1/public/fairs/${fair.id}`, this.slug), {
        base: this._base,
      });
      if (this._fair?.id !== fresh.id) return;
      if (layoutKey(fresh) !== layoutKey(this._fair)) this.adoptLayout(fresh);
      for (const venue of fresh.venues)
        for (const booth of venue.booths)
          this.applyBooth({
            fairId: fresh.id,
            boothId: booth.id,
            venueId: venue.id,
            code: booth.code,
            state: booth.state,
          });
      for (const venue of fresh.venues)
        for (const b of venue.booths) {
          const mine = this.findBooth(b.id);
          if (mine) mine.booth.employer = b.employer ?? null;
        }
      this.requestUpdate();
    } catch {
      /* the next reconnection tries again */
    }
  }

  /**
   * Takes the venues and booths of `fresh`, keeping the states known so far (the caller applies the fresh states, so
   * `xz-booth-change` still fires for each change). A chosen booth that no longer exists is let go.
   */
  private adoptLayout(fresh: FairDetail): void {
    const known = new Map((this._fair?.venues ?? []).flatMap((v) => v.booths).map((b) => [b.id, b] as const));
    const next = structuredClone(fresh);
    for (const venue of next.venues)
      for (const booth of venue.booths) {
        const old = known.get(booth.id);
        if (old) {
          booth.state = old.state;
          booth.employer = old.employer;
        }
      }
    this._fair = next;
    if (!next.venues.some((v) => v.id === this._venueId)) this._venueId = next.venues[0]?.id;
    if (this._boothId !== undefined && !this.findBooth(this._boothId) && !this._done && !this._busy) {
      this._message = { tone: 'error', text: '所选展位已被主办方调整，请重新选择空闲展位。' };
      if (this._view === 'form' || this._view === 'login') this._boothId = undefined;
      if (this._view === 'form') this._view = 'map';
    }
  }

  // ---- booking ----------------------------------------------------------------------------------------------

  private resetBooking(): void {
    this._view = 'map';
    this._boothId = undefined;
    this._jobIds = [];
    this._attendees = [blankAttendee()];
    this._errors = {};
    this._message = undefined;
    this._done = undefined;
    this._mine = undefined;
  }

  private get atBooking(): boolean {
    return this._fair?.boothSelection === 'at_booking';
  }

  private get windowOpen(): boolean {
    return !!this._fair && windowLabel(this._fair).open;
  }

  /** Free booths may be picked: at-booking fair, window open, not booked already, not just submitted. */
  private get picking(): boolean {
    return this.atBooking && this.windowOpen && !this._mine && !this._done && !this._busy;
  }

  private pick(booth: Booth): void {
    if (!this.picking || booth.state !== 'free') return;
    this._boothId = booth.id;
    this._errors = {};
    this._message = undefined;
    this.open(this._session ? 'form' : 'login');
  }

  private open(view: View): void {
    this._view = view;
    this._focus = view === 'login' ? 'phone' : view === 'form' ? 'jobs' : view === 'map' ? 'map' : 'done';
  }

  private api<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    return sendJson<T>(method, withSite(path, this.slug), {
      base: this._base,
      token: this._session?.token,
      body,
    });
  }

  /** An expired or revoked token: back to the sign-in form. */
  private expired(err: unknown): boolean {
    if (!(err instanceof ApiError) || err.status !== 401 || !this._session) return false;
    this._session = undefined;
    this._jobs = undefined;
    this._message = { tone: 'error', text: '登录已失效，请重新登录。' };
    this.open('login');
    return true;
  }

  private async signIn(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const phone = String(data.get('phone') ?? '').trim();
    const password = String(data.get('password') ?? '');
    const errors: Record<string, string> = {};
    if (!PHONE.test(phone)) errors.phone = '请输入 11 位手机号';
    if (!password) errors.password = '请输入密码';
    this._errors = errors;
    this._message = undefined;
    if (Object.keys(errors).length) return;
    this._busy = true;
    try {
      const result = await this.api<{
        token: string;
        account?: { name?: string };
        employer?: { name?: string };
      }>('POST', 'api/v1/auth/login', { phone, password });
      this._session = {
        token: result.token,
        employer: result.employer?.name ?? '',
        account: result.account?.name ?? '',
      };
      form.reset();
      await this.loadEmployerData();
      if (!this._session) return;
      if (this._mine) this.open('map');
      else this.open(this._boothId || !this.atBooking ? 'form' : 'map');
    } catch (err) {
      this._message = { tone: 'error', text: errorMessage(err, '登录失败，请稍后再试') };
    } finally {
      this._busy = false;
    }
  }

  private signOut(): void {
    this._session = undefined;
    this._jobs = undefined;
    this._mine = undefined;
    this._done = undefined;
    this._errors = {};
    this._message = { tone: 'info', text: '已退出登录。' };
    this.open('map');
  }

  private async loadEmployerData(): Promise<void> {
    const fairId = this._fair?.id;
    try {
      const [jobs, mine] = await Promise.all([
        this.api<{ items: EmployerJob[] }>('GET', 'api/v1/employer/jobs?tab=active&pageSize=100'),
        this.api<{ items: BookingSummary[] }>('GET', 'api/v1/employer/fair-bookings'),
      ]);
      this._jobs = (jobs.items ?? []).filter((j) => Number(j.publicationCounts?.approved) > 0);
      this._mine = (mine.items ?? []).find(
        (b) => b.fair?.id === fairId && (b.status === 'pending' || b.status === 'approved'),
      );
    } catch (err) {
      if (this.expired(err)) return;
      this._jobs = [];
      this._message = { tone: 'error', text: errorMessage(err, '无法读取贵单位的职位和预定，请稍后再试') };
    }
  }

  private toggleJob(id: number, checked: boolean): void {
    this._jobIds = checked ? [...new Set([...this._jobIds, id])] : this._jobIds.filter((j) => j !== id);
  }

  private setAttendee(index: number, field: keyof Attendee, value: string): void {
    this._attendees = this._attendees.map((a, i) => (i === index ? { ...a, [field]: value } : a));
  }

  private addAttendee(): void {
    if (this._attendees.length >= MAX_ATTENDEES) return;
    this._attendees = [...this._attendees, blankAttendee()];
    this._focus = `attendee-${this._attendees.length - 1}-name`;
  }

  private removeAttendee(index: number): void {
    this._attendees = this._attendees.filter((_, i) => i !== index);
    if (this._attendees.length === 0) this._attendees = [blankAttendee()];
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const fair = this._fair;
    if (!fair || !this._session) return;
    const rows = this._attendees
      .map((a, index) => ({ a, index }))
      .filter(({ a }) => a.name.trim() || a.phone.trim() || a.title.trim());
    const errors: Record<string, string> = {};
    if (this._jobIds.length === 0) errors.jobs = '请至少选择一个招聘职位';
    if (rows.length === 0) errors['attendee-0-name'] = '请至少填写一位参会人员';
    for (const { a, index } of rows) {
      if (a.name.trim().length < 2) errors[`attendee-${index}-name`] = '请填写姓名（2～20 字）';
      if (!PHONE.test(a.phone.trim())) errors[`attendee-${index}-phone`] = '手机号格式不正确';
    }
    if (this.atBooking && !this._boothId) {
      this._message = { tone: 'error', text: '请先在展位图中选择一个空闲展位。' };
      this.open('map');
      return;
    }
    this._errors = errors;
    this._message = Object.keys(errors).length
      ? { tone: 'error', text: '请修改标出的内容后再提交。' }
      : undefined;
    if (Object.keys(errors).length) return;
    this._busy = true;
    try {
      const booking = await this.api<{
        id: number;
        status: string;
        booth: { id: number; code?: string } | null;
      }>('POST', 'api/v1/employer/fair-bookings', {
        fairId: fair.id,
        boothId: this.atBooking ? this._boothId : null,
        jobIds: this._jobIds,
        attendees: rows.map(({ a }) => ({
          name: a.name.trim(),
          phone: a.phone.trim(),
          ...(a.title.trim() ? { title: a.title.trim() } : {}),
        })),
      });
      const found = this.findBooth(booking.booth?.id ?? undefined);
      this._done = { id: booking.id, booth: found ? `${found.venue} ${found.booth.code}` : null };
      this._mine = { id: booking.id, fair: { id: fair.id }, status: booking.status, booth: booking.booth };
      if (found && found.booth.state === 'free') {
        found.booth.state = 'held';
        this.requestUpdate();
      }
      this._message = undefined;
      this.open('done');
      emit<XzBookedDetail>(this, 'xz-booked', {
        fairId: fair.id,
        bookingId: booking.id,
        boothId: booking.booth?.id ?? null,
        status: booking.status,
      });
    } catch (err) {
      if (this.expired(err)) return;
      const text = errorMessage(err, '提交失败，请稍后再试');
      if (err instanceof ApiError && err.details?.length) {
        const fieldErrors: Record<string, string> = {};
        for (const d of err.details) {
          const m = /^attendees\.(\d+)\.(name|phone|title)/.exec(d.path);
          const row = m ? rows[Number(m[1])] : undefined;
          if (m && row) fieldErrors[`attendee-${row.index}-${m[2]}`] = d.message;
          else if (d.path.startsWith('jobIds')) fieldErrors.jobs = d.message;
        }
        this._errors = fieldErrors;
      } else if (err instanceof ApiError && err.code === 'JOB_NOT_ACTIVE') {
        this._errors = { jobs: text };
      }
      this._message = { tone: 'error', text };
      if (err instanceof ApiError && err.code === 'BOOTH_TAKEN') {
        this._boothId = undefined;
        this.open('map');
        void this.resync();
      } else if (err instanceof ApiError && err.code === 'ALREADY_BOOKED') {
        await this.loadEmployerData();
        this.open('map');
      }
    } finally {
      this._busy = false;
    }
  }

  // ---- rendering --------------------------------------------------------------------------------------------

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('fair') || changed.has('site') || changed.has('apiBase')) this.disconnect();
  }

  protected override updated(): void {
    const announce = this._announce;
    if (announce && this._fair) {
      this._announce = undefined;
      emit<XzFairLoadedDetail>(this, 'xz-fair-loaded', announce);
    }
    const focus = this._focus;
    if (focus) {
      this._focus = undefined;
      this.renderRoot.querySelector<HTMLElement>(`[data-focus="${focus}"]`)?.focus();
    }
  }

  override render(): unknown {
    const task = this._task;
    if (task.status === TaskStatus.INITIAL) return nothing;
    const fair = this._fair;
    let body: unknown;
    if (task.status === TaskStatus.ERROR) {
      body = html`<p class="load-error" part="error" role="alert">
        ${errorMessage(task.error, FAIR_BOOKING_FALLBACK_ERROR_MESSAGE)}
      </p>`;
    } else if (!fair || task.status === TaskStatus.PENDING) {
      body = html`<p class="status" part="loading" role="status">加载中…</p>`;
    } else {
      body = html`${this.renderHeader(fair)} ${this.renderMap(fair)} ${this.renderPanel(fair)}`;
    }
    const site = this._siteInfo;
    const page = fair ? fairPageUrl(safeHttpUrl(site?.url), fair.id) : undefined;
    return html`
      <div
        class="wrapper"
        part="base"
        aria-busy=${task.status === TaskStatus.PENDING ? 'true' : 'false'}
        style=${styleMap(paletteStyle(site?.theme))}
      >
        ${body}
        ${
          page && task.status === TaskStatus.COMPLETE
            ? html`<p class="footer">
                <a part="page-link" href=${page}
                  >在学校网站查看本场招聘会<span aria-hidden="true"> ›</span></a
                >
              </p>`
            : nothing
        }
      </div>
    `;
  }

  private renderHeader(fair: FairDetail): TemplateResult {
    const state = windowLabel(fair);
    return html`
      <header part="header">
        <h2 class="title" part="title">${fair.title}</h2>
        <p class="meta" part="meta">
          <span>${fair.site.name}</span>
          <span><span class="visually-hidden">举办时间</span>${formatRange(fair.startsAt, fair.endsAt)}</span>
          <span>${SELECTION_LABELS[fair.boothSelection] ?? ''}</span>
          <span>${feeText(fair.fee)}</span>
          <span class=${state.open ? 'open' : ''}>${state.label}</span>
        </p>
      </header>
    `;
  }

  private renderMap(fair: FairDetail): TemplateResult {
    const venue = fair.venues.find((v) => v.id === this._venueId) ?? fair.venues[0];
    const grid = boothGrid(venue);
    const count = (state: BoothState) => venue?.booths.filter((b) => b.state === state).length ?? 0;
    const panelId = 'xz-fair-venue-panel';
    return html`
      <div class="toolbar">
        ${
          fair.venues.length > 1
            ? html`<div class="tabs" part="tabs" role="tablist" aria-label="分会场" @keydown=${this.onTabKey}>
                ${fair.venues.map((v) => {
                  const selected = v.id === venue?.id;
                  return html`<button
                    type="button"
                    role="tab"
                    part=${selected ? 'tab tab-selected' : 'tab'}
                    aria-selected=${selected ? 'true' : 'false'}
                    aria-controls=${panelId}
                    tabindex=${selected ? '0' : '-1'}
                    data-venue=${v.id}
                    @click=${() => {
                      this._venueId = v.id;
                    }}
                  >
                    ${v.name}
                    <span class="count"
                      >${v.booths.filter((b) => b.state === 'free').length}/${v.booths.length}</span
                    >
                  </button>`;
                })}
              </div>`
            : nothing
        }
        <ul class="legend" part="legend" aria-label="图例">
          ${(['free', 'held', 'taken'] as const).map(
            (s) => html`<li><span class="swatch ${s}" aria-hidden="true"></span>${BOOTH_LABELS[s]}</li>`,
          )}
        </ul>
        <span class="live ${this._live}" part="live" role="status"
          >${this._live === 'open' ? '实时更新' : this._live === 'closed' ? '连接已断开，稍后重试' : '正在连接…'}</span
        >
      </div>
      <div
        id=${panelId}
        class="map-scroll"
        role=${fair.venues.length > 1 ? 'tabpanel' : nothing}
        aria-label=${venue ? `${venue.name}：空闲 ${count('free')}，待审核 ${count('held')}，已预定 ${count('taken')}` : nothing}
      >
        ${
          venue
            ? html`<ul
                class="map ${grid.columns ? 'plan' : ''}"
                part="map"
                role="list"
                tabindex="-1"
                data-focus="map"
                style=${styleMap(grid.columns ? { '--_cols': String(grid.columns) } : {})}
              >
                ${grid.cells.map(({ booth, column, row }) => this.renderBooth(booth, column, row))}
              </ul>`
            : html`<p class="status">本场招聘会尚未设置展位。</p>`
        }
      </div>
    `;
  }

  private renderBooth(booth: Booth, column?: number, row?: number): TemplateResult {
    const selected = booth.id === this._boothId;
    const mine = booth.id === this._mine?.booth?.id;
    const parts = `booth booth-${booth.state}${selected ? ' booth-selected' : ''}`;
    const label = mine ? '本单位' : BOOTH_LABELS[booth.state];
    const place = column ? { gridColumn: String(column), gridRow: String(row) } : {};
    const inner = html`<span class="code">${booth.code}</span><span class="state">${label}</span>${
        booth.employer && booth.state === 'taken'
          ? html`<span class="employer">${booth.employer}</span>`
          : nothing
      }`;
    const interactive = this.picking && booth.state === 'free';
    return html`<li style=${styleMap(place)}>
      ${
        interactive
          ? html`<button
              type="button"
              class="booth ${booth.state} ${selected ? 'selected' : ''}"
              part=${parts}
              data-booth=${booth.id}
              data-state=${booth.state}
              aria-pressed=${selected ? 'true' : 'false'}
              aria-label=${`${booth.code} ${label}，预定此展位`}
              @click=${() => this.pick(booth)}
            >
              ${inner}
            </button>`
          : html`<div
              class="booth ${booth.state} ${mine ? 'mine' : ''}"
              part=${parts}
              data-booth=${booth.id}
              data-state=${booth.state}
              title=${booth.employer ?? nothing}
            >
              ${inner}
            </div>`
      }
    </li>`;
  }

  private onTabKey(event: KeyboardEvent): void {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const venues = this._fair?.venues ?? [];
    const at = venues.findIndex((v) => v.id === this._venueId);
    const next = venues[(at + (event.key === 'ArrowRight' ? 1 : venues.length - 1)) % venues.length];
    if (!next) return;
    this._venueId = next.id;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(`[data-venue="${next.id}"]`)?.focus(),
    );
  }

  private renderMessage(): unknown {
    const m = this._message;
    if (!m) return nothing;
    return html`<p
      class="message ${m.tone}"
      part="message ${m.tone}"
      role=${m.tone === 'error' ? 'alert' : 'status'}
    >
      ${m.text}
    </p>`;
  }

  private renderPanel(fair: FairDetail): TemplateResult {
    return html`<section class="panel" part="panel" aria-label="预定展位">
      ${this.renderMessage()} ${this.renderPanelBody(fair)}
    </section>`;
  }

  private renderPanelBody(fair: FairDetail): unknown {
    const session = this._session;
    const who = session
      ? html`<p class="who">
          已登录：<strong>${session.employer}</strong>${session.account ? `（${session.account}）` : ''}
          <button type="button" class="link" part="button" @click=${() => this.signOut()}>退出</button>
        </p>`
      : nothing;
    if (this._view === 'login') return this.renderLogin();
    if (this._view === 'done' && this._done) {
      return html`${who}
        <p class="message success" part="message success" role="status" data-focus="done" tabindex="-1">
          预定申请已提交${this._done.booth ? `（展位 ${this._done.booth}）` : ''}，等待${fair.site.name}审核。审核结果将通过单位中心的站内消息通知。
        </p>`;
    }
    if (this._view === 'form' && session) return html`${who}${this.renderForm(fair)}`;
    if (!this.windowOpen)
      return html`${who}
        <p class="hint">${windowLabel(fair).label}，现在不能预定展位。</p>`;
    if (this._mine) {
      const booth = this._mine.booth?.code ?? this.findBooth(this._mine.booth?.id)?.booth.code;
      return html`${who}
        <p class="hint">
          贵单位已预定本场招聘会（${STATUS_LABELS[this._mine.status] ?? this._mine.status}${booth ? `，展位 ${booth}` : ''}），可在单位中心“我的预定”中查看。
        </p>`;
    }
    if (!this.atBooking) {
      return html`${who}
        <p class="hint">本场招聘会在预定审核通过后选展：先提交报名，审核通过后在单位中心选择展位。</p>
        <button
          type="button"
          class="primary"
          part="button primary"
          @click=${() => this.open(session ? 'form' : 'login')}
        >
          预定报名
        </button>`;
    }
    return html`${who}
      <p class="hint">点击<strong>空闲</strong>展位预定；${session ? '' : '预定前需使用单位账号登录。'}</p>
      ${
        session
          ? nothing
          : html`<button type="button" part="button" @click=${() => this.open('login')}>单位登录</button>`
      }`;
  }

  private renderLogin(): TemplateResult {
    const booth = this.findBooth(this._boothId);
    return html`<form class="form" @submit=${this.signIn} novalidate>
      <h3>单位登录</h3>
      <p class="hint">
        ${booth ? html`已选展位 <strong>${booth.venue} ${booth.booth.code}</strong>。` : nothing}使用单位中心的手机号和密码登录后填写报名信息。
      </p>
      ${this.renderInput('phone', '手机号', { type: 'tel', autocomplete: 'username', inputmode: 'numeric', maxlength: '11' })}
      ${this.renderInput('password', '密码', { type: 'password', autocomplete: 'current-password', maxlength: '128' })}
      <div class="actions">
        <button type="submit" class="primary" part="button primary" ?disabled=${this._busy}>
          ${this._busy ? '正在登录…' : '登录'}
        </button>
        <button
          type="button"
          part="button"
          @click=${() => {
            this._boothId = undefined;
            this._errors = {};
            this._message = undefined;
            this.open('map');
          }}
        >
          返回展位图
        </button>
      </div>
    </form>`;
  }

  private renderInput(name: string, label: string, attrs: Record<string, string>): TemplateResult {
    const id = `xz-fb-${name}`;
    const error = this._errors[name];
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input
        id=${id}
        name=${name}
        part="input"
        type=${attrs.type ?? 'text'}
        autocomplete=${attrs.autocomplete ?? 'off'}
        inputmode=${attrs.inputmode ?? nothing}
        maxlength=${attrs.maxlength ?? nothing}
        data-focus=${name}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? `${id}-error` : nothing}
        required
      />
      ${error ? html`<p class="field-error" id=${`${id}-error`}>${error}</p>` : nothing}
    </div>`;
  }

  private renderForm(fair: FairDetail): TemplateResult {
    const booth = this.findBooth(this._boothId);
    const jobs = this._jobs;
    const jobsError = this._errors.jobs;
    return html`<form class="form" @submit=${this.submit} novalidate>
      <h3>预定报名</h3>
      <p class="chosen">
        ${
          this.atBooking
            ? booth
              ? html`展位：<strong>${booth.venue} ${booth.booth.code}</strong>`
              : '请先在展位图中选择空闲展位'
            : '展位：审核通过后在单位中心选展'
        }
      </p>
      <fieldset
        class="jobs"
        tabindex="-1"
        data-focus="jobs"
        aria-describedby=${jobsError ? 'xz-fb-jobs-error' : nothing}
      >
        <legend>招聘职位 <span class="hint">（已发布且未失效的职位）</span></legend>
        ${
          jobs === undefined
            ? html`<p class="hint">正在读取职位…</p>`
            : jobs.length === 0
              ? html`<p class="hint">没有可选的职位：请先在单位中心发布招聘职位，并等待站点审核通过。</p>`
              : jobs.map(
                  (j) =>
                    html`<label class="check">
                      <input
                        type="checkbox"
                        .checked=${this._jobIds.includes(j.id)}
                        @change=${(e: Event) => this.toggleJob(j.id, (e.target as HTMLInputElement).checked)}
                      />
                      <span
                        >${j.title}${j.expiresOn ? html` <small>有效期至 ${j.expiresOn}</small>` : nothing}</span
                      >
                    </label>`,
                )
        }
        ${jobsError ? html`<p class="field-error" id="xz-fb-jobs-error">${jobsError}</p>` : nothing}
      </fieldset>
      <fieldset class="people">
        <legend>参会人员 <span class="hint">（最多 ${MAX_ATTENDEES} 位）</span></legend>
        ${this._attendees.map((a, i) => this.renderAttendee(a, i))}
        <button
          type="button"
          part="button"
          ?disabled=${this._attendees.length >= MAX_ATTENDEES}
          @click=${() => this.addAttendee()}
        >
          添加参会人员
        </button>
      </fieldset>
      <div class="actions">
        <button
          type="submit"
          class="primary"
          part="button primary"
          ?disabled=${this._busy || !jobs?.length || (this.atBooking && !booth)}
        >
          ${this._busy ? '正在提交…' : '提交预定'}
        </button>
        <button
          type="button"
          part="button"
          @click=${() => {
            this._errors = {};
            this._message = undefined;
            if (this.atBooking) this._boothId = undefined;
            this.open('map');
          }}
        >
          返回展位图
        </button>
      </div>
      <p class="hint">提交后等待${fair.site.name}审核。</p>
    </form>`;
  }

  private renderAttendee(a: Attendee, i: number): TemplateResult {
    const field = (name: keyof Attendee, label: string, attrs: Record<string, string>) => {
      const key = `attendee-${i}-${name}`;
      const id = `xz-fb-${key}`;
      const error = this._errors[key];
      return html`<div class="field">
        <label for=${id}>${label}</label>
        <input
          id=${id}
          part="input"
          type=${attrs.type ?? 'text'}
          inputmode=${attrs.inputmode ?? nothing}
          maxlength=${attrs.maxlength ?? nothing}
          autocomplete="off"
          data-focus=${key}
          .value=${a[name]}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${error ? `${id}-error` : nothing}
          @input=${(e: Event) => this.setAttendee(i, name, (e.target as HTMLInputElement).value)}
        />
        ${error ? html`<p class="field-error" id=${`${id}-error`}>${error}</p>` : nothing}
      </div>`;
    };
    return html`<div class="attendee" role="group" aria-label=${`参会人员 ${i + 1}`}>
      ${field('name', '姓名', { maxlength: '20' })}
      ${field('phone', '手机号', { type: 'tel', inputmode: 'numeric', maxlength: '11' })}
      ${field('title', '职务（选填）', { maxlength: '30' })}
      ${
        this._attendees.length > 1
          ? html`<button
              type="button"
              class="link remove"
              part="button"
              aria-label=${`删除参会人员 ${i + 1}`}
              @click=${() => this.removeAttendee(i)}
            >
              删除
            </button>`
          : nothing
      }
    </div>`;
  }

  /** Current loading state, handy for tests. */
  get status(): LoadStatus {
    return loadStatus(this._task);
  }

  /** The fair as shown, with live booth states. */
  get data(): FairDetail | undefined {
    return this._fair;
  }

  /** True while a live connection to the booth events is open. */
  get live(): boolean {
    return this._live === 'open';
  }
}

const TAG = 'xz-fair-booking';
if (!customElements.get(TAG)) customElements.define(TAG, XzFairBooking);

declare global {
  interface HTMLElementTagNameMap {
    'xz-fair-booking': XzFairBooking;
  }
  interface HTMLElementEventMap {
    'xz-fair-loaded': CustomEvent<XzFairLoadedDetail>;
    'xz-booth-change': CustomEvent<XzBoothChangeDetail>;
    'xz-booked': CustomEvent<XzBookedDetail>;
  }
}
