// An info session (宣讲会) of an employer at one school site: online (a live-stream URL) or offline (a room of that
// site). The exclusion constraint `presentations_room_free` keeps two pending or approved sessions out of one room at
// overlapping times — the database decides a race, never the service.
import type { RelationMappings } from 'objection';
import { BaseModel, column } from '../../../core/db/model.js';
import { Room } from './room.js';

export const PRESENTATION_STATUSES = ['pending', 'approved', 'rejected', 'cancelled', 'withdrawn'] as const;
export type PresentationStatus = (typeof PRESENTATION_STATUSES)[number];
export type PresentationMode = 'online' | 'offline';

export interface Contact {
  name: string;
  phone: string;
}

export class Presentation extends BaseModel {
  static override tableName = 'presentations';
  static override jsonAttributes = ['contacts'];

  declare id: number;
  declare siteId: number;
  declare employerId: number;
  declare mode: PresentationMode;
  declare roomId: number | null;
  declare liveUrl: string | null;
  declare title: string;
  declare startsAt: Date | string;
  declare endsAt: Date | string;
  declare status: PresentationStatus;
  declare description: string;
  declare contacts: Contact[];
  declare expectedAudience: number | null;
  declare createdBy: number | null;
  declare createdAt: Date | string;
  declare updatedAt: Date | string;

  declare room?: Room | null;

  static override jsonSchema = {
    type: 'object',
    required: ['siteId', 'employerId', 'mode', 'title', 'startsAt', 'endsAt'],
    properties: {
      id: column.id,
      siteId: column.integer,
      employerId: column.integer,
      mode: column.enumOf(['online', 'offline']),
      roomId: column.nullableInteger,
      liveUrl: column.nullableText,
      title: column.text,
      startsAt: column.timestamp,
      endsAt: column.timestamp,
      status: column.enumOf(PRESENTATION_STATUSES),
      description: column.text,
      contacts: { type: 'array' },
      expectedAudience: column.nullableInteger,
      createdBy: column.nullableInteger,
      createdAt: column.timestamp,
      updatedAt: column.timestamp,
    },
  };

  static override relationMappings = (): RelationMappings => ({
    room: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Room,
      join: { from: 'presentations.room_id', to: 'rooms.id' },
    },
  });
}
