// Job fairs: sites create fairs with venues and booth maps; employers who joined the site book a booth (or choose
// it after approval), listing published, unexpired jobs and attendees; the site reviews bookings through the review
// engine; fees are paid offline and confirmed against an uploaded receipt; employers check in on the day.
// Double booking is impossible: partial unique indexes allow one active booking per booth and per employer per fair,
// so concurrent attempts leave exactly one winner and the others get 409 BOOTH_TAKEN / ALREADY_BOOKED.
// Every booth state change is published on `fair:<id>` after commit; the SSE route streams it to open maps. Staff may
// correct the layout (add booths, rename, remove booths or venues) but never erase booking history: a booth that any
// booking references stays (the foreign key from fair_bookings guards it too), and a fair keeps at least one venue.
// Layout changes are published as `{ type: 'layout', fairId }` so open maps read the fair again.
import type { Knex } from 'knex';
import type { StaffCredentials } from '../../core/auth/principals.js';
import { shanghaiDate, type Clock } from '../../core/clock.js';
import type { Db } from '../../core/db/knex.js';
import { appError, validationError } from '../../core/http/errors.js';
import type { PubSub } from '../../core/pubsub.js';
import type { Site, SiteRegistry } from '../../core/tenancy/sites.js';
import type { EmployerCredentials } from '../accounts/permissions.js';
import type { FileService } from '../files/file-service.js';
import type { JobService } from '../jobs/job-service.js';
import type { MembershipService } from '../network/membership-service.js';
import type { ReviewRow, ReviewService, SubjectDetails } from '../reviews/review-service.js';
import { PAYMENT_LABELS } from './export.js';
import { MAX_BOOTHS_PER_VENUE } from './schemas.js';
import { uniqueViolation, foreignKeyViolation } from '../../core/db/errors.js';
import { assertStaffOf } from '../../core/tenancy/scope.js';

const E = {
  NOT_FOUND: [404, 'NOT_FOUND', '招聘会不存在'],
  BOOKING_NOT_FOUND: [404, 'NOT_FOUND', '预定记录不存在'],
  BOOTH_NOT_FOUND: [404, 'NOT_FOUND', '展位不存在'],
  VENUE_NOT_FOUND: [404, 'NOT_FOUND', '分会场不存在'],
  BOOTH_HAS_BOOKINGS: [409, 'BOOTH_HAS_BOOKINGS', '该展位已有预定记录，不能删除'],
  VENUE_HAS_BOOKINGS: [409, 'VENUE_HAS_BOOKINGS', '该分会场的展位已有预定记录，不能删除'],
  LAST_VENUE: [409, 'LAST_VENUE', '每场招聘会至少保留一个分会场，不能删除最后一个分会场'],
  LAST_BOOTH: [409, 'LAST_BOOTH', '每个分会场至少保留一个展位；不再需要该分会场时，请删除分会场'],
  BOOTH_TAKEN: [409, 'BOOTH_TAKEN', '该展位已被预定，请选择其他展位'],
  ALREADY_BOOKED: [409, 'ALREADY_BOOKED', '贵单位已预定本场招聘会，不能重复预定'],
  BOOKING_CLOSED: [409, 'BOOKING_CLOSED', '不在本场招聘会的预定时间内'],
  SITE_NOT_JOINED: [403, 'SITE_NOT_JOINED', '尚未入驻举办学校的站点，审核通过后才能预定展位'],
  JOB_NOT_ACTIVE: [422, 'JOB_NOT_ACTIVE', '只能选择已发布且未失效的职位'],
  FAIR_STARTED: [409, 'FAIR_STARTED', '招聘会已开始，不能再修改预定'],
  NOT_CANCELLABLE: [409, 'NOT_CANCELLABLE', '只有待审核的预定可以取消'],
  NOT_APPROVED: [409, 'NOT_APPROVED', '预定审核通过后才能选展'],
  NOT_AFTER_APPROVAL: [409, 'NOT_AFTER_APPROVAL', '本场招聘会在预定时选择展位，不能另行选展'],
  BOOTH_CHOSEN: [409, 'BOOTH_CHOSEN', '已选择展位，不能重复选展'],
  NOT_FAIR_DAY: [409, 'NOT_FAIR_DAY', '只能在招聘会当天签到'],
  CHECK_IN_NOT_APPROVED: [409, 'NOT_APPROVED', '预定审核通过后才能签到'],
  PAYMENT_NOT_REQUIRED: [409, 'PAYMENT_NOT_REQUIRED', '本场招聘会无需缴费或当前无需上传缴费凭证'],
  PAYMENT_NOT_SUBMITTED: [409, 'PAYMENT_NOT_SUBMITTED', '该预定没有待确认的缴费凭证'],
  FORBIDDEN: [403, 'FORBIDDEN', '您只能管理本校站点的招聘会'],
} as const;
const fail = (k: keyof typeof E) => {
  const [status, code, message] = E[k];
  return appError(status, code, message);
};

export type BoothState = 'free' | 'held' | 'taken';
const ACTIVE = ['pending', 'approved'];

export interface FairInput {
  title: string;
  description?: string;
  startsAt: string;
  endsAt: string;
  bookingOpensAt: string;
  bookingClosesAt: string;
  boothSelection: 'at_booking' | 'after_approval';
  fee: { amount: number; payment: 'none' | 'at_booking' | 'after_approval' };
  venues: { name: string; booths: { code: string; x?: number; y?: number }[] }[];
}

