// Bookings (预定): an employer that joined the fair's site books a booth (or chooses one after approval), listing
// its published, unexpired jobs and attendees; the site reviews the booking through the review engine; the employer
// may edit it until the fair starts and cancel it while pending. Double booking is impossible: partial unique indexes
// allow one active booking per booth and per employer and fair, so of concurrent attempts exactly one commits and
// the others get 409 BOOTH_TAKEN / ALREADY_BOOKED — never check-then-insert here. Changes that move a booth's state
// are announced after commit.
import type { Knex } from 'knex';
import type { StaffCredentials } from '../../core/auth/principals.js';
import { foreignKeyViolation, uniqueViolation } from '../../core/db/errors.js';
import { validationError } from '../../core/http/errors.js';
import type { EmployerCredentials } from '../accounts/permissions.js';
import type { JobService } from '../jobs/job-service.js';
import type { MembershipService } from '../network/membership-service.js';
import type { ReviewRow, ReviewService, ReviewStatus, SubjectDetails } from '../reviews/review-service.js';
import { BOOKING_BOOTH_FK, fail, ONE_PER_BOOTH, ONE_PER_EMPLOYER } from './errors.js';
import { PAYMENT_LABELS } from './export.js';
import { ENDED, endedPayment, type FairContext } from './fair-context.js';
import { FairBooking } from './models/fair-booking.js';
import { FairBooth } from './models/fair-booth.js';
import type { BookingInput } from './types.js';

/** A booking with everything its view shows. */
const GRAPH = '[fair, booth.venue, jobs(label)]';

export class BookingService {
  constructor(
    private readonly ctx: FairContext,
    private readonly reviews: ReviewService,
    private readonly memberships: MembershipService,
    private readonly jobs: JobService,
    private readonly employerName: (id: number, trx?: Knex.Transaction) => Promise<string>,
  ) {}

  // ---- reviews --------------------------------------------------------------------------------------------------

  /** Applies a review decision to the booking, in the decision's transaction. */
  async onDecision(
    trx: Knex.Transaction,
    review: ReviewRow,
    status: Exclude<ReviewStatus, 'pending'>,
    comment: string | null,
  ): Promise<void> {
    if (status !== 'approved' && status !== 'rejected') return;
    const booking = await FairBooking.query(trx).findById(review.subject_id).forUpdate();
    if (!booking) throw fail('BOOKING_NOT_FOUND');
    await booking.$query(trx).patch({
      status,
      paymentStatus:
        status === 'rejected'
          ? endedPayment(booking.paymentStatus)
          : booking.paymentStatus === 'not_due'
            ? 'unpaid'
            : booking.paymentStatus,
      paymentComment: status === 'rejected' ? comment : booking.paymentComment,
      updatedAt: trx.fn.now(),
    });
  }

  /** After a decision committed: the booth's new state goes to open maps. */
  async afterDecision(review: ReviewRow): Promise<void> {
    const booking = await FairBooking.query(this.ctx.db).findById(review.subject_id);
    if (booking?.boothId) await this.ctx.announce(booking.fairId, [booking.boothId]);
  }

  /** What staff read before deciding on a booking (review details): fair, booth, jobs, attendees, payment. */
  async reviewDetails(bookingId: number): Promise<SubjectDetails | null> {
    const b = await FairBooking.query(this.ctx.db).findById(bookingId).withGraphFetched(GRAPH);
    if (!b) return null;
    const f = b.fair!;
    const booth = this.ctx.boothLabel(b);
    return {
      facts: [
        { label: '招聘会', value: f.title },
        {
          label: '展位',
          value: booth
            ? `${booth.venue} ${booth.code}`
            : f.boothSelection === 'after_approval'
              ? '审核通过后选展'
              : '未选择',
        },
        { label: '参会职位', value: (b.jobs ?? []).map((j) => j.title).join('、') || '—' },
        {
          label: '参会人员',
          value: b.attendees.map((a) => `${a.name} ${a.phone}${a.title ? `（${a.title}）` : ''}`).join('；'),
        },
        { label: '缴费', value: PAYMENT_LABELS[b.paymentStatus] ?? b.paymentStatus },
      ],
    };
  }

  // ---- staff ----------------------------------------------------------------------------------------------------

