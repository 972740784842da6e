// An announcement's copy on one site.
import type { RelationMappings } from 'objection';
import { Publication, publicationProperties } from '../../postings/models/publication.js';
import { Announcement } from './announcement.js';

export class AnnouncementPublication extends Publication {
  static override tableName = 'announcement_publications';

  declare announcementId: number;
  declare announcement?: Announcement;

  static override jsonSchema = {
    type: 'object',
    required: ['siteId'],
    properties: {
      ...publicationProperties,
      announcementId: { type: 'integer' },
    },
  };

  static override relationMappings = (): RelationMappings => ({
    announcement: {
      relation: Publication.BelongsToOneRelation,
      modelClass: Announcement,
      join: { from: 'announcement_publications.announcement_id', to: 'announcements.id' },
    },
  });
}
