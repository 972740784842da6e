// Rooms (场地) of a school site: staff keep them (name unique per site, bookable or not, bookable hours); employers
// that joined the site see them with the day's busy intervals (pending and approved sessions) to pick a free slot.
import type { Knex } from 'knex';
import type { StaffCredentials } from '../../core/auth/principals.js';
import type { Clock } from '../../core/clock.js';
import { uniqueViolation } from '../../core/db/errors.js';
import type { Db } from '../../core/db/knex.js';
import { validationError } from '../../core/http/errors.js';
import { assertStaffOf } from '../../core/tenancy/scope.js';
import type { Site } from '../../core/tenancy/sites.js';
import type { EmployerCredentials } from '../accounts/permissions.js';
import type { MembershipService } from '../network/membership-service.js';
import { fail, message, ROOM_NAMES_UNIQUE } from './errors.js';
import { dayBounds, hhmm } from './local-time.js';
import { Room } from './models/room.js';

export interface RoomInput {
  name: string;
  building: string;
  capacity: number;
  bookable: boolean;
  opens: string;
  closes: string;
}

/** Statuses of sessions that hold their room. */
export const HOLDING = ['pending', 'approved'] as const;

export class RoomService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly memberships: MembershipService,
  ) {}

  view(r: Room) {
    return {
      id: r.id,
      name: r.name,
      building: r.building,
      capacity: r.capacity,
      bookable: r.bookable,
      hours: { opens: hhmm(r.opens), closes: hhmm(r.closes) },
    };
  }

  private checkHours(input: Pick<RoomInput, 'opens' | 'closes'>) {
    if (input.closes <= input.opens)
      throw validationError([{ path: 'closes', message: '关闭时间必须晚于开放时间' }]);
  }

  /** Rooms of a site, by name. */
  async list(site: Site) {
    const rows = await Room.query(this.db).where('site_id', site.id).orderBy(['name', 'id']);
    return rows.map((r) => this.view(r));
  }

  /** A room of the site, or 404. */
  async get(id: number, trx?: Knex | Knex.Transaction): Promise<Room> {
    const room = await Room.query(trx ?? this.db).findById(id);
    if (!room) throw fail('ROOM_NOT_FOUND');
    return room;
  }

  async create(staff: StaffCredentials, site: Site, input: RoomInput) {
    assertStaffOf(staff, site, message('FORBIDDEN'));
    if (site.isMain) throw fail('NO_ROOMS_ON_MAIN');
    this.checkHours(input);
    try {
      const room = await Room.query(this.db)
        .insert({ siteId: site.id, ...input })
        .returning('*');
      return this.view(room);
    } catch (err) {
      if (uniqueViolation(err) === ROOM_NAMES_UNIQUE) throw fail('ROOM_NAME_TAKEN');
      throw err;
    }
  }

  /** Changes a room of the staff member's own site (403 for another site's). */
  async update(staff: StaffCredentials, id: number, input: RoomInput) {
    const room = await this.get(id);
    assertStaffOf(staff, room.siteId, message('FORBIDDEN'));
    this.checkHours(input);
    try {
      const [row] = await Room.query(this.db)
        .where('id', id)
        .patch({ ...input, updatedAt: this.db.fn.now() as unknown as string })
        .returning('*');
      return this.view(row!);
    } catch (err) {
      if (uniqueViolation(err) === ROOM_NAMES_UNIQUE) throw fail('ROOM_NAME_TAKEN');
      throw err;
    }
  }

  /**
   * The bookable rooms of a site with their busy intervals on a local date, for an employer that joined the site
   * (403 SITE_NOT_JOINED otherwise).
   */
  async availability(c: EmployerCredentials, site: Site | undefined, date?: string) {
    if (!site || site.isMain || !(await this.memberships.isApproved(c.employerId, site)))
      throw fail('SITE_NOT_JOINED');
    const day = date ?? this.clock.today();
    const { from, until } = dayBounds(day);
    const rooms = await Room.query(this.db)
      .where({ site_id: site.id, bookable: true })
      .orderBy(['name', 'id']);
    const busy = (await this.db('presentations')
      .where('site_id', site.id)
      .whereIn(
        'room_id',
        rooms.map((r) => r.id),
      )
      .whereIn('status', HOLDING)
      .where('starts_at', '<', until)
      .where('ends_at', '>', from)
      .orderBy('starts_at')
      .select('room_id', 'starts_at', 'ends_at', 'status')) as {
      room_id: number;
      starts_at: Date;
      ends_at: Date;
      status: string;
    }[];
    return rooms.map((r) => ({
      ...this.view(r),
      busy: busy
        .filter((b) => b.room_id === r.id)
        .map((b) => ({
          startsAt: new Date(b.starts_at).toISOString(),
          endsAt: new Date(b.ends_at).toISOString(),
          status: b.status,
        })),
    }));
  }
}