export interface BookingInput {
  fairId: number;
  boothId?: number | null;
  jobIds: number[];
  attendees: { name: string; phone: string; title?: string }[];
}

interface FairRow {
  id: number;
  site_id: number;
  title: string;
  description: string;
  starts_at: Date;
  ends_at: Date;
  booking_opens_at: Date;
  booking_closes_at: Date;
  booth_selection: 'at_booking' | 'after_approval';
  fee_amount: number;
  payment_mode: 'none' | 'at_booking' | 'after_approval';
}

interface BookingRow {
  id: number;
  fair_id: number;
  site_id: number;
  employer_id: number;
  booth_id: number | null;
  status: 'pending' | 'approved' | 'rejected' | 'cancelled';
  attendees: { name: string; phone: string; title?: string }[];
  payment_status: string;
  receipt_file_id: string | null;
  payment_comment: string | null;
  checked_in_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** The booth code named by a unique violation of (venue_id, code): `Key (venue_id, code)=(12, A01) already exists.` */
function duplicateCode(err: unknown): string | undefined {
  return /\(venue_id, code\)=\(\d+, ([^)]+)\)/.exec((err as { detail?: string }).detail ?? '')?.[1];
}

const BOOTH_CODES_UNIQUE = 'fair_booths_venue_id_code_unique';
const VENUE_NAMES_UNIQUE = 'fair_venues_fair_id_name_unique';
const BOOKING_BOOTH_FK = 'fair_bookings_booth';

export class FairService {
  constructor(
    private readonly db: Db,
    private readonly sites: SiteRegistry,
    private readonly clock: Clock,
    private readonly reviews: ReviewService,
    private readonly memberships: MembershipService,
    private readonly files: FileService,
    private readonly jobs: JobService,
    private readonly pubsub: PubSub,
    private readonly employerName: (id: number, trx?: Knex.Transaction) => Promise<string>,
  ) {
    reviews.describe('fair_booking', (review) => this.reviewDetails(review.subject_id));
    reviews.handle('fair_booking', {
      onDecision: async (trx, review, status, comment) => {
        if (status !== 'approved' && status !== 'rejected') return;
        const booking = (await trx('fair_bookings')
          .where({ id: review.subject_id })
          .forUpdate()
          .first()) as BookingRow;
        const payment =
          status === 'approved' && booking.payment_status === 'not_due' ? 'unpaid' : booking.payment_status;
        await trx('fair_bookings')
          .where({ id: booking.id })
          .update({
            status,
            payment_status: payment,
            payment_comment: status === 'rejected' ? comment : booking.payment_comment,
            updated_at: trx.fn.now(),
          });
      },
      afterDecision: async (review: ReviewRow) => {
        const booking = (await this.db('fair_bookings').where({ id: review.subject_id }).first()) as
          BookingRow | undefined;
        if (booking?.booth_id) await this.announce(booking.fair_id, [booking.booth_id]);
      },
    });
  }

  // ---- views ----------------------------------------------------------------------------------------------------

  private siteRef(siteId: number) {
    const site = this.sites.byId(siteId);
    return { slug: site?.slug ?? '', name: site?.name ?? '' };
  }

  private fairView(f: FairRow) {
    return {
      id: f.id,
      site: this.siteRef(f.site_id),
      title: f.title,
      description: f.description,
      startsAt: new Date(f.starts_at).toISOString(),
      endsAt: new Date(f.ends_at).toISOString(),
      bookingOpensAt: new Date(f.booking_opens_at).toISOString(),
      bookingClosesAt: new Date(f.booking_closes_at).toISOString(),
      boothSelection: f.booth_selection,
      fee: { amount: f.fee_amount, payment: f.payment_mode },
      bookingOpen: this.windowOpen(f),
    };
  }

  private windowOpen(f: FairRow): boolean {
    const now = this.clock.now().getTime();
    return new Date(f.booking_opens_at).getTime() <= now && now < new Date(f.booking_closes_at).getTime();
  }

  private async fair(id: number, trx?: Knex | Knex.Transaction): Promise<FairRow> {
    const row = (await (trx ?? this.db)('fairs').where({ id }).first()) as FairRow | undefined;
    if (!row) throw fail('NOT_FOUND');
    return row;
  }

  /** The fair with its venues and every booth's state (free / held by a pending booking / taken). */
  async publicFair(id: number) {
    const f = await this.fair(id);
    const venues = await this.db('fair_venues').where({ fair_id: id }).orderBy(['position', 'id']);
    const booths = await this.db('fair_booths as b')
      .leftJoin('fair_bookings as k', (j) => j.on('k.booth_id', 'b.id').onIn('k.status', ACTIVE))
      .leftJoin('employers as e', 'e.id', 'k.employer_id')
      .where('b.fair_id', id)
      .orderBy(['b.venue_id', 'b.code'])
      .select(
        'b.id',
        'b.venue_id',
        'b.code',
        'b.x',
        'b.y',
        'k.status as booking_status',
        'e.name as employer_name',
      );
    return {
      ...this.fairView(f),
      venues: venues.map((v: { id: number; name: string }) => ({
        id: v.id,
        name: v.name,
        booths: booths
          .filter((b: { venue_id: number }) => b.venue_id === v.id)
          .map(
            (b: {
              id: number;
              code: string;
              x: number | null;
              y: number | null;
              booking_status: string | null;
              employer_name: string | null;
            }) => ({
              id: b.id,
              code: b.code,
              x: b.x,
              y: b.y,
              state: (b.booking_status === 'approved'
                ? 'taken'
                : b.booking_status === 'pending'
                  ? 'held'
                  : 'free') as BoothState,
              employer: b.booking_status === 'approved' ? b.employer_name : null,
            }),
          ),
      })),
    };
  }

