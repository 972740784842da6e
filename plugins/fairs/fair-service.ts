// Job fairs (招聘会): the service the plugin exposes as `app.services.fairs`. A façade: each method hands over to the
// part that owns its rules, so page code and tests keep one service while each part stays small —
//   catalog-service          the fairs: create, edit, list, the public map with booth states
//   layout-service           venues and booths changed after creation
//   booking-service          bookings by employers, the staff list, review decisions
//   payment-check-in-service receipts, payment confirmation, check-in on the day
// They share a FairContext (loading, views, tenant check, live announcements on `fair:<id>`).
import type { Knex } from 'knex';
import type { StaffCredentials } from '../../core/auth/principals.js';
import type { Clock } from '../../core/clock.js';
import type { Db } from '../../core/db/knex.js';
import type { PubSub } from '../../core/pubsub.js';
import type { Site, SiteRegistry } from '../../core/tenancy/sites.js';
import type { EmployerCredentials } from '../accounts/permissions.js';
import type { FileService } from '../files/file-service.js';
import type { JobService } from '../jobs/job-service.js';
import type { MembershipService } from '../network/membership-service.js';
import type { ReviewService, SubjectDetails } from '../reviews/review-service.js';
import { BookingService } from './booking-service.js';
import { CatalogService } from './catalog-service.js';
import { FairContext } from './fair-context.js';
import { LayoutService } from './layout-service.js';
import { PaymentCheckInService } from './payment-check-in-service.js';
import { timeRange } from './pages/format.js';
import type { BoothInput, BookingInput, FairInput, VenueInput } from './types.js';

export type { BoothState, BookingInput, FairInput } from './types.js';

export class FairService {
  private readonly ctx: FairContext;
  private readonly catalog: CatalogService;
  private readonly layouts: LayoutService;
  private readonly booking: BookingService;
  private readonly desk: PaymentCheckInService;

  constructor(
    db: Db,
    sites: SiteRegistry,
    clock: Clock,
    reviews: ReviewService,
    memberships: MembershipService,
    files: FileService,
    jobs: JobService,
    pubsub: PubSub,
    employerName: (id: number, trx?: Knex.Transaction) => Promise<string>,
  ) {
    this.ctx = new FairContext(db, sites, clock, pubsub);
    this.catalog = new CatalogService(this.ctx, memberships);
    this.layouts = new LayoutService(this.ctx, this.catalog);
    this.booking = new BookingService(this.ctx, reviews, memberships, jobs, employerName);
    this.desk = new PaymentCheckInService(this.ctx, this.booking, files);
    reviews.describe('fair_booking', (review) => this.booking.reviewDetails(review.subject_id));
    reviews.handle('fair_booking', {
      onDecision: (trx, review, status, comment) => this.booking.onDecision(trx, review, status, comment),
      afterDecision: (review) => this.booking.afterDecision(review),
    });
  }

  // ---- fairs ----------------------------------------------------------------------------------------------------

  /** The fair with its venues and every booth's state (free / held by a pending booking / taken); 404 if none. */
  publicFair(id: number) {
    return this.catalog.publicFair(id);
  }

  /**
   * The fair (as `siteFairs` lists it) when it belongs to site `siteId`; 404 NOT_FOUND when it does not exist or is
   * another site's (tenant scope via `inSite`). One query: use it to scope a fair named in a path.
   */
  getForSite(siteId: number, fairId: number) {
    return this.catalog.getForSite(siteId, fairId);
  }

  /** The site's fairs by start time: those not yet over, or all of them. */
  siteFairs(site: Site, upcomingOnly = true) {
    return this.catalog.siteFairs(site, upcomingOnly);
  }

  /**
   * Upcoming fairs a site shows publicly (its own; on main every school's too), soonest first, as home pages and
   * portals list them: id, title, start and end, the dates as text, the holding school and the fair's page on `site`.
   */
  async upcomingForSite(siteOrSlug: Site | string, limit = 5) {
    const site = typeof siteOrSlug === 'string' ? this.ctx.sites.require(siteOrSlug) : siteOrSlug;
    const { items } = await this.catalog.publicFairs(site, limit);
    return items.map((f) => ({
      id: f.id,
      title: f.title,
      startsAt: f.startsAt,
      endsAt: f.endsAt,
      dates: timeRange(f.startsAt, f.endsAt),
      site: f.site,
      schoolName: f.site.name,
      url: `${site.url}fairs/${f.id}`,
    }));
  }

  /** Fairs a site shows publicly that are not yet over: its own; the main site's list has every school's too. */
  publicFairs(site: Site, limit?: number) {
    return this.catalog.publicFairs(site, limit);
  }

  /** The fair with booth states when `site` shows it publicly (its own; on main any school's); 404 otherwise. */
  publicFairOn(site: Site, fairId: number) {
    return this.catalog.publicFairOn(site, fairId);
  }

  /** Fairs the employer may book now: on sites it joined, booking window open. */
  bookable(c: EmployerCredentials) {
    return this.catalog.bookable(c);
  }

  /** The site a fair belongs to (route scoping); 404 if no such fair. */
  siteOf(fairId: number): Promise<Site> {
    return this.catalog.siteOf(fairId);
  }

  /** Creates a fair with its venues and booths on `site`. */
  create(staff: StaffCredentials, site: Site, input: FairInput) {
    return this.catalog.create(staff, site, input);
  }

