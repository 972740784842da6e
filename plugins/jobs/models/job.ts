// A job posting (招聘职位) of an employer; its copies per site are `publications` (job_publications).
import type { RelationMappings } from 'objection';
import { PostingModel } from '../../postings/models/posting.js';
import { JobPublication } from './job-publication.js';

export class Job extends PostingModel {
  static override tableName = 'jobs';

  declare category: string;
  declare description: string;
  declare headcount: number;
  declare salaryMin: number;
  declare salaryMax: number;
  declare cities: string[];
  declare degree: string;
  declare majors: string[];
  /** 'YYYY-MM-DD' (Asia/Shanghai); on and after it the posting shows on no site. */
  declare expiresOn: string;
  declare state: 'active' | 'expired';
  declare publications?: JobPublication[];

  static override jsonSchema = {
    type: 'object',
    required: [
      'employerId',
      'title',
      'category',
      'description',
      'headcount',
      'salaryMin',
      'salaryMax',
      'cities',
      'degree',
      'expiresOn',
    ],
    properties: {
      id: { type: 'integer' },
      employerId: { type: 'integer' },
      title: { type: 'string', minLength: 1 },
      category: { type: 'string', minLength: 1 },
      description: { type: 'string', minLength: 1 },
      headcount: { type: 'integer', minimum: 1, maximum: 10000 },
      salaryMin: { type: 'integer', minimum: 0 },
      salaryMax: { type: 'integer', minimum: 0 },
      cities: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 20 },
      degree: { type: 'string', minLength: 1 },
      majors: { type: 'array', items: { type: 'string' } },
      expiresOn: { type: 'string', format: 'date' },
      state: { type: 'string', enum: ['active', 'expired'] },
      createdBy: { type: ['integer', 'null'] },
      createdAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
    },
  };

  static override relationMappings = (): RelationMappings => ({
    publications: {
      relation: PostingModel.HasManyRelation,
      modelClass: JobPublication,
      join: { from: 'jobs.id', to: 'job_publications.job_id' },
    },
  });
}