  async siteFairs(site: Site, upcomingOnly = true) {
    const rows = (await this.db('fairs')
      .where({ site_id: site.id })
      .modify((q) => {
        if (upcomingOnly) q.where('ends_at', '>', this.clock.now());
      })
      .orderBy('starts_at')) as FairRow[];
    return { items: rows.map((r) => this.fairView(r)) };
  }

  /** Fairs the employer may book now: on sites it joined, booking window open. */
  async bookable(c: EmployerCredentials) {
    const memberships = await this.memberships.forEmployer(c.employerId);
    const siteIds = memberships.filter((m) => m.status === 'approved').map((m) => m.site_id);
    if (siteIds.length === 0) return { items: [] };
    const now = this.clock.now();
    const rows = (await this.db('fairs')
      .whereIn('site_id', siteIds)
      .where('booking_opens_at', '<=', now)
      .where('booking_closes_at', '>', now)
      .orderBy('starts_at')) as FairRow[];
    return { items: rows.map((r) => this.fairView(r)) };
  }

  // ---- live state -----------------------------------------------------------------------------------------------

  channel(fairId: number): string {
    return `fair:${fairId}`;
  }

  /** Publishes the current state of these booths (after commit). */
  async announce(fairId: number, boothIds: number[]): Promise<void> {
    if (boothIds.length === 0) return;
    const rows = await this.db('fair_booths as b')
      .leftJoin('fair_bookings as k', (j) => j.on('k.booth_id', 'b.id').onIn('k.status', ACTIVE))
      .whereIn('b.id', boothIds)
      .select('b.id', 'b.code', 'b.venue_id', 'k.status');
    for (const r of rows as { id: number; code: string; venue_id: number; status: string | null }[]) {
      const state: BoothState = r.status === 'approved' ? 'taken' : r.status === 'pending' ? 'held' : 'free';
      await this.pubsub.publish(this.channel(fairId), {
        fairId,
        boothId: r.id,
        venueId: r.venue_id,
        code: r.code,
        state,
      });
    }
  }

  // ---- staff ----------------------------------------------------------------------------------------------------

  private checkTimes(input: Pick<FairInput, 'startsAt' | 'endsAt' | 'bookingOpensAt' | 'bookingClosesAt'>) {
    const t = (s: string) => new Date(s).getTime();
    if (t(input.endsAt) <= t(input.startsAt))
      throw validationError([{ path: 'endsAt', message: '结束时间须晚于开始时间' }]);
    if (t(input.bookingClosesAt) <= t(input.bookingOpensAt))
      throw validationError([{ path: 'bookingClosesAt', message: '预定截止时间须晚于开放时间' }]);
    if (t(input.bookingClosesAt) > t(input.startsAt))
      throw validationError([{ path: 'bookingClosesAt', message: '预定须在招聘会开始前截止' }]);
  }

  private checkFee(fee: FairInput['fee']) {
    if ((fee.payment === 'none') !== (fee.amount === 0)) {
      throw validationError([
        {
          path: 'fee.amount',
          message: fee.payment === 'none' ? '无需缴费时费用应为 0' : '收费招聘会请填写费用',
        },
      ]);
    }
  }

  private assertSite(staff: StaffCredentials, siteId: number) {
    assertStaffOf(staff, siteId, E.FORBIDDEN[2]);
  }

  async create(staff: StaffCredentials, site: Site, input: FairInput) {
    this.checkTimes(input);
    this.checkFee(input.fee);
    input.venues.forEach((v, i) => {
      const codes = v.booths.map((b) => b.code);
      const dup = codes.find((c, k) => codes.indexOf(c) !== k);
      if (dup) throw validationError([{ path: `venues.${i}.booths`, message: `展位号 ${dup} 重复` }]);
    });
    const names = input.venues.map((v) => v.name);
    if (new Set(names).size !== names.length)
      throw validationError([{ path: 'venues', message: '分会场名称不能重复' }]);
    const id = await this.db.transaction(async (trx) => {
      const [fair] = await trx('fairs')
        .insert({
          site_id: site.id,
          title: input.title,
          description: input.description ?? '',
          starts_at: input.startsAt,
          ends_at: input.endsAt,
          booking_opens_at: input.bookingOpensAt,
          booking_closes_at: input.bookingClosesAt,
          booth_selection: input.boothSelection,
          fee_amount: input.fee.amount,
          payment_mode: input.fee.payment,
          created_by: staff.id,
        })
        .returning('id');
      const fairId = (fair as { id: number }).id;
      for (const [position, venue] of input.venues.entries()) {
        const [v] = await trx('fair_venues')
          .insert({ fair_id: fairId, name: venue.name, position })
          .returning('id');
        await this.insertBooths(trx, fairId, (v as { id: number }).id, venue.booths);
      }
      return fairId;
    });
    return this.publicFair(id);
  }