  /** Changes a fair's basic fields (times, booth selection, fee). */
  update(staff: StaffCredentials, id: number, input: Omit<FairInput, 'venues'>) {
    return this.catalog.update(staff, id, input);
  }

  // ---- live state -----------------------------------------------------------------------------------------------

  /** The pub/sub channel of a fair's booth and layout events. */
  channel(fairId: number): string {
    return this.ctx.channel(fairId);
  }

  /** Publishes the current state of these booths (after commit). */
  announce(fairId: number, boothIds: number[]): Promise<void> {
    return this.ctx.announce(fairId, boothIds);
  }

  // ---- layout ---------------------------------------------------------------------------------------------------

  /** Venues and booths for the staff editor; each booth with how many bookings (of any status) reference it. */
  layout(staff: StaffCredentials, fairId: number) {
    return this.layouts.layout(staff, fairId);
  }

  /** Adds a venue (分会场) with its booths to an existing fair. */
  addVenue(staff: StaffCredentials, id: number, venue: VenueInput) {
    return this.layouts.addVenue(staff, id, venue);
  }

  /** Adds booths to a venue; a code the venue already has is refused by name. */
  addBooths(staff: StaffCredentials, fairId: number, venueId: number, booths: BoothInput[]) {
    return this.layouts.addBooths(staff, fairId, venueId, booths);
  }

  /** Renames a venue; names are unique within the fair. */
  renameVenue(staff: StaffCredentials, fairId: number, venueId: number, name: string) {
    return this.layouts.renameVenue(staff, fairId, venueId, name);
  }

  /** Removes a booth no booking has ever referenced; a venue keeps its last booth. */
  removeBooth(staff: StaffCredentials, fairId: number, venueId: number, boothId: number) {
    return this.layouts.removeBooth(staff, fairId, venueId, boothId);
  }

  /** Removes a venue with its booths when no booking references any of them; the last venue stays. */
  removeVenue(staff: StaffCredentials, fairId: number, venueId: number) {
    return this.layouts.removeVenue(staff, fairId, venueId);
  }

  // ---- bookings -------------------------------------------------------------------------------------------------

  /** Staff view of a fair's bookings, with employers, jobs, attendees, payment, check-in and review id. */
  bookings(staff: StaffCredentials, fairId: number, filter: { status?: string } = {}) {
    return this.booking.bookings(staff, fairId, filter);
  }

  /** What staff read before deciding on a booking (review details): fair, booth, jobs, attendees, payment. */
  reviewDetails(bookingId: number): Promise<SubjectDetails | null> {
    return this.booking.reviewDetails(bookingId);
  }

  /** Books a booth (or, in after-approval fairs, a place) for the employer: 409 BOOTH_TAKEN / ALREADY_BOOKED. */
  book(c: EmployerCredentials, input: BookingInput) {
    return this.booking.book(c, input);
  }

  /** The employer's own booking; 404 for anyone else's. */
  get(c: EmployerCredentials, id: number) {
    return this.booking.get(c, id);
  }

  /** The employer's bookings, newest first. */
  mine(c: EmployerCredentials) {
    return this.booking.mine(c);
  }

  /** Edit jobs and attendees until the fair starts. */
  edit(c: EmployerCredentials, id: number, input: Pick<BookingInput, 'jobIds' | 'attendees'>) {
    return this.booking.edit(c, id, input);
  }

  /** Cancel while pending: the booth is free again, the review leaves the queue, a paid fee becomes `refund_due`. */
  cancel(c: EmployerCredentials, id: number) {
    return this.booking.cancel(c, id);
  }

  /** 选展: in after-approval fairs, an approved booking picks a free booth. */
  chooseBooth(c: EmployerCredentials, id: number, boothId: number) {
    return this.booking.chooseBooth(c, id, boothId);
  }

  // ---- payments and check-in ------------------------------------------------------------------------------------

  /** The employer's receipt for an unpaid (or returned) fee. */
  uploadReceipt(c: EmployerCredentials, id: number, fileId: string) {
    return this.desk.uploadReceipt(c, id, fileId);
  }

  /** Staff confirm a submitted receipt or return it with a reason. */
  confirmPayment(
    staff: StaffCredentials,
    bookingId: number,
    decision: 'confirm' | 'return',
    comment: string | null,
  ) {
    return this.desk.confirmPayment(staff, bookingId, decision, comment);
  }

  /** Staff mark the fee of an ended booking paid back: `refund_due` → `refunded`; 409 NOT_REFUND_DUE otherwise. */
  markRefunded(staff: StaffCredentials, bookingId: number, note: string | null) {
    return this.desk.markRefunded(staff, bookingId, note);
  }

  /** Check-in on the fair's day (Asia/Shanghai), approved bookings only. */
  checkIn(c: EmployerCredentials, id: number) {
    return this.desk.checkIn(c, id);
  }

  /** Check-in at the desk by staff of the fair's site: the same rules as the employer's own check-in. */
  staffCheckIn(staff: StaffCredentials, bookingId: number) {
    return this.desk.staffCheckIn(staff, bookingId);
  }

  /** Approved bookings of a fair for the day's check-in desk. */
  checkInList(staff: StaffCredentials, fairId: number) {
    return this.desk.checkInList(staff, fairId);
  }
}
