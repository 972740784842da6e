// An announcement (招聘公告) of an employer; its copies per site are `publications` (announcement_publications).
// `attachments` is a uuid[] of files rows: an array column, which objection cannot map as a relation, so the files
// are read through the files plugin's service.
import type { RelationMappings } from 'objection';
import { PostingModel } from '../../postings/models/posting.js';
import { AnnouncementPublication } from './announcement-publication.js';

export class Announcement extends PostingModel {
  static override tableName = 'announcements';

  declare body: string;
  declare attachments: string[];
  declare deletedAt: Date | null;
  declare publications?: AnnouncementPublication[];

  static override jsonSchema = {
    type: 'object',
    required: ['employerId', 'title', 'body'],
    properties: {
      id: { type: 'integer' },
      employerId: { type: 'integer' },
      title: { type: 'string', minLength: 1 },
      body: { type: 'string', minLength: 1 },
      attachments: { type: 'array', items: { type: 'string' } },
      createdBy: { type: ['integer', 'null'] },
      createdAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
      deletedAt: { type: ['string', 'null'], format: 'date-time' },
    },
  };

  static override relationMappings = (): RelationMappings => ({
    publications: {
      relation: PostingModel.HasManyRelation,
      modelClass: AnnouncementPublication,
      join: { from: 'announcements.id', to: 'announcement_publications.announcement_id' },
    },
  });
}
