// The memberships table: an employer's standing at a site, one row per (site, employer). The site itself is read
// from the in-memory site registry (`sites.byId`), not joined; its review is the `membership` review of the row.
import type { JSONSchema, RelationMappings } from 'objection';
import { BaseModel, column } from '../../../core/db/model.js';
import { Employer } from '../../employers/models/employer.js';
import { Review } from '../../reviews/models/review.js';

export const MEMBERSHIP_STATUSES = ['pending', 'approved', 'rejected'] as const;

export class Membership extends BaseModel {
  static override tableName = 'memberships';

  id!: number;
  siteId!: number;
  employerId!: number;
  status!: (typeof MEMBERSHIP_STATUSES)[number];
  tagIds!: string[];
  comment!: string | null;
  appliedAt!: Date;
  decidedAt!: Date | null;

  employer?: Employer;
  review?: Review | null;

  static override jsonSchema: JSONSchema = {
    type: 'object',
    required: ['siteId', 'employerId', 'status'],
    properties: {
      id: column.id,
      siteId: column.id,
      employerId: column.id,
      status: column.enumOf(MEMBERSHIP_STATUSES),
      tagIds: column.textArray,
      comment: column.nullableText,
      appliedAt: column.timestamp,
      decidedAt: column.nullableTimestamp,
    },
  };

  static override get relationMappings(): RelationMappings {
    return {
      employer: {
        relation: BaseModel.BelongsToOneRelation,
        modelClass: Employer,
        join: { from: 'memberships.employer_id', to: 'employers.id' },
      },
      review: {
        relation: BaseModel.HasOneRelation,
        modelClass: Review,
        filter: (q) => q.where('reviews.subject_type', 'membership'),
        join: {
          from: ['memberships.site_id', 'memberships.id'],
          to: ['reviews.site_id', 'reviews.subject_id'],
        },
      },
    };
  }
}
