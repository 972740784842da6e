// What the fair pages show, computed once for every page: Chinese labels and tones of states, fair times in
// Asia/Shanghai, the booth map of one venue as a grid, and the staff editor's conversions (datetime-local inputs
// read as Beijing time, booth codes typed as ranges such as A01-A20).
import { shanghaiDate } from '../../../core/clock.js';
import type { FairService } from '../fair-service.js';
import { dateTime } from '../../../core/pages/index.js';
import { money } from '../../../core/format/index.js';
import { MAX_BOOTHS_PER_VENUE } from '../schemas.js';

export { MAX_BOOTHS_PER_VENUE };

export type PublicFair = Awaited<ReturnType<FairService['publicFair']>>;
export type FairSummary = Awaited<ReturnType<FairService['siteFairs']>>['items'][number];
export type Booking = Awaited<ReturnType<FairService['get']>>;
type Tone = 'success' | 'warning' | 'danger' | 'muted' | 'info';

export const BOOTH_STATES = {
  free: { label: '空闲', tone: 'success' },
  held: { label: '待审核', tone: 'warning' },
  taken: { label: '已预定', tone: 'muted' },
} as const satisfies Record<string, { label: string; tone: Tone }>;
export type BoothState = keyof typeof BOOTH_STATES;

export const BOOKING_STATUS: Record<string, { label: string; tone: Tone }> = {
  pending: { label: '待审核', tone: 'warning' },
  approved: { label: '已通过', tone: 'success' },
  rejected: { label: '未通过', tone: 'danger' },
  cancelled: { label: '已取消', tone: 'muted' },
};

export const PAYMENT_STATUS: Record<string, { label: string; tone: Tone }> = {
  not_required: { label: '无需缴费', tone: 'muted' },
  not_due: { label: '审核通过后缴费', tone: 'muted' },
  unpaid: { label: '待缴费', tone: 'warning' },
  submitted: { label: '凭证待确认', tone: 'info' },
  confirmed: { label: '缴费已确认', tone: 'success' },
  returned: { label: '凭证已退回', tone: 'danger' },
  refund_due: { label: '待退款', tone: 'warning' },
  refunded: { label: '已退款', tone: 'muted' },
};

export const SELECTION_LABELS = {
  at_booking: '预定时选择展位',
  after_approval: '审核通过后选展',
} as const;

export const PAYMENT_MODE_LABELS = {
  none: '无需缴费',
  at_booking: '预定时缴费',
  after_approval: '审核通过后缴费',
} as const;

/** 免费, or ¥500（审核通过后缴费）. */
export function feeText(fee: { amount: number; payment: keyof typeof PAYMENT_MODE_LABELS }): string {
  if (fee.payment === 'none' || fee.amount === 0) return '免费';
  return `${money(fee.amount)}（${PAYMENT_MODE_LABELS[fee.payment]}）`;
}

/** 2026-07-01 09:00 至 17:00 on one day, else both ends in full. */
export function timeRange(from: string, to: string): string {
  const a = dateTime(from);
  const b = dateTime(to);
  return a.slice(0, 10) === b.slice(0, 10) ? `${a} 至 ${b.slice(11)}` : `${a} 至 ${b}`;
}

/** Where the booking window stands now. */
export function windowState(
  fair: Pick<FairSummary, 'bookingOpensAt' | 'bookingClosesAt'>,
  now: Date,
): { label: string; tone: Tone; open: boolean } {
  const t = now.getTime();
  if (t < new Date(fair.bookingOpensAt).getTime()) return { label: '未开始预定', tone: 'muted', open: false };
  if (t >= new Date(fair.bookingClosesAt).getTime())
    return { label: '预定已截止', tone: 'muted', open: false };
  return { label: '预定中', tone: 'success', open: true };
}

/** The fields every fair summary shows. */
export function fairFacts(fair: FairSummary, now: Date) {
  return {
    id: fair.id,
    title: fair.title,
    description: fair.description,
    site: fair.site,
    time: timeRange(fair.startsAt, fair.endsAt),
    startsAt: fair.startsAt,
    window: timeRange(fair.bookingOpensAt, fair.bookingClosesAt),
    windowState: windowState(fair, now),
    selection: SELECTION_LABELS[fair.boothSelection],
    afterApproval: fair.boothSelection === 'after_approval',
    fee: feeText(fair.fee),
    started: now.getTime() >= new Date(fair.startsAt).getTime(),
  };
}

/** True on the fair's day(s), Beijing time. */
export function onFairDay(fair: { startsAt: string; endsAt: string }, now: Date): boolean {
  const today = shanghaiDate(now);
  return today >= shanghaiDate(new Date(fair.startsAt)) && today <= shanghaiDate(new Date(fair.endsAt));
}

// ---- booth map ------------------------------------------------------------------------------------------------

export interface BoothCell {
  id: number;
  code: string;
  state: BoothState;
  stateLabel: string;
  employer: string | null;
  /** inline grid placement when the venue has a plan (x/y of every booth) */
  place: string;
  /** a link to follow (a free booth that may be booked) */
  href?: string;
  /** where the booth's link goes when it is (or becomes, live) free, on a map whose booths may be booked */
  bookHref?: string;
  /** a submit button of the choose form (选展) */
  choose?: boolean;
  /** this employer's own booth */
  mine?: boolean;
}

export interface MapOptions {
  /** the venue asked for (?venue=); the first venue otherwise */
  venueId?: number;
  /** path of the page, for the venue tabs (query added) */
  path: string;
  /** other query parameters the tabs keep */
  keep?: Record<string, string | number | undefined>;
  /** link of a free booth, when booths may be booked from this page */
  bookHref?: (boothId: number) => string;
  /** free booths are buttons of a form (选展) */
  choose?: boolean;
  mineBoothId?: number | null;
}

