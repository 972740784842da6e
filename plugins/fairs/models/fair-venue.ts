// A venue (分会场) of a fair, with its booths; venues are shown in `position` order.
import type { RelationMappings } from 'objection';
import { BaseModel } from '../../../core/db/model.js';
import { Fair } from './fair.js';
import { FairBooth } from './fair-booth.js';

export class FairVenue extends BaseModel {
  static override tableName = 'fair_venues';

  declare id: number;
  declare fairId: number;
  declare name: string;
  declare position: number;

  declare fair?: Fair;
  declare booths?: FairBooth[];

  static override jsonSchema = {
    type: 'object',
    required: ['fairId', 'name'],
    properties: {
      id: { type: 'integer' },
      fairId: { type: 'integer' },
      name: { type: 'string', minLength: 1 },
      position: { type: 'integer' },
    },
  };

  static override modifiers = {
    ordered: (query: ReturnType<typeof FairVenue.query>) => query.orderBy(['position', 'id']),
  };

  static override relationMappings = (): RelationMappings => ({
    fair: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Fair,
      join: { from: 'fair_venues.fair_id', to: 'fairs.id' },
    },
    booths: {
      relation: BaseModel.HasManyRelation,
      modelClass: FairBooth,
      join: { from: 'fair_venues.id', to: 'fair_booths.venue_id' },
    },
  });
}
