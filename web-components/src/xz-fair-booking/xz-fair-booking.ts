import { LitElement, html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { Task, TaskStatus, initialState } from '@lit/task';
import { loadStatus, type LoadStatus } from '../task.js';

import { ApiError, getJson, resolveApiBase, sendJson } from '../api.js';
import {
  BOOTH_LABELS,
  fairPageUrl,
  windowLabel,
  withSite,
  type Booth,
  type BoothEvent,
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
import {
  apiFieldErrors,
  attendeesPayload,
  blankAttendee,
  checkBooking,
  MAX_ATTENDEES,
  signInErrors,
  type Attendee,
  type BookingSummary,
  type EmployerJob,
  type FieldErrors,
  type Session,
} from './booking-form.js';
import { renderPanel, type Tone, type View } from './booking-panel.js';
import { renderHeader, renderMap } from './booth-map.js';
import { findBooth, layoutKey, withKnownStates, type FoundBooth } from './fair-state.js';
import { FairLiveController } from './live-controller.js';
import { fairBookingStyles } from './xz-fair-booking.styles.js';

export { MAX_ATTENDEES };

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

interface Loaded {
  fair: FairDetail;
  site: SiteInfo | undefined;
  base: string;
}

function validId(value: unknown): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
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
  declare private _errors: FieldErrors;
  declare private _mine: BookingSummary | undefined;
  declare private _done: { id: number; booth: string | null } | undefined;

  /** The fair as loaded, with live booth states applied. */
  private _fair: FairDetail | undefined;
  private _siteInfo: SiteInfo | undefined;
  private _base = '';
  private _focus: string | undefined;
  private _announce: XzFairLoadedDetail | undefined;

  private readonly _live = new FairLiveController(this, {
    url: () =>
      this._fair
        ? new URL(withSite(`api/v1/public/fairs/${this._fair.id}/events`, this.slug), this._base).href
        : undefined,
    onBooth: (event) => this.applyBooth(event),
    onStale: () => void this.resync(),
  });

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
      this._live.connect();
      if (this._session) void this.loadEmployerData();
    },
    onError: (error) => {
      this._live.disconnect();
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
    this._done = undefined;
  }

  // ---- live states ------------------------------------------------------------------------------------------

  private get slug(): string {
    return this._fair?.site.slug ?? (this.site ?? '').trim();
  }

  private findBooth(id: number | undefined): FoundBooth | undefined {
    return findBooth(this._fair, id);
  }

  /** The chosen booth is gone or taken: say why, and let it go unless the booking is on its way. */
  private loseChosenBooth(text: string): void {
    this._message = { tone: 'error', text };
    if (this._view === 'form' || this._view === 'login') this._boothId = undefined;
    if (this._view === 'form') this._view = 'map';
  }

  private applyBooth(event: BoothEvent): void {
    if (!this._fair || event.fairId !== this._fair.id) return;
    const found = this.findBooth(event.boothId);
    if (!found || !(event.state in BOOTH_LABELS)) return;
    const { booth } = found;
    if (booth.state === event.state) return;
    booth.state = event.state;
    if (event.state !== 'taken') booth.employer = null;
    if (event.boothId === this._boothId && event.state !== 'free' && !this._done && !this._busy)
      this.loseChosenBooth(`展位 ${booth.code} 刚刚被其他单位预定，请重新选择空闲展位。`);
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

  /** Takes the venues and booths of `fresh`; a chosen booth that no longer exists is let go. */
  private adoptLayout(fresh: FairDetail): void {
    const next = withKnownStates(this._fair, fresh);
    this._fair = next;
    if (!next.venues.some((v) => v.id === this._venueId)) this._venueId = next.venues[0]?.id;
    if (this._boothId !== undefined && !this.findBooth(this._boothId) && !this._done && !this._busy)
      this.loseChosenBooth('所选展位已被主办方调整，请重新选择空闲展位。');
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

  private backToMap(letBoothGo: boolean): void {
    this._errors = {};
    this._message = undefined;
    if (letBoothGo) this._boothId = undefined;
    this.open('map');
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
    const errors = signInErrors(phone, password);
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
    const { rows, errors } = checkBooking(this._jobIds, this._attendees);
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
        attendees: attendeesPayload(rows),
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
      const fieldErrors = apiFieldErrors(err, rows, text);
      if (fieldErrors) this._errors = fieldErrors;
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
    if (changed.has('fair') || changed.has('site') || changed.has('apiBase')) this._live.disconnect();
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

  private renderFair(fair: FairDetail): unknown {
    const map = renderMap({
      fair,
      venueId: this._venueId,
      boothId: this._boothId,
      mineBoothId: this._mine?.booth?.id,
      picking: this.picking,
      live: this._live.status,
      selectVenue: (id) => {
        this._venueId = id;
      },
      onTabKey: (event) => this.onTabKey(event),
      pick: (booth) => this.pick(booth),
    });
    const panel = renderPanel({
      fair,
      view: this._view,
      session: this._session,
      message: this._message,
      errors: this._errors,
      busy: this._busy,
      jobs: this._jobs,
      jobIds: this._jobIds,
      attendees: this._attendees,
      done: this._done,
      mine: this._mine,
      chosen: this.findBooth(this._boothId),
      mineBoothCode: this._mine?.booth?.code ?? this.findBooth(this._mine?.booth?.id)?.booth.code,
      atBooking: this.atBooking,
      windowOpen: this.windowOpen,
      actions: {
        open: (view) => this.open(view),
        signIn: (event) => void this.signIn(event),
        signOut: () => this.signOut(),
        leaveLogin: () => this.backToMap(true),
        leaveForm: () => this.backToMap(this.atBooking),
        submit: (event) => void this.submit(event),
        toggleJob: (id, checked) => this.toggleJob(id, checked),
        setAttendee: (index, field, value) => this.setAttendee(index, field, value),
        addAttendee: () => this.addAttendee(),
        removeAttendee: (index) => this.removeAttendee(index),
      },
    });
    return html`${renderHeader(fair)} ${map} ${panel}`;
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
      body = this.renderFair(fair);
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
    return this._live.status === 'open';
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
