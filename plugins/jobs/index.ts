// Job postings: employer routes, public listings (JSON), the daily move to 已失效, and demo jobs.
import type { App } from '../../core/app.js';
import { service } from '../../core/app.js';
import type { FeaturePlugin } from '../../core/server.js';
import { Publications } from '../postings/publications.js';
import { describeJobs } from './review-details.js';
import { seedDemoJobs } from './demo.js';
import { JOB_LOCKED_MESSAGE, JobService } from './job-service.js';
import { Job } from './models/job.js';
import { employerJobRoutes } from './routes/employer-jobs.js';
import { publicJobRoutes } from './routes/public-jobs.js';

declare module '../../core/app.js' {
  interface Services {
    jobs: JobService;
  }
}

export const jobsPlugin: FeaturePlugin = {
  name: 'xz-jobs',
  version: '1.0.0',
  dependencies: ['xz-postings', 'xz-reviews', 'xz-network', 'xz-employers'],
  register(server, { app }: { app: App }) {
    const cache = service(app, 'listingCache');
    const publications = new Publications(
      {
        subjectType: 'job',
        posting: Job,
        table: 'job_publications',
        postingTable: 'jobs',
        fk: 'job_id',
        cacheKind: 'jobs',
        noun: '招聘职位',
        locked: { code: 'JOB_LOCKED', message: JOB_LOCKED_MESSAGE },
      },
      app.db,
      app.sites,
      service(app, 'reviews'),
      service(app, 'memberships'),
      cache,
    );
    const employers = service(app, 'employers');
    const jobs = new JobService(
      app.db,
      app.sites,
      app.clock,
      publications,
      cache,
      async (id, trx) => (await employers.get(id, trx)).name,
    );
    app.services.jobs = jobs;
    service(app, 'reviews').describe('job', describeJobs(app.db, jobs));
    app.tasks.every('jobs.expire-due', 60_000, () => jobs.expireDue());
    server.route([...employerJobRoutes(jobs), ...publicJobRoutes(app, jobs)]);
    app.seeders.push({ name: 'jobs', run: () => seedDemoJobs(app, jobs) });
  },
};
