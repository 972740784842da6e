// The reviews table: one review per (site, subject), its current decision; the history is in review_events.
import type { JSONSchema, RelationMappings } from 'objection';
import { BaseModel, column } from '../../../core/db/model.js';
import { SUBJECT_TYPES, type SubjectType } from '../../../core/tenancy/manifest.js';
import { ReviewEvent } from './review-event.js';

export const REVIEW_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;

export class Review extends BaseModel {
  static override tableName = 'reviews';

  id!: number;
  siteId!: number;
  subjectType!: SubjectType;
  subjectId!: number;
  employerId!: number | null;
  summary!: string;
  status!: (typeof REVIEW_STATUSES)[number];
  comment!: string | null;
  decidedByKind!: string | null;
  decidedBy!: number | null;
  policy!: string | null;
  submittedAt!: Date;
  decidedAt!: Date | null;

  events?: ReviewEvent[];

  static override jsonSchema: JSONSchema = {
    type: 'object',
    required: ['siteId', 'subjectType', 'subjectId', 'summary', 'status'],
    properties: {
      id: column.bigId,
      siteId: column.id,
      subjectType: column.enumOf(SUBJECT_TYPES),
      subjectId: column.bigId,
      employerId: column.nullableInteger,
      summary: column.text,
      status: column.enumOf(REVIEW_STATUSES),
      comment: column.nullableText,
      decidedByKind: column.nullableText,
      decidedBy: column.nullableInteger,
      policy: column.nullableText,
      submittedAt: column.timestamp,
      decidedAt: column.nullableTimestamp,
    },
  };

  static override get relationMappings(): RelationMappings {
    return {
      events: {
        relation: BaseModel.HasManyRelation,
        modelClass: ReviewEvent,
        join: { from: 'reviews.id', to: 'review_events.review_id' },
      },
    };
  }
}
