// Layout changes: staff of the fair's site add venues (分会场) and booths, rename venues, and remove booths or venues.
// They never erase booking history: a booth any booking references (of any status) stays — the composite foreign key
// from fair_bookings guards it too — and a fair keeps at least one venue, a venue at least one booth. The rows are
// locked in one order (venue, then its booths; the fair itself before counting its venues) so concurrent removals
// and bookings leave one consistent answer. After commit, open maps are told `{ type: 'layout', fairId }`.
import type { Knex } from 'knex';
import type { StaffCredentials } from '../../core/auth/principals.js';
import { foreignKeyViolation, uniqueViolation } from '../../core/db/errors.js';
import { validationError } from '../../core/http/errors.js';
import type { CatalogService } from './catalog-service.js';
import { BOOKING_BOOTH_FK, BOOTH_CODES_UNIQUE, fail, VENUE_NAMES_UNIQUE } from './errors.js';
import type { FairContext } from './fair-context.js';
import { Fair } from './models/fair.js';
import { FairBooking } from './models/fair-booking.js';
import { FairBooth } from './models/fair-booth.js';
import { FairVenue } from './models/fair-venue.js';
import { MAX_BOOTHS_PER_VENUE } from './schemas.js';
import type { BoothInput, VenueInput } from './types.js';

/** The booth code named by a unique violation of (venue_id, code): `Key (venue_id, code)=(12, A01) already exists.` */
function duplicateCode(err: unknown): string | undefined {
  const e = err as { detail?: string; nativeError?: { detail?: string } };
  return /\(venue_id, code\)=\(\d+, ([^)]+)\)/.exec(e.detail ?? e.nativeError?.detail ?? '')?.[1];
}

const byCode = (a: { code: string }, b: { code: string }) =>
  a.code.localeCompare(b.code, 'en', { numeric: true });

const boothRows = (fairId: number, booths: BoothInput[]) =>
  booths.map((b) => ({ fairId, code: b.code, x: b.x ?? null, y: b.y ?? null }));

/** Inserts a venue with its booths (at fair creation and when one is added). */
export async function insertVenue(
  trx: Knex.Transaction,
  fairId: number,
  venue: VenueInput,
  position: number,
): Promise<void> {
  await FairVenue.query(trx).insertGraph({
    fairId,
    name: venue.name,
    position,
    booths: boothRows(fairId, venue.booths),
  });
}

export class LayoutService {
  constructor(
    private readonly ctx: FairContext,
    private readonly catalog: CatalogService,
  ) {}

  /** Venues and booths for the staff editor; each booth with how many bookings (of any status) reference it. */
  async layout(staff: StaffCredentials, fairId: number) {
    const f = await Fair.query(this.ctx.db)
      .findById(fairId)
      .withGraphFetched('venues(ordered).booths')
      .modifyGraph('venues.booths', (q) => {
        q.leftJoin('fair_bookings as k', 'k.booth_id', 'fair_booths.id')
          .groupBy('fair_booths.id')
          .select('fair_booths.*')
          .count('k.id as booking_count');
      });
    if (!f) throw fail('NOT_FOUND');
    this.ctx.assertStaff(staff, f.siteId);
    return {
      fair: this.ctx.fairView(f),
      venues: (f.venues ?? []).map((v) => ({
        id: v.id,
        name: v.name,
        booths: [...(v.booths ?? [])]
          .sort(byCode)
          .map((b) => ({ id: b.id, code: b.code, x: b.x, y: b.y, bookings: Number(b.bookingCount) })),
      })),
    };
  }

  /**
   * One change of a fair's venues or booths by its site's staff: `change` runs in a transaction; a database error
   * `refusal` recognises becomes that error; after commit, open maps are told to read the fair again. Returns the
   * fair as it now is.
   */
  private async change(
    staff: StaffCredentials,
    fairId: number,
    change: (trx: Knex.Transaction) => Promise<void>,
    refusal: (err: unknown) => Error | undefined = () => undefined,
  ) {
    const f = await this.ctx.fair(fairId);
    this.ctx.assertStaff(staff, f.siteId);
    try {
      await this.ctx.db.transaction(change);
    } catch (err) {
      throw refusal(err) ?? err;
    }
    await this.ctx.announceLayout(fairId);
    return this.catalog.publicFair(fairId);
  }

