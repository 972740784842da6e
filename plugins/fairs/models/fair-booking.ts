// A booking (预定) of a fair by an employer: at most one active (pending or approved) per booth and per employer and
// fair — partial unique indexes enforce both, so the database, not the service, decides a race.
import type { Pojo, RelationMappings } from 'objection';
import { BaseModel } from '../../../core/db/model.js';
import { EmployerRef } from './employer-ref.js';
import { Fair } from './fair.js';
import { FairBooth } from './fair-booth.js';
import { FairBookingJob } from './fair-booking-job.js';
import { JobRef } from './job-ref.js';
import { isoTimestamps, timestamp } from './timestamps.js';

const TIMESTAMPS = ['checkedInAt', 'refundedAt', 'createdAt', 'updatedAt'];

export type BookingStatus = 'pending' | 'approved' | 'rejected' | 'cancelled';
/**
 * not_required (free fair) · not_due (fee due after approval) → unpaid → submitted (receipt) → confirmed, or
 * returned (to upload again); a booking that ends (cancelled, rejected) with a submitted or confirmed fee goes to
 * refund_due, then refunded when staff mark the money returned. CHECK constraints hold these rules.
 */
export type PaymentStatus =
  'not_required' | 'not_due' | 'unpaid' | 'submitted' | 'confirmed' | 'returned' | 'refund_due' | 'refunded';
export const PAYMENT_STATUSES: PaymentStatus[] = [
  'not_required',
  'not_due',
  'unpaid',
  'submitted',
  'confirmed',
  'returned',
  'refund_due',
  'refunded',
];
export interface Attendee {
  name: string;
  phone: string;
  title?: string;
}

export class FairBooking extends BaseModel {
  static override tableName = 'fair_bookings';
  static override jsonAttributes = ['attendees'];

  declare id: number;
  declare fairId: number;
  declare siteId: number;
  declare employerId: number;
  declare boothId: number | null;
  declare status: BookingStatus;
  declare attendees: Attendee[];
  declare paymentStatus: PaymentStatus;
  declare receiptFileId: string | null;
  declare paymentComment: string | null;
  declare checkedInAt: string | null;
  declare refundedAt: string | null;
  declare refundedBy: number | null;
  declare refundNote: string | null;
  declare createdBy: number | null;
  declare createdAt: string;
  declare updatedAt: string;

  declare fair?: Fair;
  declare booth?: FairBooth | null;
  declare employer?: EmployerRef;
  declare jobs?: JobRef[];

  static override jsonSchema = {
    type: 'object',
    required: ['fairId', 'siteId', 'employerId', 'attendees', 'paymentStatus'],
    properties: {
      id: { type: 'integer' },
      fairId: { type: 'integer' },
      siteId: { type: 'integer' },
      employerId: { type: 'integer' },
      boothId: { type: ['integer', 'null'] },
      status: { enum: ['pending', 'approved', 'rejected', 'cancelled'] },
      attendees: {
        type: 'array',
        items: {
          type: 'object',
          required: ['name', 'phone'],
          properties: { name: { type: 'string' }, phone: { type: 'string' }, title: { type: 'string' } },
        },
      },
      paymentStatus: { enum: PAYMENT_STATUSES },
      receiptFileId: { type: ['string', 'null'] },
      paymentComment: { type: ['string', 'null'] },
      checkedInAt: timestamp(true),
      refundedAt: timestamp(true),
      refundedBy: { type: ['integer', 'null'] },
      refundNote: { type: ['string', 'null'] },
      createdBy: { type: ['integer', 'null'] },
      createdAt: timestamp(),
      updatedAt: timestamp(),
    },
  };

  static override relationMappings = (): RelationMappings => ({
    fair: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Fair,
      join: { from: 'fair_bookings.fair_id', to: 'fairs.id' },
    },
    booth: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: FairBooth,
      join: { from: 'fair_bookings.booth_id', to: 'fair_booths.id' },
    },
    employer: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: EmployerRef,
      join: { from: 'fair_bookings.employer_id', to: 'employers.id' },
    },
    jobs: {
      relation: BaseModel.ManyToManyRelation,
      modelClass: JobRef,
      join: {
        from: 'fair_bookings.id',
        through: {
          modelClass: FairBookingJob,
          from: 'fair_booking_jobs.booking_id',
          to: 'fair_booking_jobs.job_id',
        },
        to: 'jobs.id',
      },
    },
  });

  override $parseDatabaseJson(json: Pojo): Pojo {
    return isoTimestamps(super.$parseDatabaseJson(json), TIMESTAMPS);
  }
}
