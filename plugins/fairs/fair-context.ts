// What every part of the fairs service shares: its dependencies, loading a fair, the API's views of fairs and
// bookings, the tenant check for staff, and the live booth states published on `fair:<id>` after each commit.
// It holds no rules of its own; each part (catalog, layout, bookings, payments and check-in) keeps its rules.
import type { Knex } from 'knex';
import type { StaffCredentials } from '../../core/auth/principals.js';
import type { Clock } from '../../core/clock.js';
import type { Db } from '../../core/db/knex.js';
import type { PubSub } from '../../core/pubsub.js';
import { assertStaffOf } from '../../core/tenancy/scope.js';
import type { SiteRegistry } from '../../core/tenancy/sites.js';
import { fail, message } from './errors.js';
import { Fair } from './models/fair.js';
import type { FairBooking, PaymentStatus } from './models/fair-booking.js';
import type { BoothState } from './types.js';

/** Statuses that hold a booth (the partial unique indexes' condition). */
export const ACTIVE = ['pending', 'approved'];

/** Statuses of a booking that has ended: nothing more is paid, edited or checked in. */
export const ENDED = ['cancelled', 'rejected'];

/**
 * The payment state of a booking as it ends (cancelled or rejected): a fee the employer paid — receipt submitted or
 * confirmed — is owed back (`refund_due`); every other state stays. The receipt stays with this booking.
 */
export function endedPayment(status: PaymentStatus): PaymentStatus {
  return status === 'submitted' || status === 'confirmed' ? 'refund_due' : status;
}

/** A booking with what its view shows: booth and venue, jobs (the fair is passed separately). */
export const BOOKING_GRAPH = '[booth.venue, jobs(label)]';

/** The state a booth shows for the status of its active booking (none: free). */
export function boothState(status: string | null | undefined): BoothState {
  return status === 'approved' ? 'taken' : status === 'pending' ? 'held' : 'free';
}

export class FairContext {
  constructor(
    readonly db: Db,
    readonly sites: SiteRegistry,
    readonly clock: Clock,
    private readonly pubsub: PubSub,
  ) {}

  /** The fair of this id, or 404. */
  async fair(id: number, trx?: Knex.Transaction): Promise<Fair> {
    const fair = await Fair.query(trx ?? this.db).findById(id);
    if (!fair) throw fail('NOT_FOUND');
    return fair;
  }

  /** 403 unless `staff` works for the site. */
  assertStaff(staff: StaffCredentials, siteId: number): void {
    assertStaffOf(staff, siteId, message('FORBIDDEN'));
  }

  siteRef(siteId: number) {
    const site = this.sites.byId(siteId);
    return { slug: site?.slug ?? '', name: site?.name ?? '' };
  }

  windowOpen(f: Fair): boolean {
    const now = this.clock.now().getTime();
    return new Date(f.bookingOpensAt).getTime() <= now && now < new Date(f.bookingClosesAt).getTime();
  }

  fairView(f: Fair) {
    return {
      id: f.id,
      site: this.siteRef(f.siteId),
      title: f.title,
      description: f.description,
      startsAt: f.startsAt,
      endsAt: f.endsAt,
      bookingOpensAt: f.bookingOpensAt,
      bookingClosesAt: f.bookingClosesAt,
      boothSelection: f.boothSelection,
      fee: { amount: f.feeAmount, payment: f.paymentMode },
      bookingOpen: this.windowOpen(f),
    };
  }

  /** The booth's code and venue name when the booking has a booth (loaded with `booth.venue`). */
  boothLabel(b: FairBooking): { code: string; venue: string } | null {
    return b.booth ? { code: b.booth.code, venue: b.booth.venue?.name ?? '' } : null;
  }

  /** A booking of fair `f`, loaded with `BOOKING_GRAPH`. */
  bookingView(b: FairBooking, f: Fair) {
    const booth = this.boothLabel(b);
    return {
      id: b.id,
      fair: {
        id: f.id,
        title: f.title,
        site: this.siteRef(f.siteId),
        startsAt: f.startsAt,
        endsAt: f.endsAt,
        boothSelection: f.boothSelection,
      },
      status: b.status,
      booth: b.boothId ? { id: b.boothId, ...(booth ?? {}) } : null,
      jobs: (b.jobs ?? []).map((j) => ({
        id: j.id,
        title: j.title,
        salaryMin: j.salaryMin,
        salaryMax: j.salaryMax,
        expiresOn: j.expiresOn,
      })),
      attendees: b.attendees,
      payment: {
        status: b.paymentStatus as string,
        amount: f.feeAmount,
        mode: f.paymentMode,
        receiptFileId: b.receiptFileId,
        comment: b.paymentComment,
        refundedAt: b.refundedAt,
        refundNote: b.refundNote,
      },
      checkedInAt: b.checkedInAt,
      createdAt: b.createdAt,
    };
  }

  channel(fairId: number): string {
    return `fair:${fairId}`;
  }

  /** Publishes the current state of these booths (after commit). */
  async announce(fairId: number, boothIds: number[]): Promise<void> {
    if (boothIds.length === 0) return;
    // Hand-tuned like the public map's query: one join, published on every booking change.
    const rows = (await this.db('fair_booths as b')
      .leftJoin('fair_bookings as k', (j) => j.on('k.booth_id', 'b.id').onIn('k.status', ACTIVE))
      .whereIn('b.id', boothIds)
      .select('b.id', 'b.code', 'b.venue_id', 'k.status')) as {
      id: number;
      code: string;
      venue_id: number;
      status: string | null;
    }[];
    for (const r of rows) {
      await this.pubsub.publish(this.channel(fairId), {
        fairId,
        boothId: r.id,
        venueId: r.venue_id,
        code: r.code,
        state: boothState(r.status),
      });
    }
  }

  /** Tells open maps to read the fair again after its venues or booths changed (after commit). */
  async announceLayout(fairId: number): Promise<void> {
    await this.pubsub.publish(this.channel(fairId), { type: 'layout', fairId });
  }
}
