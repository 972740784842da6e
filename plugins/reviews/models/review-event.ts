// The review_events table: the append-only history of a review (a trigger refuses updates). The actor is a staff
// account or an employer account depending on `actor_kind`; both relations are declared, the kind says which applies.
import type { JSONSchema, RelationMappings } from 'objection';
import { BaseModel, column } from '../../../core/db/model.js';
import { EmployerAccount } from '../../accounts/models/employer-account.js';
import { StaffAccount } from '../../staff/models/staff-account.js';
import { Review } from './review.js';

export const ACTOR_KINDS = ['employer', 'staff', 'policy', 'system'] as const;
export const REVIEW_ACTIONS = [
  'submitted',
  'resubmitted',
  'approved',
  'rejected',
  'held',
  'uscc_override',
  'withdrawn',
  'edited',
] as const;

export class ReviewEvent extends BaseModel {
  static override tableName = 'review_events';

  id!: number;
  reviewId!: number;
  siteId!: number;
  action!: (typeof REVIEW_ACTIONS)[number];
  comment!: string | null;
  actorKind!: (typeof ACTOR_KINDS)[number];
  actorId!: number | null;
  policy!: string | null;
  createdAt!: Date;

  review?: Review;
  staffActor?: StaffAccount | null;
  employerActor?: EmployerAccount | null;

  static override jsonSchema: JSONSchema = {
    type: 'object',
    required: ['reviewId', 'siteId', 'action', 'actorKind'],
    properties: {
      id: column.bigId,
      reviewId: column.bigId,
      siteId: column.id,
      action: column.enumOf(REVIEW_ACTIONS),
      comment: column.nullableText,
      actorKind: column.enumOf(ACTOR_KINDS),
      actorId: column.nullableInteger,
      policy: column.nullableText,
      createdAt: column.timestamp,
    },
  };

  static override get relationMappings(): RelationMappings {
    return {
      review: {
        relation: BaseModel.BelongsToOneRelation,
        modelClass: Review,
        join: { from: 'review_events.review_id', to: 'reviews.id' },
      },
      staffActor: {
        relation: BaseModel.BelongsToOneRelation,
        modelClass: StaffAccount,
        join: { from: 'review_events.actor_id', to: 'staff_accounts.id' },
      },
      employerActor: {
        relation: BaseModel.BelongsToOneRelation,
        modelClass: EmployerAccount,
        join: { from: 'review_events.actor_id', to: 'employer_accounts.id' },
      },
    };
  }
}