  async update(staff: StaffCredentials, id: number, input: Omit<FairInput, 'venues'>) {
    const current = await this.fair(id);
    this.assertSite(staff, current.site_id);
    this.checkTimes(input);
    this.checkFee(input.fee);
    await this.db('fairs')
      .where({ id })
      .update({
        title: input.title,
        description: input.description ?? '',
        starts_at: input.startsAt,
        ends_at: input.endsAt,
        booking_opens_at: input.bookingOpensAt,
        booking_closes_at: input.bookingClosesAt,
        booth_selection: input.boothSelection,
        fee_amount: input.fee.amount,
        payment_mode: input.fee.payment,
        updated_at: this.db.fn.now(),
      });
    return this.publicFair(id);
  }

  /** Adds a venue (分会场) with its booths to an existing fair. */
  async addVenue(staff: StaffCredentials, id: number, venue: FairInput['venues'][number]) {
    return this.changeLayout(
      staff,
      id,
      async (trx) => {
        const position =
          Number((await trx('fair_venues').where({ fair_id: id }).max('position as m').first())?.m ?? -1) + 1;
        const [v] = await trx('fair_venues')
          .insert({ fair_id: id, name: venue.name, position })
          .returning('id');
        await this.insertBooths(trx, id, (v as { id: number }).id, venue.booths);
      },
      (err) =>
        uniqueViolation(err)
          ? validationError([{ path: 'name', message: '分会场名称或展位号重复' }])
          : undefined,
    );
  }

  /** Venues and booths for the staff editor; each booth with how many bookings (of any status) reference it. */
  async layout(staff: StaffCredentials, fairId: number) {
    const f = await this.fair(fairId);
    this.assertSite(staff, f.site_id);
    const venues = (await this.db('fair_venues')
      .where({ fair_id: fairId })
      .orderBy(['position', 'id'])
      .select('id', 'name')) as { id: number; name: string }[];
    const booths = (await this.db('fair_booths as b')
      .leftJoin('fair_bookings as k', 'k.booth_id', 'b.id')
      .where('b.fair_id', fairId)
      .groupBy('b.id')
      .select('b.id', 'b.venue_id', 'b.code', 'b.x', 'b.y')
      .count('k.id as bookings')) as {
      id: number;
      venue_id: number;
      code: string;
      x: number | null;
      y: number | null;
      bookings: string | number;
    }[];
    const byCode = (a: { code: string }, b: { code: string }) =>
      a.code.localeCompare(b.code, 'en', { numeric: true });
    return {
      fair: this.fairView(f),
      venues: venues.map((v) => ({
        id: v.id,
        name: v.name,
        booths: booths
          .filter((b) => b.venue_id === v.id)
          .sort(byCode)
          .map((b) => ({ id: b.id, code: b.code, x: b.x, y: b.y, bookings: Number(b.bookings) })),
      })),
    };
  }

  /**
   * One change of a fair's venues or booths by its site's staff: `change` runs in a transaction; a database error
   * `refusal` recognises becomes that error; after commit, open maps are told to read the fair again
   * (`{ type: 'layout', fairId }`). Returns the fair as it now is.
   */
  private async changeLayout(
    staff: StaffCredentials,
    fairId: number,
    change: (trx: Knex.Transaction) => Promise<void>,
    refusal: (err: unknown) => Error | undefined = () => undefined,
  ) {
    const f = await this.fair(fairId);
    this.assertSite(staff, f.site_id);
    try {
      await this.db.transaction(change);
    } catch (err) {
      throw refusal(err) ?? err;
    }
    await this.pubsub.publish(this.channel(fairId), { type: 'layout', fairId });
    return this.publicFair(fairId);
  }

  private async insertBooths(
    trx: Knex.Transaction,
    fairId: number,
    venueId: number,
    booths: FairInput['venues'][number]['booths'],
  ): Promise<void> {
    await trx('fair_booths').insert(
      booths.map((b) => ({
        fair_id: fairId,
        venue_id: venueId,
        code: b.code,
        x: b.x ?? null,
        y: b.y ?? null,
      })),
    );
  }

  /** The venue of this fair, locked against concurrent layout changes (bookings may still reference its booths). */
  private async venueOf(trx: Knex.Transaction, fairId: number, venueId: number) {
    const venue = (await trx('fair_venues')
      .where({ id: venueId, fair_id: fairId })
      .forNoKeyUpdate()
      .first('id', 'name')) as { id: number; name: string } | undefined;
    if (!venue) throw fail('VENUE_NOT_FOUND');
    return venue;
  }

