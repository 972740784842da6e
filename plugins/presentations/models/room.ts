// A room (场地) of a school site where offline info sessions are held, with its bookable hours (local time).
import { BaseModel, column } from '../../../core/db/model.js';

export class Room extends BaseModel {
  static override tableName = 'rooms';

  declare id: number;
  declare siteId: number;
  declare name: string;
  declare building: string;
  declare capacity: number;
  declare bookable: boolean;
  /** 'HH:MM:SS' as PostgreSQL gives a `time`. */
  declare opens: string;
  declare closes: string;
  declare createdAt: Date | string;
  declare updatedAt: Date | string;

  static override jsonSchema = {
    type: 'object',
    required: ['siteId', 'name', 'capacity'],
    properties: {
      id: column.id,
      siteId: column.integer,
      name: column.text,
      building: column.text,
      capacity: column.integer,
      bookable: column.boolean,
      opens: column.text,
      closes: column.text,
      createdAt: column.timestamp,
      updatedAt: column.timestamp,
    },
  };
}
