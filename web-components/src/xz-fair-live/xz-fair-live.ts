/**
 * `<xz-fair-live fair="12">` makes a booth map that the server rendered follow the live booth states — progressive
 * enhancement of the fair pages (/fairs/{id}, /employer/fairs/{id}): without JavaScript the map is what the server
 * sent, with it every booth changes as soon as it is booked, approved, cancelled or rejected anywhere.
 *
 * It listens to the same Server-Sent Events as `<xz-fair-booking>` (`GET /api/v1/public/fairs/{id}/events`) and
 * rewrites, inside its own light DOM, what the server rendered for a booth (`li.xz-booth[data-booth][data-state]`):
 * its state class and `data-state`, the state label, and the box — a booth of a bookable map that becomes free links
 * to its booking form again (`data-book-href`), or is a button of the 选展 form (`data-choose` on the list), and a
 * booth no longer free stops being either. It keeps the venue's counts (`[data-count]`) and the venue tabs' free
 * counts (`[data-venue-free]`) in step. After every (re)connection and layout event it reads the fair again (changes
 * meanwhile are not replayed); when venues or booths changed it offers a reload instead of redrawing the server's map.
 * It renders no shadow DOM, so the page's own styles apply, and never touches anything outside itself.
 *
 * @fires xz-booth-change - a booth changed state; `detail` is the booth event
 */
import { ReactiveElement, type PropertyDeclarations, type PropertyValues } from 'lit';
import { getJson, resolveApiBase } from '../api.js';
import { BOOTH_LABELS, type BoothEvent, type BoothState, type FairDetail } from '../fair.js';
import { FairLiveController } from '../xz-fair-booking/live-controller.js';
import { emit } from '../site.js';

interface Known {
  venueId: number;
  state: BoothState;
  employer: string | null;
}

const STATES: BoothState[] = ['free', 'held', 'taken'];

function isState(value: unknown): value is BoothState {
  return typeof value === 'string' && (STATES as string[]).includes(value);
}

function span(className: string, text: string): HTMLSpanElement {
  const el = document.createElement('span');
  el.className = className;
  el.textContent = text;
  return el;
}

export class XzFairLive extends ReactiveElement {
  static override properties: PropertyDeclarations = {
    fair: { type: Number },
    apiBase: { attribute: 'api-base' },
  };

  /** Id of the fair whose map this element wraps. */
  declare fair: number | undefined;
  /** Platform base URL; defaults to where the script was loaded from. */
  declare apiBase: string | undefined;

  /** Every booth of the fair as last known (all venues, also those not shown). */
  private readonly known = new Map<number, Known>();
  private layoutChanged = false;
  private reading: Promise<void> | undefined;
  private readAgain = false;

  private readonly _live = new FairLiveController(this, {
    url: () => (this.fairId ? this.api(`api/v1/public/fairs/${this.fairId}/events`) : undefined),
    onBooth: (event) => this.onBooth(event),
    onStale: () => void this.refresh(),
  });

