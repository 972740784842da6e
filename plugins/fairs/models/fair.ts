// A job fair (招聘会) held by one site.
import type { Pojo, RelationMappings } from 'objection';
import { BaseModel } from '../../../core/db/model.js';
import { FairBooking } from './fair-booking.js';
import { FairBooth } from './fair-booth.js';
import { FairVenue } from './fair-venue.js';
import { isoTimestamps, timestamp } from './timestamps.js';

const TIMESTAMPS = ['startsAt', 'endsAt', 'bookingOpensAt', 'bookingClosesAt', 'createdAt', 'updatedAt'];

export class Fair extends BaseModel {
  static override tableName = 'fairs';

  declare id: number;
  declare siteId: number;
  declare title: string;
  declare description: string;
  declare startsAt: string;
  declare endsAt: string;
  declare bookingOpensAt: string;
  declare bookingClosesAt: string;
  declare boothSelection: 'at_booking' | 'after_approval';
  declare feeAmount: number;
  declare paymentMode: 'none' | 'at_booking' | 'after_approval';
  declare createdBy: number | null;
  declare createdAt: string;
  declare updatedAt: string;

  declare venues?: FairVenue[];
  declare booths?: FairBooth[];
  declare bookings?: FairBooking[];

  static override jsonSchema = {
    type: 'object',
    required: [
      'siteId',
      'title',
      'startsAt',
      'endsAt',
      'bookingOpensAt',
      'bookingClosesAt',
      'boothSelection',
    ],
    properties: {
      id: { type: 'integer' },
      siteId: { type: 'integer' },
      title: { type: 'string', minLength: 1 },
      description: { type: 'string' },
      startsAt: timestamp(),
      endsAt: timestamp(),
      bookingOpensAt: timestamp(),
      bookingClosesAt: timestamp(),
      boothSelection: { enum: ['at_booking', 'after_approval'] },
      feeAmount: { type: 'integer', minimum: 0 },
      paymentMode: { enum: ['none', 'at_booking', 'after_approval'] },
      createdBy: { type: ['integer', 'null'] },
      createdAt: timestamp(),
      updatedAt: timestamp(),
    },
  };

  static override relationMappings = (): RelationMappings => ({
    venues: {
      relation: BaseModel.HasManyRelation,
      modelClass: FairVenue,
      join: { from: 'fairs.id', to: 'fair_venues.fair_id' },
    },
    booths: {
      relation: BaseModel.HasManyRelation,
      modelClass: FairBooth,
      join: { from: 'fairs.id', to: 'fair_booths.fair_id' },
    },
    bookings: {
      relation: BaseModel.HasManyRelation,
      modelClass: FairBooking,
      join: { from: 'fairs.id', to: 'fair_bookings.fair_id' },
    },
  });

  override $parseDatabaseJson(json: Pojo): Pojo {
    return isoTimestamps(super.$parseDatabaseJson(json), TIMESTAMPS);
  }
}
