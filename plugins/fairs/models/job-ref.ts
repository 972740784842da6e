// A job as a fair booking names it (id, title, salary and expiry, shown through core/format). Read-only: the jobs plugin owns the table and decides which jobs
// may be listed (JobService.activePublished); fairs only fetch titles through `FairBooking.jobs`.
import { BaseModel } from '../../../core/db/model.js';

export class JobRef extends BaseModel {
  static override tableName = 'jobs';

  declare id: number;
  declare title: string;
  declare salaryMin: number;
  declare salaryMax: number;
  declare expiresOn: string;

  static override jsonSchema = {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      title: { type: 'string' },
      salaryMin: { type: 'integer' },
      salaryMax: { type: 'integer' },
      expiresOn: { type: 'string' },
    },
  };

  static override modifiers = {
    label: (query: ReturnType<typeof JobRef.query>) =>
      query
        .select('jobs.id', 'jobs.title', 'jobs.salary_min', 'jobs.salary_max', 'jobs.expires_on')
        .orderBy('jobs.id'),
  };
}
