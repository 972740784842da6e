/**
 * What the fair elements share: the types of the public fair API, Chinese labels, times in Asia/Shanghai,
 * the booth grid of a venue and the `site` query parameter every call carries.
 *
 * The platform decides CORS per school site: a call from a school's website is allowed only when its origin is
 * one of that site's widget origins, and routes that name no site in their path (sign-in, bookings, a fair and its
 * events) learn the site from `?site=<slug>`. {@link withSite} adds it.
 */

import { formatDateTime, money } from './format.js';

/** A booth state: free, held by a pending booking, or taken by an approved one. */
export type BoothState = 'free' | 'held' | 'taken';

export interface Booth {
  id: number;
  code: string;
  x: number | null;
  y: number | null;
  state: BoothState;
  /** Name of the employer of a taken booth. */
  employer?: string | null;
}

export interface Venue {
  id: number;
  name: string;
  booths: Booth[];
}

/** One fair of `GET /api/v1/public/sites/{site}/fairs`. */
export interface FairSummary {
  id: number;
  site: { slug: string; name: string };
  title: string;
  description?: string;
  startsAt: string;
  endsAt: string;
  bookingOpensAt: string;
  bookingClosesAt: string;
  boothSelection: 'at_booking' | 'after_approval';
  fee: { amount: number; payment: 'none' | 'at_booking' | 'after_approval' };
  bookingOpen: boolean;
}

/** `GET /api/v1/public/fairs/{id}`. */
export interface FairDetail extends FairSummary {
  venues: Venue[];
}

/** `data` of a `booth` event of `GET /api/v1/public/fairs/{id}/events`. */
export interface BoothEvent {
  fairId: number;
  boothId: number;
  venueId: number;
  code: string;
  state: BoothState;
}

export const BOOTH_LABELS: Record<BoothState, string> = { free: '空闲', held: '待审核', taken: '已预定' };

export const SELECTION_LABELS = { at_booking: '预定时选择展位', after_approval: '审核通过后选展' } as const;

const PAYMENT_LABELS = {
  none: '无需缴费',
  at_booking: '预定时缴费',
  after_approval: '审核通过后缴费',
} as const;

/** `免费`, or `¥500（审核通过后缴费）`. */
export function feeText(fee: FairSummary['fee'] | undefined): string {
  if (!fee || fee.payment === 'none' || !(Number(fee.amount) > 0)) return '免费';
  return `${money(fee.amount)}（${PAYMENT_LABELS[fee.payment] ?? ''}）`;
}

export { formatDateTime };

/** `2026-07-01 09:00 至 17:00` on one day, else both ends in full. */
export function formatRange(from: string | undefined, to: string | undefined): string {
  const a = formatDateTime(from);
  const b = formatDateTime(to);
  if (!a || !b) return a || b;
  return a.slice(0, 10) === b.slice(0, 10) ? `${a} 至 ${b.slice(11)}` : `${a} 至 ${b}`;
}

/** Where the booking window stands at `now`. */
export function windowLabel(fair: FairSummary, now = Date.now()): { label: string; open: boolean } {
  if (now < Date.parse(fair.bookingOpensAt)) return { label: '未开始预定', open: false };
  if (now >= Date.parse(fair.bookingClosesAt)) return { label: '预定已截止', open: false };
  return { label: '预定中', open: true };
}

/** `path` with `site=<slug>` added (the platform's CORS names the school site by it). */
export function withSite(path: string, slug: string | undefined): string {
  if (!slug) return path;
  return `${path}${path.includes('?') ? '&' : '?'}site=${encodeURIComponent(slug)}`;
}

/** A booth's grid cell: positioned by distinct x / y values when every booth of the venue has them. */
export interface BoothCell {
  booth: Booth;
  column?: number;
  row?: number;
}

export function boothGrid(venue: Venue | undefined): { cells: BoothCell[]; columns: number } {
  const booths = venue?.booths ?? [];
  const positioned = booths.length > 0 && booths.every((b) => b.x !== null && b.y !== null);
  if (!positioned) {
    const sorted = [...booths].sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));
    return { cells: sorted.map((booth) => ({ booth })), columns: 0 };
  }
  const xs = [...new Set(booths.map((b) => b.x!))].sort((a, b) => a - b);
  const ys = [...new Set(booths.map((b) => b.y!))].sort((a, b) => a - b);
  const sorted = [...booths].sort((a, b) => a.y! - b.y! || a.x! - b.x!);
  return {
    cells: sorted.map((booth) => ({
      booth,
      column: xs.indexOf(booth.x!) + 1,
      row: ys.indexOf(booth.y!) + 1,
    })),
    columns: xs.length,
  };
}

/** A page of the school's own site (`{site url}{path}`), or undefined without a site URL. */
export function sitePageUrl(siteUrl: string | undefined, path: string): string | undefined {
  if (!siteUrl) return undefined;
  try {
    return new URL(path, siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`).href;
  } catch {
    return undefined;
  }
}

/** The fair's page on the school's own site (`{site url}fairs/{id}`). */
export function fairPageUrl(siteUrl: string | undefined, fairId: number): string | undefined {
  return sitePageUrl(siteUrl, `fairs/${fairId}`);
}
