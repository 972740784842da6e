// The fairs themselves: created and edited by their site's staff, listed per site and for the employers who may book
// now, and read with every booth's state for the public map. The map's booth states come from one hand-tuned join
// (every open map reads it again after each reconnection and layout change): keep it one query.
import type { StaffCredentials } from '../../core/auth/principals.js';
import { validationError, type ErrorDetail } from '../../core/http/errors.js';
import { inSite } from '../../core/tenancy/scope.js';
import type { Site } from '../../core/tenancy/sites.js';
import type { EmployerCredentials } from '../accounts/permissions.js';
import type { MembershipService } from '../network/membership-service.js';
import { fail } from './errors.js';
import { ACTIVE, boothState, type FairContext } from './fair-context.js';
import { insertVenue } from './layout-service.js';
import { Fair } from './models/fair.js';
import { FairVenue } from './models/fair-venue.js';
import type { FairInput } from './types.js';

type Times = Pick<FairInput, 'startsAt' | 'endsAt' | 'bookingOpensAt' | 'bookingClosesAt'>;

/**
 * The rules of a fair's times and fee that joi does not express, all at once (a form shows every one in one answer);
 * times left out are not compared.
 */
export function fairRuleErrors(input: Partial<Times> & { fee?: Partial<FairInput['fee']> }): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const t = (s: string | undefined) => (s ? new Date(s).getTime() : NaN);
  const [startsAt, endsAt, opensAt, closesAt] = [
    t(input.startsAt),
    t(input.endsAt),
    t(input.bookingOpensAt),
    t(input.bookingClosesAt),
  ];
  if (endsAt <= startsAt) errors.push({ path: 'endsAt', message: '结束时间须晚于开始时间' });
  if (closesAt <= opensAt) errors.push({ path: 'bookingClosesAt', message: '预定截止时间须晚于开放时间' });
  else if (closesAt > startsAt) errors.push({ path: 'bookingClosesAt', message: '预定须在招聘会开始前截止' });
  const fee = input.fee;
  if (
    fee?.payment !== undefined &&
    fee.amount !== undefined &&
    (fee.payment === 'none') !== (fee.amount === 0)
  )
    errors.push({
      path: 'fee.amount',
      message: fee.payment === 'none' ? '无需缴费时费用应为 0' : '收费招聘会请填写费用',
    });
  return errors;
}

function checkRules(input: Omit<FairInput, 'venues'>): void {
  const errors = fairRuleErrors(input);
  if (errors.length > 0) throw validationError(errors);
}

/** The columns a fair's basic fields are stored in. */
function basicFields(input: Omit<FairInput, 'venues'>) {
  return {
    title: input.title,
    description: input.description ?? '',
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    bookingOpensAt: input.bookingOpensAt,
    bookingClosesAt: input.bookingClosesAt,
    boothSelection: input.boothSelection,
    feeAmount: input.fee.amount,
    paymentMode: input.fee.payment,
  };
}

export class CatalogService {
  constructor(
    private readonly ctx: FairContext,
    private readonly memberships: MembershipService,
  ) {}

  /** The fair with its venues and every booth's state (free / held by a pending booking / taken). */
  async publicFair(id: number) {
    return this.publicView(await this.ctx.fair(id));
  }

  /** The fair (as `siteFairs` lists it) when it is this site's; another site's fair is as absent as a missing one. */
  async getForSite(siteId: number, fairId: number) {
    const fair = await Fair.query(this.ctx.db).findById(fairId);
    return this.ctx.fairView(inSite(fair, siteId, () => fail('NOT_FOUND')));
  }