  /** Adds booths to a venue; a code the venue already has is refused by name. */
  async addBooths(
    staff: StaffCredentials,
    fairId: number,
    venueId: number,
    booths: FairInput['venues'][number]['booths'],
  ) {
    const codes = booths.map((b) => b.code);
    return this.changeLayout(
      staff,
      fairId,
      async (trx) => {
        const dup = codes.find((c, k) => codes.indexOf(c) !== k);
        if (dup) throw validationError([{ path: 'booths', message: `展位号 ${dup} 重复` }]);
        await this.venueOf(trx, fairId, venueId);
        const existing = (
          (await trx('fair_booths')
            .where({ venue_id: venueId })
            .whereIn('code', codes)
            .pluck('code')) as string[]
        ).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
        if (existing.length) {
          const named =
            existing.slice(0, 10).join('、') + (existing.length > 10 ? ` 等 ${existing.length} 个` : '');
          throw validationError([{ path: 'booths', message: `展位号 ${named} 已存在` }]);
        }
        const count = Number(
          (await trx('fair_booths').where({ venue_id: venueId }).count('id as n').first())?.n ?? 0,
        );
        if (count + booths.length > MAX_BOOTHS_PER_VENUE)
          throw validationError([
            {
              path: 'booths',
              message: `每个分会场最多 ${MAX_BOOTHS_PER_VENUE} 个展位，本分会场已有 ${count} 个`,
            },
          ]);
        await this.insertBooths(trx, fairId, venueId, booths);
      },
      (err) => {
        if (uniqueViolation(err) !== BOOTH_CODES_UNIQUE) return undefined;
        const code = duplicateCode(err);
        return validationError([
          { path: 'booths', message: code ? `展位号 ${code} 已存在` : '展位号已存在' },
        ]);
      },
    );
  }

  /** Renames a venue; names are unique within the fair. */
  async renameVenue(staff: StaffCredentials, fairId: number, venueId: number, name: string) {
    return this.changeLayout(
      staff,
      fairId,
      async (trx) => {
        await this.venueOf(trx, fairId, venueId);
        await trx('fair_venues').where({ id: venueId }).update({ name });
      },
      (err) =>
        uniqueViolation(err) === VENUE_NAMES_UNIQUE
          ? validationError([{ path: 'name', message: `本场招聘会已有名为「${name}」的分会场` }])
          : undefined,
    );
  }

  /**
   * Removes a booth no booking has ever referenced. The booth row is locked first, so a booking being made for it
   * either committed before (and is seen here) or waits and then fails its foreign key (BOOTH_NOT_FOUND).
   */
  async removeBooth(staff: StaffCredentials, fairId: number, venueId: number, boothId: number) {
    return this.changeLayout(
      staff,
      fairId,
      async (trx) => {
        await this.venueOf(trx, fairId, venueId);
        const booth = await trx('fair_booths')
          .where({ id: boothId, venue_id: venueId, fair_id: fairId })
          .forUpdate()
          .first('id');
        if (!booth) throw fail('BOOTH_NOT_FOUND');
        if (await trx('fair_bookings').where({ booth_id: boothId }).first('id'))
          throw fail('BOOTH_HAS_BOOKINGS');
        const left = Number(
          (await trx('fair_booths').where({ venue_id: venueId }).count('id as n').first())?.n ?? 0,
        );
        if (left <= 1) throw fail('LAST_BOOTH');
        await trx('fair_booths').where({ id: boothId }).delete();
      },
      (err) => (foreignKeyViolation(err) === BOOKING_BOOTH_FK ? fail('BOOTH_HAS_BOOKINGS') : undefined),
    );
  }

  /** Removes a venue with its booths when no booking references any of them; the last venue stays. */
  async removeVenue(staff: StaffCredentials, fairId: number, venueId: number) {
    return this.changeLayout(
      staff,
      fairId,
      async (trx) => {
        // Serialises removals of this fair's venues (bookings only take a key-share lock on the fair).
        await trx('fairs').where({ id: fairId }).forNoKeyUpdate().first('id');
        await this.venueOf(trx, fairId, venueId);
        const venues = Number(
          (await trx('fair_venues').where({ fair_id: fairId }).count('id as n').first())?.n ?? 0,
        );
        if (venues <= 1) throw fail('LAST_VENUE');
        const boothIds = (await trx('fair_booths')
          .where({ venue_id: venueId })
          .forUpdate()
          .pluck('id')) as number[];
        if (boothIds.length && (await trx('fair_bookings').whereIn('booth_id', boothIds).first('id')))
          throw fail('VENUE_HAS_BOOKINGS');
        await trx('fair_venues').where({ id: venueId }).delete();
      },
      (err) => (foreignKeyViolation(err) === BOOKING_BOOTH_FK ? fail('VENUE_HAS_BOOKINGS') : undefined),
    );
  }

  /** Staff view of a fair's bookings, with employers, jobs, attendees, payment and check-in. */
  async bookings(staff: StaffCredentials, fairId: number, filter: { status?: string } = {}) {
    const f = await this.fair(fairId);
    this.assertSite(staff, f.site_id);
    const rows = (await this.db('fair_bookings as k')
      .join('employers as e', 'e.id', 'k.employer_id')
      .leftJoin('fair_booths as b', 'b.id', 'k.booth_id')
      .leftJoin('fair_venues as v', 'v.id', 'b.venue_id')
      .where('k.fair_id', fairId)
      .modify((q) => {
        if (filter.status) q.where('k.status', filter.status);
      })
      .orderBy('k.id')
      .select(
        'k.*',
        'e.name as employer_name',
        'b.code as booth_code',
        'v.name as venue_name',
      )) as (BookingRow & { employer_name: string; booth_code: string | null; venue_name: string | null })[];
    const jobs = await this.bookingJobs(rows.map((r) => r.id));
    const reviewIds = await this.db('reviews')
      .where({ subject_type: 'fair_booking', site_id: f.site_id })
      .whereIn(
        'subject_id',
        rows.map((r) => r.id),
      )
      .select('id', 'subject_id');
    return {
      fair: this.fairView(f),
      items: rows.map((r) => ({
        ...this.bookingView(
          r,
          f,
          jobs.get(r.id) ?? [],
          r.booth_code ? { code: r.booth_code, venue: r.venue_name ?? '' } : null,
        ),
        employer: { id: r.employer_id, name: r.employer_name },
        reviewId:
          Number(reviewIds.find((x: { subject_id: number }) => Number(x.subject_id) === r.id)?.id ?? 0) ||
          null,
      })),
    };
  }