  /** Staff view of a fair's bookings, with employers, jobs, attendees, payment and check-in. */
  async bookings(staff: StaffCredentials, fairId: number, filter: { status?: string } = {}) {
    const f = await this.ctx.fair(fairId);
    this.ctx.assertStaff(staff, f.siteId);
    const rows = await FairBooking.query(this.ctx.db)
      .where({ fair_id: fairId })
      .modify((q) => {
        if (filter.status) q.where('status', filter.status);
      })
      .orderBy('id')
      .withGraphFetched('[employer(label), booth.venue, jobs(label)]');
    const reviews = (await this.ctx
      .db('reviews')
      .where({ subject_type: 'fair_booking', site_id: f.siteId })
      .whereIn(
        'subject_id',
        rows.map((r) => r.id),
      )
      .select('id', 'subject_id')) as { id: number; subject_id: number }[];
    const reviewOf = new Map(reviews.map((r) => [Number(r.subject_id), Number(r.id)]));
    return {
      fair: this.ctx.fairView(f),
      items: rows.map((r) => ({
        ...this.ctx.bookingView(r, f),
        employer: { id: r.employerId, name: r.employer?.name ?? '' },
        reviewId: reviewOf.get(r.id) || null,
      })),
    };
  }

  /** A booking as its fair's site staff see it; 403 for staff of another site. */
  async staffBooking(staff: StaffCredentials, bookingId: number) {
    const b = await FairBooking.query(this.ctx.db).findById(bookingId).withGraphFetched(GRAPH);
    if (!b) throw fail('BOOKING_NOT_FOUND');
    this.ctx.assertStaff(staff, b.fair!.siteId);
    return this.ctx.bookingView(b, b.fair!);
  }

  // ---- employers ------------------------------------------------------------------------------------------------

  /** The employer's own booking (404 for anyone else's), locked for update when `lock`. */
  async own(
    trx: Knex | Knex.Transaction,
    c: EmployerCredentials,
    id: number,
    lock = false,
  ): Promise<FairBooking> {
    const q = FairBooking.query(trx).findOne({ id, employer_id: c.employerId });
    const row = await (lock ? q.forUpdate() : q);
    if (!row) throw fail('BOOKING_NOT_FOUND');
    return row;
  }

  private async checkJobs(c: EmployerCredentials, jobIds: number[], trx?: Knex.Transaction) {
    const ok = await this.jobs.activePublished(c.employerId, jobIds, trx);
    if (ok.length !== new Set(jobIds).size) throw fail('JOB_NOT_ACTIVE');
  }

  private async boothOf(fairId: number, boothId: number, trx: Knex | Knex.Transaction) {
    const booth = await FairBooth.query(trx).findOne({ id: boothId, fair_id: fairId }).select('id');
    if (!booth) throw fail('BOOTH_NOT_FOUND');
  }

  async book(c: EmployerCredentials, input: BookingInput) {
    const f = await this.ctx.fair(input.fairId);
    const site = this.ctx.sites.byId(f.siteId)!;
    if (!(await this.memberships.isApproved(c.employerId, site))) throw fail('SITE_NOT_JOINED');
    if (!this.ctx.windowOpen(f)) throw fail('BOOKING_CLOSED');
    if (f.boothSelection === 'at_booking' && !input.boothId)
      throw validationError([{ path: 'boothId', message: '请选择展位' }]);
    if (f.boothSelection === 'after_approval' && input.boothId)
      throw validationError([{ path: 'boothId', message: '本场招聘会在审核通过后选展' }]);
    await this.checkJobs(c, input.jobIds);
    if (input.boothId) await this.boothOf(f.id, input.boothId, this.ctx.db);
    const name = await this.employerName(c.employerId);
    const certified = await this.memberships.certifiedOnMain(c.employerId);
    const tags = (await this.memberships.get(c.employerId, site))?.tag_ids ?? [];
    let bookingId: number;
    try {
      bookingId = await this.ctx.db.transaction(async (trx) => {
        const booking = await FairBooking.query(trx).insert({
          fairId: f.id,
          siteId: f.siteId,
          employerId: c.employerId,
          boothId: input.boothId ?? null,
          attendees: input.attendees,
          paymentStatus:
            f.paymentMode === 'none' ? 'not_required' : f.paymentMode === 'at_booking' ? 'unpaid' : 'not_due',
          createdBy: c.id,
        });
        await booking.$relatedQuery('jobs', trx).relate([...new Set(input.jobIds)]);
        await this.reviews.submit(
          trx,
          {
            site,
            type: 'fair_booking',
            subjectId: booking.id,
            employer: { id: c.employerId, name, certifiedOnMain: certified, tagIds: tags },
            summary: `「${name}」预定招聘会展位：${f.title}`,
          },
          { kind: 'employer', id: c.id },
        );
        return booking.id;
      });
    } catch (err) {
      const constraint = uniqueViolation(err);
      if (constraint === ONE_PER_BOOTH) throw fail('BOOTH_TAKEN');
      if (constraint === ONE_PER_EMPLOYER) throw fail('ALREADY_BOOKED');
      if (foreignKeyViolation(err) === BOOKING_BOOTH_FK) throw fail('BOOTH_NOT_FOUND');
      throw err;
    }
    if (input.boothId) await this.ctx.announce(f.id, [input.boothId]);
    return this.get(c, bookingId);
  }