  /** No shadow root: the server-rendered map stays in the page's light DOM and styles. */
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if ((changed.has('fair') || changed.has('apiBase')) && changed.get('fair') !== undefined)
      this._live.connect();
    this.toggleAttribute('live', this.live);
  }

  /** True while the live connection is open. */
  get live(): boolean {
    return this._live.status === 'open';
  }

  private get fairId(): number | undefined {
    const n = Number(this.fair);
    return Number.isInteger(n) && n > 0 ? n : undefined;
  }

  private api(path: string): string {
    return new URL(path, resolveApiBase(this.apiBase)).href;
  }

  private cell(boothId: number): HTMLLIElement | null {
    return this.querySelector<HTMLLIElement>(`li.xz-booth[data-booth="${boothId}"]`);
  }

  private onBooth(event: BoothEvent): void {
    if (event.fairId !== this.fairId || !isState(event.state)) return;
    const before = this.known.get(event.boothId);
    const employer = event.state === 'taken' ? (before?.employer ?? null) : null;
    this.known.set(event.boothId, { venueId: event.venueId, state: event.state, employer });
    const li = this.cell(event.boothId);
    if (li) this.paint(li, event.state, employer);
    this.count();
    if (li && li.dataset.state !== before?.state) this.say(`展位 ${event.code} ${BOOTH_LABELS[event.state]}`);
    emit<BoothEvent>(this, 'xz-booth-change', event);
    // An approved booth shows its employer: read the fair again for the name.
    if (event.state === 'taken') void this.refresh();
  }

  /** Reads the fair and applies every booth's state; one read at a time, a request meanwhile reads once more. */
  private refresh(): Promise<void> {
    if (this.reading) {
      this.readAgain = true;
      return this.reading;
    }
    const id = this.fairId;
    if (!id) return Promise.resolve();
    this.reading = getJson<FairDetail>(`api/v1/public/fairs/${id}`, { base: resolveApiBase(this.apiBase) })
      .then((fair) => this.take(fair))
      .catch(() => {
        /* the map keeps what it shows; the next event or reconnection tries again */
      })
      .finally(() => {
        this.reading = undefined;
        if (this.readAgain) {
          this.readAgain = false;
          void this.refresh();
        }
      });
    return this.reading;
  }

  private take(fair: FairDetail): void {
    this.known.clear();
    for (const venue of fair.venues ?? [])
      for (const booth of venue.booths ?? [])
        if (isState(booth.state))
          this.known.set(booth.id, {
            venueId: venue.id,
            state: booth.state,
            employer: booth.employer ?? null,
          });
    const shown = [...this.querySelectorAll<HTMLLIElement>('li.xz-booth[data-booth]')];
    for (const li of shown) {
      const k = this.known.get(Number(li.dataset.booth));
      if (k) this.paint(li, k.state, k.employer);
    }
    const list = this.querySelector<HTMLElement>('.xz-booths[data-venue]');
    const venue = fair.venues?.find((v) => v.id === Number(list?.dataset.venue));
    const changed =
      shown.some((li) => !this.known.has(Number(li.dataset.booth))) ||
      (!!venue && venue.booths.length !== shown.length) ||
      (!!list && !venue);
    if (changed) this.noticeLayout();
    this.count();
  }

  /** One booth as the server would render it in `state`. */
  private paint(li: HTMLLIElement, state: BoothState, employer: string | null): void {
    const shownEmployer = li.querySelector('.xz-booth__employer')?.textContent ?? null;
    if (li.dataset.state === state && (state !== 'taken' || shownEmployer === employer)) return;
    li.dataset.state = state;
    for (const s of STATES) li.classList.toggle(`xz-booth--${s}`, s === state);
    const code = li.dataset.code ?? '';
    const mine = li.classList.contains('xz-booth--mine');
    const list = li.closest<HTMLElement>('.xz-booths');
    let box: HTMLElement;
    let hidden = '';
    if (state === 'free' && li.dataset.bookHref) {
      const a = document.createElement('a');
      a.href = li.dataset.bookHref;
      box = a;
      hidden = '，预定此展位';
    } else if (state === 'free' && list?.hasAttribute('data-choose')) {
      const button = document.createElement('button');
      button.type = 'submit';
      button.name = 'boothId';
      button.value = li.dataset.booth ?? '';
      box = button;
      hidden = '，选择此展位';
    } else {
      box = document.createElement('span');
      if (state === 'taken' && employer) box.title = employer;
    }
    box.className = 'xz-booth__box';
    box.append(
      span('xz-booth__code', code),
      span('xz-booth__state', mine && state !== 'free' ? '本单位' : BOOTH_LABELS[state]),
    );
    if (state === 'taken' && employer) box.append(span('xz-booth__employer', employer));
    if (hidden) box.append(span('xz-visually-hidden', hidden));
    const old = li.querySelector('.xz-booth__box');
    if (old) old.replaceWith(box);
    else li.append(box);
  }

  /** The shown venue's counts (from its cells) and each venue tab's free count (from what is known). */
  private count(): void {
    const cells = [...this.querySelectorAll<HTMLLIElement>('li.xz-booth[data-booth]')];
    const of = (state: BoothState) => cells.filter((li) => li.dataset.state === state).length;
    for (const el of this.querySelectorAll<HTMLElement>('[data-count]')) {
      const key = el.dataset.count;
      el.textContent = String(key === 'total' ? cells.length : isState(key) ? of(key) : el.textContent);
    }
    if (this.known.size === 0) return;
    for (const el of this.querySelectorAll<HTMLElement>('[data-venue-free]')) {
      const venueId = Number(el.dataset.venueFree);
      const booths = [...this.known.values()].filter((k) => k.venueId === venueId);
      if (booths.length) el.textContent = String(booths.filter((k) => k.state === 'free').length);
    }
  }

  private noticeLayout(): void {
    if (this.layoutChanged) return;
    this.layoutChanged = true;
    const p = document.createElement('p');
    p.className = 'xz-alert xz-alert--info xz-fair-live__notice';
    p.setAttribute('role', 'status');
    const a = document.createElement('a');
    a.href = location.href;
    a.textContent = '刷新页面';
    p.append('展位图已调整，', a, '查看最新的分会场和展位。');
    const anchor = this.querySelector('.xz-fair-map__count') ?? this.firstElementChild;
    if (anchor) anchor.before(p);
    else this.append(p);
  }

  /** Tells screen readers what changed, in a polite live region of its own. */
  private say(text: string): void {
    let region = this.querySelector<HTMLElement>('.xz-fair-live__said');
    if (!region) {
      region = document.createElement('p');
      region.className = 'xz-visually-hidden xz-fair-live__said';
      region.setAttribute('aria-live', 'polite');
      this.append(region);
    }
    region.textContent = text;
  }
}

const TAG = 'xz-fair-live';
if (!customElements.get(TAG)) customElements.define(TAG, XzFairLive);

declare global {
  interface HTMLElementTagNameMap {
    'xz-fair-live': XzFairLive;
  }
}