  async confirmPayment(
    staff: StaffCredentials,
    bookingId: number,
    decision: 'confirm' | 'return',
    comment: string | null,
  ) {
    if (decision === 'return' && !comment?.trim())
      throw validationError([{ path: 'comment', message: '退回缴费凭证时必须说明原因' }]);
    await this.db.transaction(async (trx) => {
      const b = (await trx('fair_bookings').where({ id: bookingId }).forUpdate().first()) as
        BookingRow | undefined;
      if (!b) throw fail('BOOKING_NOT_FOUND');
      this.assertSite(staff, b.site_id);
      if (b.payment_status !== 'submitted') throw fail('PAYMENT_NOT_SUBMITTED');
      await trx('fair_bookings')
        .where({ id: bookingId })
        .update({
          payment_status: decision === 'confirm' ? 'confirmed' : 'returned',
          payment_comment: comment?.trim() || null,
          updated_at: trx.fn.now(),
        });
    });
    return this.staffBooking(staff, bookingId);
  }

  private async staffBooking(staff: StaffCredentials, bookingId: number) {
    const b = (await this.db('fair_bookings').where({ id: bookingId }).first()) as BookingRow;
    const f = await this.fair(b.fair_id);
    this.assertSite(staff, f.site_id);
    return this.bookingView(b, f, (await this.bookingJobs([b.id])).get(b.id) ?? [], await this.boothLabel(b));
  }

  /** What staff read before deciding on a booking (review details): fair, booth, jobs, attendees, payment. */
  async reviewDetails(bookingId: number): Promise<SubjectDetails | null> {
    const b = (await this.db('fair_bookings').where({ id: bookingId }).first()) as BookingRow | undefined;
    if (!b) return null;
    const f = await this.fair(b.fair_id);
    const booth = await this.boothLabel(b);
    const jobs = (await this.bookingJobs([b.id])).get(b.id) ?? [];
    return {
      facts: [
        { label: '招聘会', value: f.title },
        {
          label: '展位',
          value: booth
            ? `${booth.venue} ${booth.code}`
            : f.booth_selection === 'after_approval'
              ? '审核通过后选展'
              : '未选择',
        },
        { label: '参会职位', value: jobs.map((j) => j.title).join('、') || '—' },
        {
          label: '参会人员',
          value: b.attendees.map((a) => `${a.name} ${a.phone}${a.title ? `（${a.title}）` : ''}`).join('；'),
        },
        { label: '缴费', value: PAYMENT_LABELS[b.payment_status] ?? b.payment_status },
      ],
    };
  }

  private async boothLabel(b: BookingRow): Promise<{ code: string; venue: string } | null> {
    if (!b.booth_id) return null;
    return (await this.db('fair_booths as b')
      .join('fair_venues as v', 'v.id', 'b.venue_id')
      .where('b.id', b.booth_id)
      .first('b.code', 'v.name as venue')) as { code: string; venue: string };
  }

  /** Check-in at the desk by staff of the fair's site: the same rules as the employer's own check-in. */
  async staffCheckIn(staff: StaffCredentials, bookingId: number) {
    await this.db.transaction(async (trx) => {
      const b = (await trx('fair_bookings').where({ id: bookingId }).forUpdate().first()) as
        BookingRow | undefined;
      if (!b) throw fail('BOOKING_NOT_FOUND');
      this.assertSite(staff, b.site_id);
      await this.checkInLocked(trx, b);
    });
    return this.staffBooking(staff, bookingId);
  }

  /** Approved bookings of a fair for the day's check-in desk. */
  async checkInList(staff: StaffCredentials, fairId: number) {
    const { fair, items } = await this.bookings(staff, fairId, { status: 'approved' });
    return {
      fair,
      items: items.map((i) => ({
        bookingId: i.id,
        employer: i.employer,
        booth: i.booth,
        attendees: i.attendees,
        checkedInAt: i.checkedInAt,
        payment: i.payment,
      })),
      checkedIn: items.filter((i) => i.checkedInAt).length,
      total: items.length,
    };
  }

  // ---- employers ------------------------------------------------------------------------------------------------

