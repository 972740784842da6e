// A signing authorisation request (签约授权): one row per request; a renewal is a new row. Dates are read as text
// (YYYY-MM-DD), never as Date objects that a time zone could shift.
import { raw } from 'objection';
import { BaseModel, column } from '../../../core/db/model.js';

export const AUTHORIZATION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type AuthorizationRowStatus = (typeof AUTHORIZATION_STATUSES)[number];

export class SigningAuthorization extends BaseModel {
  static override tableName = 'signing_authorizations';

  declare id: number;
  declare employerId: number;
  declare status: AuthorizationRowStatus;
  declare letterFileId: string;
  declare agentName: string;
  declare agentIdNumber: string;
  declare agentPhone: string;
  /** YYYY-MM-DD */
  declare requestedValidUntil: string;
  declare validFrom: string | null;
  declare validUntil: string | null;
  declare comment: string | null;
  declare submittedBy: number | null;
  declare decidedBy: number | null;
  declare decidedAt: Date | string | null;
  declare createdAt: Date | string;
  declare updatedAt: Date | string;

  /** The columns with the dates as text. */
  static readonly columns = [
    '*',
    raw(`requested_valid_until::text AS requested_valid_until`),
    raw(`valid_from::text AS valid_from`),
    raw(`valid_until::text AS valid_until`),
  ];

  static override jsonSchema = {
    type: 'object',
    required: [
      'employerId',
      'letterFileId',
      'agentName',
      'agentIdNumber',
      'agentPhone',
      'requestedValidUntil',
    ],
    properties: {
      id: column.id,
      employerId: column.integer,
      status: column.enumOf(AUTHORIZATION_STATUSES),
      letterFileId: column.uuid,
      agentName: column.text,
      agentIdNumber: column.text,
      agentPhone: column.text,
      requestedValidUntil: column.text,
      validFrom: column.nullableText,
      validUntil: column.nullableText,
      comment: column.nullableText,
      submittedBy: column.nullableInteger,
      decidedBy: column.nullableInteger,
      decidedAt: column.nullableTimestamp,
      createdAt: column.timestamp,
      updatedAt: column.timestamp,
    },
  };
}
