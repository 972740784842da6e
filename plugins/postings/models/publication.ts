// One copy of a posting on one site, reviewed by that site (`approved_at` is set exactly when approved). Subclasses
// add the table, the posting's foreign key and the relation back to the posting.
import type { JSONSchema } from 'objection';
import { BaseModel } from '../../../core/db/model.js';

export type PublicationStatus = 'pending' | 'approved' | 'rejected';

/** The columns every publication table has, as JSON schema properties. */
export const publicationProperties: Record<string, JSONSchema> = {
  id: { type: 'integer' },
  siteId: { type: 'integer' },
  status: { type: 'string', enum: ['pending', 'approved', 'rejected'] },
  comment: { type: ['string', 'null'] },
  approvedAt: { type: ['string', 'null'], format: 'date-time' },
  reviewedAt: { type: ['string', 'null'], format: 'date-time' },
  createdAt: { type: 'string', format: 'date-time' },
};

export class Publication extends BaseModel {
  declare id: number;
  declare siteId: number;
  declare status: PublicationStatus;
  declare comment: string | null;
  declare approvedAt: Date | null;
  declare reviewedAt: Date | null;
  declare createdAt: Date;
}