  private bookingView(
    b: BookingRow,
    f: FairRow,
    jobs: { id: number; title: string }[],
    booth?: { code: string; venue: string } | null,
  ) {
    return {
      id: b.id,
      fair: {
        id: f.id,
        title: f.title,
        site: this.siteRef(f.site_id),
        startsAt: new Date(f.starts_at).toISOString(),
        endsAt: new Date(f.ends_at).toISOString(),
        boothSelection: f.booth_selection,
      },
      status: b.status,
      booth: b.booth_id ? { id: b.booth_id, ...(booth ?? {}) } : null,
      jobs,
      attendees: b.attendees,
      payment: {
        status: b.payment_status,
        amount: f.fee_amount,
        mode: f.payment_mode,
        receiptFileId: b.receipt_file_id,
        comment: b.payment_comment,
      },
      checkedInAt: b.checked_in_at ? new Date(b.checked_in_at).toISOString() : null,
      createdAt: new Date(b.created_at).toISOString(),
    };
  }

  private async bookingJobs(bookingIds: number[]): Promise<Map<number, { id: number; title: string }[]>> {
    const rows = bookingIds.length
      ? ((await this.db('fair_booking_jobs as bj')
          .join('jobs as j', 'j.id', 'bj.job_id')
          .whereIn('bj.booking_id', bookingIds)
          .select('bj.booking_id', 'j.id', 'j.title')
          .orderBy('j.id')) as {
          booking_id: number;
          id: number;
          title: string;
        }[])
      : [];
    const map = new Map<number, { id: number; title: string }[]>();
    for (const r of rows)
      map.set(r.booking_id, [...(map.get(r.booking_id) ?? []), { id: r.id, title: r.title }]);
    return map;
  }

  private async own(
    trx: Knex | Knex.Transaction,
    c: EmployerCredentials,
    id: number,
    lock = false,
  ): Promise<BookingRow> {
    const q = trx('fair_bookings').where({ id, employer_id: c.employerId });
    const row = (await (lock ? q.forUpdate() : q).first()) as BookingRow | undefined;
    if (!row) throw fail('BOOKING_NOT_FOUND');
    return row;
  }

  private async checkJobs(c: EmployerCredentials, jobIds: number[], trx?: Knex.Transaction) {
    const ok = await this.jobs.activePublished(c.employerId, jobIds, trx);
    if (ok.length !== new Set(jobIds).size) throw fail('JOB_NOT_ACTIVE');
  }

  private async boothOf(fairId: number, boothId: number, trx: Knex | Knex.Transaction) {
    const booth = await trx('fair_booths').where({ id: boothId, fair_id: fairId }).first('id');
    if (!booth) throw fail('BOOTH_NOT_FOUND');
  }

  async book(c: EmployerCredentials, input: BookingInput) {
    const f = await this.fair(input.fairId);
    const site = this.sites.byId(f.site_id)!;
    if (!(await this.memberships.isApproved(c.employerId, site))) throw fail('SITE_NOT_JOINED');
    if (!this.windowOpen(f)) throw fail('BOOKING_CLOSED');
    if (f.booth_selection === 'at_booking' && !input.boothId)
      throw validationError([{ path: 'boothId', message: '请选择展位' }]);
    if (f.booth_selection === 'after_approval' && input.boothId)
      throw validationError([{ path: 'boothId', message: '本场招聘会在审核通过后选展' }]);
    await this.checkJobs(c, input.jobIds);
    if (input.boothId) await this.boothOf(f.id, input.boothId, this.db);
    const name = await this.employerName(c.employerId);
    const certified = await this.memberships.certifiedOnMain(c.employerId);
    const tags = (await this.memberships.get(c.employerId, site))?.tag_ids ?? [];
    let bookingId: number;
    try {
      bookingId = await this.db.transaction(async (trx) => {
        const [row] = (await trx('fair_bookings')
          .insert({
            fair_id: f.id,
            site_id: f.site_id,
            employer_id: c.employerId,
            booth_id: input.boothId ?? null,
            attendees: JSON.stringify(input.attendees),
            payment_status:
              f.payment_mode === 'none'
                ? 'not_required'
                : f.payment_mode === 'at_booking'
                  ? 'unpaid'
                  : 'not_due',
            created_by: c.id,
          })
          .returning('id')) as { id: number }[];
        await trx('fair_booking_jobs').insert(
          [...new Set(input.jobIds)].map((job_id) => ({ booking_id: row!.id, job_id })),
        );
        await this.reviews.submit(
          trx,
          {
            site,
            type: 'fair_booking',
            subjectId: row!.id,
            employer: { id: c.employerId, name, certifiedOnMain: certified, tagIds: tags },
            summary: `「${name}」预定招聘会展位：${f.title}`,
          },
          { kind: 'employer', id: c.id },
        );
        return row!.id;
      });
    } catch (err) {
      const constraint = uniqueViolation(err);
      if (constraint === 'fair_bookings_one_per_booth') throw fail('BOOTH_TAKEN');
      if (constraint === 'fair_bookings_one_per_employer') throw fail('ALREADY_BOOKED');
      if (foreignKeyViolation(err) === BOOKING_BOOTH_FK) throw fail('BOOTH_NOT_FOUND');
      throw err;
    }
    if (input.boothId) await this.announce(f.id, [input.boothId]);
    return this.get(c, bookingId);
  }

  async get(c: EmployerCredentials, id: number) {
    const b = await this.own(this.db, c, id);
    const f = await this.fair(b.fair_id);
    return this.bookingView(b, f, (await this.bookingJobs([b.id])).get(b.id) ?? [], await this.boothLabel(b));
  }

