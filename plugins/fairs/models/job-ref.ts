// A job as a fair booking names it (id and title). Read-only: the jobs plugin owns the table and decides which jobs
// may be listed (JobService.activePublished); fairs only fetch titles through `FairBooking.jobs`.
import { BaseModel } from '../../../core/db/model.js';

export class JobRef extends BaseModel {
  static override tableName = 'jobs';

  declare id: number;
  declare title: string;

  static override jsonSchema = {
    type: 'object',
    properties: { id: { type: 'integer' }, title: { type: 'string' } },
  };

  static override modifiers = {
    label: (query: ReturnType<typeof JobRef.query>) =>
      query.select('jobs.id', 'jobs.title').orderBy('jobs.id'),
  };
}