  private async publicView(f: Fair) {
    const db = this.ctx.db;
    const venues = await FairVenue.query(db).where({ fair_id: f.id }).modify('ordered');
    const booths = (await db('fair_booths as b')
      .leftJoin('fair_bookings as k', (j) => j.on('k.booth_id', 'b.id').onIn('k.status', ACTIVE))
      .leftJoin('employers as e', 'e.id', 'k.employer_id')
      .where('b.fair_id', f.id)
      .orderBy(['b.venue_id', 'b.code'])
      .select(
        'b.id',
        'b.venue_id',
        'b.code',
        'b.x',
        'b.y',
        'k.status as booking_status',
        'e.name as employer_name',
      )) as {
      id: number;
      venue_id: number;
      code: string;
      x: number | null;
      y: number | null;
      booking_status: string | null;
      employer_name: string | null;
    }[];
    return {
      ...this.ctx.fairView(f),
      venues: venues.map((v) => ({
        id: v.id,
        name: v.name,
        booths: booths
          .filter((b) => b.venue_id === v.id)
          .map((b) => ({
            id: b.id,
            code: b.code,
            x: b.x,
            y: b.y,
            state: boothState(b.booking_status),
            employer: b.booking_status === 'approved' ? b.employer_name : null,
          })),
      })),
    };
  }

  /**
   * Fairs a site shows publicly that are not yet over, by start time: its own; the main site shows those of every
   * school too (all fairs are public once created).
   */
  async publicFairs(site: Site, limit?: number) {
    const rows = await Fair.query(this.ctx.db)
      .modify((q) => {
        if (!site.isMain) q.where({ site_id: site.id });
        if (limit) q.limit(limit);
      })
      .where('ends_at', '>', this.ctx.clock.now())
      .orderBy(['starts_at', 'id']);
    return { items: rows.map((r) => this.ctx.fairView(r)) };
  }

  /** The fair when `site` shows it publicly (its own; on main any school's); 404 otherwise. */
  async publicFairOn(site: Site, fairId: number) {
    if (!site.isMain) await this.getForSite(site.id, fairId);
    return this.publicFair(fairId);
  }

  async siteFairs(site: Site, upcomingOnly = true) {
    const rows = await Fair.query(this.ctx.db)
      .where({ site_id: site.id })
      .modify((q) => {
        if (upcomingOnly) q.where('ends_at', '>', this.ctx.clock.now());
      })
      .orderBy('starts_at');
    return { items: rows.map((r) => this.ctx.fairView(r)) };
  }

  /** Fairs the employer may book now: on sites it joined, booking window open. */
  async bookable(c: EmployerCredentials) {
    const memberships = await this.memberships.forEmployer(c.employerId);
    const siteIds = memberships.filter((m) => m.status === 'approved').map((m) => m.site_id);
    if (siteIds.length === 0) return { items: [] };
    const now = this.ctx.clock.now();
    const rows = await Fair.query(this.ctx.db)
      .whereIn('site_id', siteIds)
      .where('booking_opens_at', '<=', now)
      .where('booking_closes_at', '>', now)
      .orderBy('starts_at');
    return { items: rows.map((r) => this.ctx.fairView(r)) };
  }

  /** The site a fair belongs to (route scoping). */
  async siteOf(fairId: number): Promise<Site> {
    const f = await this.ctx.fair(fairId);
    return this.ctx.sites.byId(f.siteId)!;
  }

  async create(staff: StaffCredentials, site: Site, input: FairInput) {
    checkRules(input);
    input.venues.forEach((v, i) => {
      const codes = v.booths.map((b) => b.code);
      const dup = codes.find((c, k) => codes.indexOf(c) !== k);
      if (dup) throw validationError([{ path: `venues.${i}.booths`, message: `展位号 ${dup} 重复` }]);
    });
    const names = input.venues.map((v) => v.name);
    if (new Set(names).size !== names.length)
      throw validationError([{ path: 'venues', message: '分会场名称不能重复' }]);
    const id = await this.ctx.db.transaction(async (trx) => {
      const fair = await Fair.query(trx).insert({
        siteId: site.id,
        ...basicFields(input),
        createdBy: staff.id,
      });
      for (const [position, venue] of input.venues.entries())
        await insertVenue(trx, fair.id, venue, position);
      return fair.id;
    });
    return this.publicFair(id);
  }

  async update(staff: StaffCredentials, id: number, input: Omit<FairInput, 'venues'>) {
    const current = await this.ctx.fair(id);
    this.ctx.assertStaff(staff, current.siteId);
    checkRules(input);
    await current.$query(this.ctx.db).patch({ ...basicFields(input), updatedAt: this.ctx.db.fn.now() });
    return this.publicFair(id);
  }
}