  async mine(c: EmployerCredentials) {
    const ids = (await this.db('fair_bookings')
      .where({ employer_id: c.employerId })
      .orderBy('id', 'desc')
      .pluck('id')) as number[];
    return { items: await Promise.all(ids.map((id) => this.get(c, id))) };
  }

  /** Edit jobs and attendees until the fair starts. */
  async edit(c: EmployerCredentials, id: number, input: Pick<BookingInput, 'jobIds' | 'attendees'>) {
    await this.checkJobs(c, input.jobIds);
    await this.db.transaction(async (trx) => {
      const b = await this.own(trx, c, id, true);
      const f = await this.fair(b.fair_id, trx);
      if (this.clock.now() >= new Date(f.starts_at)) throw fail('FAIR_STARTED');
      if (b.status === 'cancelled' || b.status === 'rejected') throw fail('NOT_CANCELLABLE');
      await trx('fair_bookings')
        .where({ id })
        .update({ attendees: JSON.stringify(input.attendees), updated_at: trx.fn.now() });
      await trx('fair_booking_jobs').where({ booking_id: id }).delete();
      await trx('fair_booking_jobs').insert(
        [...new Set(input.jobIds)].map((job_id) => ({ booking_id: id, job_id })),
      );
    });
    return this.get(c, id);
  }

  /** Cancel while pending: the booth is free again at once and the review leaves the queue. */
  async cancel(c: EmployerCredentials, id: number) {
    const boothId = await this.db.transaction(async (trx) => {
      const b = await this.own(trx, c, id, true);
      if (b.status !== 'pending') throw fail('NOT_CANCELLABLE');
      await trx('fair_bookings').where({ id }).update({ status: 'cancelled', updated_at: trx.fn.now() });
      await this.reviews.withdraw(trx, 'fair_booking', [id], { kind: 'employer', id: c.id });
      return b.booth_id;
    });
    const b = await this.own(this.db, c, id);
    if (boothId) await this.announce(b.fair_id, [boothId]);
    return this.get(c, id);
  }

  async uploadReceipt(c: EmployerCredentials, id: number, fileId: string) {
    if (!(await this.files.ownedBy(fileId, c.employerId)))
      throw validationError([{ path: 'fileId', message: '缴费凭证文件不存在，请重新上传' }]);
    await this.db.transaction(async (trx) => {
      const b = await this.own(trx, c, id, true);
      if (
        !['unpaid', 'returned', 'submitted'].includes(b.payment_status) ||
        b.status === 'cancelled' ||
        b.status === 'rejected'
      )
        throw fail('PAYMENT_NOT_REQUIRED');
      await trx('fair_bookings').where({ id }).update({
        receipt_file_id: fileId,
        payment_status: 'submitted',
        payment_comment: null,
        updated_at: trx.fn.now(),
      });
    });
    return this.get(c, id);
  }

  /** 选展: in after-approval fairs, an approved booking picks a free booth. */
  async chooseBooth(c: EmployerCredentials, id: number, boothId: number) {
    let fairId = 0;
    try {
      await this.db.transaction(async (trx) => {
        const b = await this.own(trx, c, id, true);
        const f = await this.fair(b.fair_id, trx);
        fairId = f.id;
        if (f.booth_selection !== 'after_approval') throw fail('NOT_AFTER_APPROVAL');
        if (b.status !== 'approved') throw fail('NOT_APPROVED');
        if (b.booth_id) throw fail('BOOTH_CHOSEN');
        if (this.clock.now() >= new Date(f.starts_at)) throw fail('FAIR_STARTED');
        await this.boothOf(f.id, boothId, trx);
        await trx('fair_bookings').where({ id }).update({ booth_id: boothId, updated_at: trx.fn.now() });
      });
    } catch (err) {
      if (uniqueViolation(err) === 'fair_bookings_one_per_booth') throw fail('BOOTH_TAKEN');
      if (foreignKeyViolation(err) === BOOKING_BOOTH_FK) throw fail('BOOTH_NOT_FOUND');
      throw err;
    }
    await this.announce(fairId, [boothId]);
    return this.get(c, id);
  }

  /** Checks in a locked booking: approved only, on the fair's day (Asia/Shanghai); a second check-in changes nothing. */
  private async checkInLocked(trx: Knex.Transaction, b: BookingRow) {
    const f = await this.fair(b.fair_id, trx);
    if (b.status !== 'approved') throw fail('CHECK_IN_NOT_APPROVED');
    const today = this.clock.today();
    if (today < shanghaiDate(new Date(f.starts_at)) || today > shanghaiDate(new Date(f.ends_at)))
      throw fail('NOT_FAIR_DAY');
    if (!b.checked_in_at)
      await trx('fair_bookings')
        .where({ id: b.id })
        .update({ checked_in_at: this.clock.now(), updated_at: trx.fn.now() });
  }

  /** Check-in on the fair's day (Asia/Shanghai), approved bookings only. */
  async checkIn(c: EmployerCredentials, id: number) {
    await this.db.transaction(async (trx) => this.checkInLocked(trx, await this.own(trx, c, id, true)));
    return this.get(c, id);
  }

  /** The site a fair belongs to (route scoping). */
  async siteOf(fairId: number): Promise<Site> {
    const f = await this.fair(fairId);
    return this.sites.byId(f.site_id)!;
  }
}
