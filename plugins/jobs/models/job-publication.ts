// A job posting's copy on one site. `expires_on` is the job's, copied so the listing index can filter on it.
import type { RelationMappings } from 'objection';
import { Publication, publicationProperties } from '../../postings/models/publication.js';
import { Job } from './job.js';

export class JobPublication extends Publication {
  static override tableName = 'job_publications';

  declare jobId: number;
  declare expiresOn: string;
  declare job?: Job;

  static override jsonSchema = {
    type: 'object',
    required: ['siteId', 'expiresOn'],
    properties: {
      ...publicationProperties,
      jobId: { type: 'integer' },
      expiresOn: { type: 'string', format: 'date' },
    },
  };

  static override relationMappings = (): RelationMappings => ({
    job: {
      relation: Publication.BelongsToOneRelation,
      modelClass: Job,
      join: { from: 'job_publications.job_id', to: 'jobs.id' },
    },
  });
}
