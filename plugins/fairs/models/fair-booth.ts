// A booth (展位) of a venue: a code unique in its venue and an optional position on the map.
import type { RelationMappings } from 'objection';
import { BaseModel } from '../../../core/db/model.js';
import { Fair } from './fair.js';
import { FairBooking } from './fair-booking.js';
import { FairVenue } from './fair-venue.js';

export class FairBooth extends BaseModel {
  static override tableName = 'fair_booths';

  declare id: number;
  declare fairId: number;
  declare venueId: number;
  declare code: string;
  declare x: number | null;
  declare y: number | null;
  /** How many bookings (of any status) reference the booth, where a query counts them (`booking_count`). */
  declare bookingCount?: number;

  declare fair?: Fair;
  declare venue?: FairVenue;
  declare bookings?: FairBooking[];

  static override jsonSchema = {
    type: 'object',
    required: ['fairId', 'venueId', 'code'],
    properties: {
      id: { type: 'integer' },
      fairId: { type: 'integer' },
      venueId: { type: 'integer' },
      code: { type: 'string', pattern: '^[A-Z0-9][A-Z0-9-]{0,9}$' },
      x: { type: ['integer', 'null'] },
      y: { type: ['integer', 'null'] },
    },
  };

  static override relationMappings = (): RelationMappings => ({
    fair: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Fair,
      join: { from: 'fair_booths.fair_id', to: 'fairs.id' },
    },
    venue: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: FairVenue,
      join: { from: 'fair_booths.venue_id', to: 'fair_venues.id' },
    },
    bookings: {
      relation: BaseModel.HasManyRelation,
      modelClass: FairBooking,
      join: { from: 'fair_booths.id', to: 'fair_bookings.booth_id' },
    },
  });
}
