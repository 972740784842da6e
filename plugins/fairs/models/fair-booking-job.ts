// The jobs an employer lists for a booking: the join table behind `FairBooking.jobs`.
import type { RelationMappings } from 'objection';
import { BaseModel } from '../../../core/db/model.js';
import { FairBooking } from './fair-booking.js';
import { JobRef } from './job-ref.js';

export class FairBookingJob extends BaseModel {
  static override tableName = 'fair_booking_jobs';
  static override idColumn = ['booking_id', 'job_id'];

  declare bookingId: number;
  declare jobId: number;

  static override jsonSchema = {
    type: 'object',
    required: ['bookingId', 'jobId'],
    properties: {
      bookingId: { type: 'integer' },
      jobId: { type: 'integer' },
    },
  };

  static override relationMappings = (): RelationMappings => ({
    booking: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: FairBooking,
      join: { from: 'fair_booking_jobs.booking_id', to: 'fair_bookings.id' },
    },
    job: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: JobRef,
      join: { from: 'fair_booking_jobs.job_id', to: 'jobs.id' },
    },
  });
}