  /** The venue of this fair, locked against concurrent layout changes (bookings may still reference its booths). */
  private async venueOf(trx: Knex.Transaction, fairId: number, venueId: number): Promise<FairVenue> {
    const venue = await FairVenue.query(trx).findOne({ id: venueId, fair_id: fairId }).forNoKeyUpdate();
    if (!venue) throw fail('VENUE_NOT_FOUND');
    return venue;
  }

  /** Adds a venue (分会场) with its booths to an existing fair. */
  async addVenue(staff: StaffCredentials, id: number, venue: VenueInput) {
    return this.change(
      staff,
      id,
      async (trx) => {
        const last = (await FairVenue.query(trx).where({ fair_id: id }).max('position as m').first()) as
          { m?: number | null } | undefined;
        await insertVenue(trx, id, venue, Number(last?.m ?? -1) + 1);
      },
      (err) =>
        uniqueViolation(err)
          ? validationError([{ path: 'name', message: '分会场名称或展位号重复' }])
          : undefined,
    );
  }

  /** Adds booths to a venue; a code the venue already has is refused by name. */
  async addBooths(staff: StaffCredentials, fairId: number, venueId: number, booths: BoothInput[]) {
    const codes = booths.map((b) => b.code);
    return this.change(
      staff,
      fairId,
      async (trx) => {
        const dup = codes.find((c, k) => codes.indexOf(c) !== k);
        if (dup) throw validationError([{ path: 'booths', message: `展位号 ${dup} 重复` }]);
        const venue = await this.venueOf(trx, fairId, venueId);
        const existing = (await venue.$relatedQuery('booths', trx).whereIn('code', codes).select('code'))
          .map((b) => b.code)
          .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
        if (existing.length) {
          const named =
            existing.slice(0, 10).join('、') + (existing.length > 10 ? ` 等 ${existing.length} 个` : '');
          throw validationError([{ path: 'booths', message: `展位号 ${named} 已存在` }]);
        }
        const count = await venue.$relatedQuery('booths', trx).resultSize();
        if (count + booths.length > MAX_BOOTHS_PER_VENUE)
          throw validationError([
            {
              path: 'booths',
              message: `每个分会场最多 ${MAX_BOOTHS_PER_VENUE} 个展位，本分会场已有 ${count} 个`,
            },
          ]);
        await FairBooth.query(trx).insert(boothRows(fairId, booths).map((b) => ({ ...b, venueId })));
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
    return this.change(
      staff,
      fairId,
      async (trx) => {
        const venue = await this.venueOf(trx, fairId, venueId);
        await venue.$query(trx).patch({ name });
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
    return this.change(
      staff,
      fairId,
      async (trx) => {
        const venue = await this.venueOf(trx, fairId, venueId);
        const booth = await FairBooth.query(trx)
          .findOne({ id: boothId, venue_id: venueId, fair_id: fairId })
          .forUpdate();
        if (!booth) throw fail('BOOTH_NOT_FOUND');
        if (await booth.$relatedQuery('bookings', trx).select('id').first()) throw fail('BOOTH_HAS_BOOKINGS');
        if ((await venue.$relatedQuery('booths', trx).resultSize()) <= 1) throw fail('LAST_BOOTH');
        await booth.$query(trx).delete();
      },
      (err) => (foreignKeyViolation(err) === BOOKING_BOOTH_FK ? fail('BOOTH_HAS_BOOKINGS') : undefined),
    );
  }

  /** Removes a venue with its booths when no booking references any of them; the last venue stays. */
  async removeVenue(staff: StaffCredentials, fairId: number, venueId: number) {
    return this.change(
      staff,
      fairId,
      async (trx) => {
        // Serialises removals of this fair's venues (bookings only take a key-share lock on the fair).
        const fair = await Fair.query(trx).findById(fairId).select('id').forNoKeyUpdate();
        if (!fair) throw fail('NOT_FOUND');
        const venue = await this.venueOf(trx, fairId, venueId);
        if ((await fair.$relatedQuery('venues', trx).resultSize()) <= 1) throw fail('LAST_VENUE');
        const boothIds = (await venue.$relatedQuery('booths', trx).select('id').forUpdate()).map((b) => b.id);
        if (
          boothIds.length &&
          (await FairBooking.query(trx).whereIn('booth_id', boothIds).select('id').first())
        )
          throw fail('VENUE_HAS_BOOKINGS');
        await venue.$query(trx).delete();
      },
      (err) => (foreignKeyViolation(err) === BOOKING_BOOTH_FK ? fail('VENUE_HAS_BOOKINGS') : undefined),
    );
  }
}