/**
 * One venue of the fair as a grid: positioned by x/y when every booth of the venue has them (distinct x values
 * become columns, distinct y values rows, so gaps in the plan stay compact), in code order otherwise.
 */
export function boothMap(fair: PublicFair, o: MapOptions) {
  const venue = fair.venues.find((v) => v.id === o.venueId) ?? fair.venues[0];
  const tabHref = (id: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(o.keep ?? {}))
      if (v !== undefined && v !== '') params.set(k, String(v));
    params.set('venue', String(id));
    return `${o.path}?${params.toString()}`;
  };
  const count = (booths: PublicFair['venues'][number]['booths'], state: BoothState) =>
    booths.filter((b) => b.state === state).length;
  const venues = fair.venues.map((v) => ({
    id: v.id,
    name: v.name,
    href: tabHref(v.id),
    current: v.id === venue?.id,
    free: count(v.booths, 'free'),
    total: v.booths.length,
  }));
  if (!venue)
    return {
      fairId: fair.id,
      venues,
      venue: null,
      booths: [],
      columns: 0,
      positioned: false,
      showTabs: false,
      choose: !!o.choose,
    };
  const booths = venue.booths;
  const positioned = booths.length > 0 && booths.every((b) => b.x !== null && b.y !== null);
  const xs = positioned ? [...new Set(booths.map((b) => b.x!))].sort((a, b) => a - b) : [];
  const ys = positioned ? [...new Set(booths.map((b) => b.y!))].sort((a, b) => a - b) : [];
  const sorted = positioned
    ? [...booths].sort((a, b) => a.y! - b.y! || a.x! - b.x!)
    : [...booths].sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));
  const cells: BoothCell[] = sorted.map((b) => {
    const state = b.state as BoothState;
    const cell: BoothCell = {
      id: b.id,
      code: b.code,
      state,
      stateLabel: BOOTH_STATES[state].label,
      employer: b.employer,
      place: positioned ? `grid-column:${xs.indexOf(b.x!) + 1};grid-row:${ys.indexOf(b.y!) + 1}` : '',
      mine: o.mineBoothId === b.id || undefined,
    };
    if (o.bookHref) cell.bookHref = o.bookHref(b.id);
    if (state === 'free' && o.choose) cell.choose = true;
    else if (state === 'free' && o.bookHref) cell.href = cell.bookHref;
    return cell;
  });
  return {
    fairId: fair.id,
    choose: !!o.choose,
    venues,
    venue: {
      id: venue.id,
      name: venue.name,
      free: count(booths, 'free'),
      held: count(booths, 'held'),
      taken: count(booths, 'taken'),
      total: booths.length,
    },
    booths: cells,
    columns: positioned ? xs.length : 0,
    positioned,
    showTabs: fair.venues.length > 1,
  };
}

// ---- staff editor ---------------------------------------------------------------------------------------------

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** A datetime-local value read as Beijing time → ISO 8601 with +08:00; null when it is not a valid time. */
export function fromLocalInput(value: string | undefined): string | null {
  const m = LOCAL.exec((value ?? '').trim());
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}+08:00`;
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return null;
  // Reject dates that roll over (2026-02-30 → 03-02).
  return dateTime(t).replace(' ', 'T') === `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}` ? iso : null;
}

/** ISO → the value of a datetime-local input in Beijing time. */
export function toLocalInput(iso: string | null | undefined): string {
  return iso ? dateTime(iso).replace(' ', 'T') : '';
}

const RANGE = /^([A-Z]*)(\d+)-([A-Z]*)(\d+)$/;

/**
 * Booth codes as typed: one a line or separated by commas or spaces, and ranges such as `A01-A20` (zero padding
 * kept when both ends have the same width). Codes are upper-cased. Returns the codes or a Chinese problem.
 */
export function parseBoothCodes(text: string): { codes: string[] } | { error: string } {
  const normalized = text
    .toUpperCase()
    .replace(/\s*[-~～–—至]\s*/g, '-')
    .split(/[\s,，、;；]+/)
    .filter(Boolean);
  const codes: string[] = [];
  for (const token of normalized) {
    const m = RANGE.exec(token);
    if (!m) {
      codes.push(token);
      continue;
    }
    const [, p1, d1, p2, d2] = m as unknown as [string, string, string, string, string];
    if (p2 && p2 !== p1) return { error: `展位号范围 ${token} 的前缀不一致` };
    const from = Number(d1);
    const to = Number(d2);
    if (to < from) return { error: `展位号范围 ${token} 的结束号小于起始号` };
    if (to - from + 1 > MAX_BOOTHS_PER_VENUE) return { error: `展位号范围 ${token} 过大` };
    const width = d1.length === d2.length ? d1.length : 0;
    for (let n = from; n <= to; n += 1) codes.push(`${p1}${String(n).padStart(width, '0')}`);
  }
  if (codes.length === 0) return { error: '请填写展位号' };
  if (codes.length > MAX_BOOTHS_PER_VENUE) return { error: `每个分会场最多 ${MAX_BOOTHS_PER_VENUE} 个展位` };
  const bad = codes.find((c) => !/^[A-Z0-9][A-Z0-9-]{0,9}$/.test(c));
  if (bad) return { error: `展位号 ${bad} 不正确：只能包含字母、数字和连字符，最长 10 位，如 A01` };
  const dup = codes.find((c, i) => codes.indexOf(c) !== i);
  if (dup) return { error: `展位号 ${dup} 重复` };
  return { codes };
}
