// The memberships table: an employer's standing at a site, one row per (site, employer). The site itself is read
// from the in-memory site registry (`sites.byId`), not joined; its review is the `membership` review of the row.
// `tagIds` are the employer tags staff confirmed (the only ones a review policy reads); `requestedTagIds` are those the
// employer asked for when applying.
import type { JSONSchema } from 'objection';
import { BaseModel, column } from '../../../core/db/model.js';

export const MEMBERSHIP_STATUSES = ['pending', 'approved', 'rejected'] as const;

export class Membership extends BaseModel {
  static override tableName = 'memberships';

  id!: number;
  siteId!: number;
  employerId!: number;
  status!: (typeof MEMBERSHIP_STATUSES)[number];
  tagIds!: string[];
  requestedTagIds!: string[];
  comment!: string | null;
  appliedAt!: Date;
  decidedAt!: Date | null;

  static override jsonSchema: JSONSchema = {
    type: 'object',
    required: ['siteId', 'employerId', 'status'],
    properties: {
      id: column.id,
      siteId: column.id,
      employerId: column.id,
      status: column.enumOf(MEMBERSHIP_STATUSES),
      tagIds: column.textArray,
      requestedTagIds: column.textArray,
      comment: column.nullableText,
      appliedAt: column.timestamp,
      decidedAt: column.nullableTimestamp,
    },
  };
}
