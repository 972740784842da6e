// An application (简历投递): a student's résumé sent to one job through their school's site. `resume` is the résumé as
// it was sent. At most one live (not withdrawn) application per student and job: a partial unique index.
import { BaseModel, column } from '../../../core/db/model.js';

export const APPLICATION_STATUSES = [
  'submitted',
  'viewed',
  'interview_invited',
  'interview',
  'offer',
  'rejected',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export class Application extends BaseModel {
  static override tableName = 'applications';
  static override jsonAttributes = ['resume'];

  declare id: number;
  declare jobId: number;
  declare employerId: number;
  declare studentId: number;
  declare siteId: number;
  declare status: ApplicationStatus;
  declare resume: Record<string, unknown>;
  declare viewedAt: Date | string | null;
  declare createdAt: Date | string;
  declare updatedAt: Date | string;

  static override jsonSchema = {
    type: 'object',
    required: ['jobId', 'employerId', 'studentId', 'siteId', 'resume'],
    properties: {
      id: column.id,
      jobId: column.integer,
      employerId: column.integer,
      studentId: column.integer,
      siteId: column.integer,
      status: column.enumOf(APPLICATION_STATUSES),
      resume: column.jsonb,
      viewedAt: column.nullableTimestamp,
      createdAt: column.timestamp,
      updatedAt: column.timestamp,
    },
  };
}