  async get(c: EmployerCredentials, id: number) {
    const b = await FairBooking.query(this.ctx.db)
      .findOne({ id, employer_id: c.employerId })
      .withGraphFetched(GRAPH);
    if (!b) throw fail('BOOKING_NOT_FOUND');
    return this.ctx.bookingView(b, b.fair!);
  }

  async mine(c: EmployerCredentials) {
    const rows = await FairBooking.query(this.ctx.db)
      .where({ employer_id: c.employerId })
      .orderBy('id', 'desc')
      .withGraphFetched(GRAPH);
    return { items: rows.map((b) => this.ctx.bookingView(b, b.fair!)) };
  }

  /** Edit jobs and attendees until the fair starts. */
  async edit(c: EmployerCredentials, id: number, input: Pick<BookingInput, 'jobIds' | 'attendees'>) {
    await this.checkJobs(c, input.jobIds);
    await this.ctx.db.transaction(async (trx) => {
      const b = await this.own(trx, c, id, true);
      const f = await this.ctx.fair(b.fairId, trx);
      if (this.ctx.clock.now() >= new Date(f.startsAt)) throw fail('FAIR_STARTED');
      if (ENDED.includes(b.status)) throw fail('BOOKING_ENDED');
      await b.$query(trx).patch({ attendees: input.attendees, updatedAt: trx.fn.now() });
      await b.$relatedQuery('jobs', trx).unrelate();
      await b.$relatedQuery('jobs', trx).relate([...new Set(input.jobIds)]);
    });
    return this.get(c, id);
  }

  /**
   * Cancel while pending: the booth is free again at once and the review leaves the queue; a fee already paid
   * (receipt submitted or confirmed) becomes `refund_due` for the site to return, the receipt staying with this booking.
   */
  async cancel(c: EmployerCredentials, id: number) {
    const b = await this.ctx.db.transaction(async (trx) => {
      const b = await this.own(trx, c, id, true);
      if (b.status !== 'pending') throw fail('NOT_CANCELLABLE');
      await b.$query(trx).patch({
        status: 'cancelled',
        paymentStatus: endedPayment(b.paymentStatus),
        updatedAt: trx.fn.now(),
      });
      await this.reviews.withdraw(trx, 'fair_booking', [id], { kind: 'employer', id: c.id });
      return b;
    });
    if (b.boothId) await this.ctx.announce(b.fairId, [b.boothId]);
    return this.get(c, id);
  }

  /** 选展: in after-approval fairs, an approved booking picks a free booth. */
  async chooseBooth(c: EmployerCredentials, id: number, boothId: number) {
    let fairId = 0;
    try {
      await this.ctx.db.transaction(async (trx) => {
        const b = await this.own(trx, c, id, true);
        const f = await this.ctx.fair(b.fairId, trx);
        fairId = f.id;
        if (f.boothSelection !== 'after_approval') throw fail('NOT_AFTER_APPROVAL');
        if (b.status !== 'approved') throw fail('NOT_APPROVED');
        if (b.boothId) throw fail('BOOTH_CHOSEN');
        if (this.ctx.clock.now() >= new Date(f.startsAt)) throw fail('FAIR_STARTED');
        await this.boothOf(f.id, boothId, trx);
        await b.$query(trx).patch({ boothId, updatedAt: trx.fn.now() });
      });
    } catch (err) {
      if (uniqueViolation(err) === ONE_PER_BOOTH) throw fail('BOOTH_TAKEN');
      if (foreignKeyViolation(err) === BOOKING_BOOTH_FK) throw fail('BOOTH_NOT_FOUND');
      throw err;
    }
    await this.ctx.announce(fairId, [boothId]);
    return this.get(c, id);
  }
}
