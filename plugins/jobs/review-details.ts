// What staff read before deciding on a job's publication: the posting as the employer wrote it.
import type { Db } from '../../core/db/knex.js';
import { degreeText, lastDay, salaryText } from '../postings/format.js';
import type { SubjectDescriber } from '../reviews/review-service.js';
import type { JobService } from './job-service.js';
import { JobPublication } from './models/job-publication.js';

export function describeJobs(db: Db, jobs: JobService): SubjectDescriber {
  return async (review) => {
    const posting = await JobPublication.relatedQuery('job', db).for(review.subject_id).first();
    if (!posting) return null;
    const job = jobs.viewOf(posting);
    return {
      facts: [
        { label: '职位名称', value: job.title },
        { label: '职位类别', value: job.category },
        { label: '招聘人数', value: `${job.headcount} 人` },
        { label: '薪资', value: salaryText(job.salaryMin, job.salaryMax) },
        { label: '工作地点', value: job.cityNames.join('、') },
        { label: '学历要求', value: degreeText(job.degree) },
        { label: '专业要求', value: job.majors.length ? job.majors.join('、') : '不限' },
        { label: '有效期至', value: lastDay(job.expiresOn) },
      ],
      text: job.description,
    };
  };
}
