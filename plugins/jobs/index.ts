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
import { addFeaturePages } from '../../core/pages/index.js';
import type { EmployerCredentials } from '../accounts/permissions.js';
import { jobPages } from './pages/employer/jobs.js';
import { jobDetailPages } from './pages/public/job-detail.js';
import { jobFeedPages } from './pages/public/job-feeds.js';
import { jobListPages } from './pages/public/job-list.js';

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
    service(app, 'messages').subject('job', {
      name: '招聘职位',
      link: async (publicationId) => {
        const copy = await app.db('job_publications').where('id', publicationId).first('job_id');
        return copy ? `/employer/jobs/${copy.job_id}` : null;
      },
    });
    service(app, 'reviews').label('job', '招聘职位');
    service(app, 'reviews').describe('job', describeJobs(app.db, jobs));
    service(app, 'reviews').ends('job', {
      ended: (db, publicationId) =>
        db('job_publications').where('id', publicationId).where('expires_on', '<=', app.clock.today()),
      message: '该职位已过有效期，不能再审核，已从待审核队列撤回',
    });
    app.tasks.every('jobs.expire-due', 60_000, () => jobs.expireDue());
    server.route([...employerJobRoutes(jobs), ...publicJobRoutes(app, jobs)]);
    app.seeders.push({ name: 'jobs', run: () => seedDemoJobs(app, jobs) });
    const group = { key: 'recruiting', label: '招聘信息', order: 50 };
    app.pages.employerMenu(
      {
        key: 'job-new',
        label: '发布招聘职位',
        href: '/employer/jobs/new',
        permission: 'jobs',
        group,
        order: 1,
      },
      { key: 'jobs', label: '管理招聘职位', href: '/employer/jobs', permission: 'jobs', group, order: 2 },
    );
    app.pages.homeCard({
      key: 'jobs',
      order: 10,
      permission: 'jobs',
      partial: 'xz-jobs-home-card',
      async load(_request, c) {
        const one = { page: 1, pageSize: 1 };
        const credentials = c as EmployerCredentials;
        const [active, expired] = await Promise.all([
          jobs.list(credentials, { tab: 'active', ...one }),
          jobs.list(credentials, { tab: 'expired', ...one }),
        ]);
        return { active: active.total, expired: expired.total };
      },
    });
    addFeaturePages(server, app, 'jobs', [
      ...jobPages(app),
      jobListPages(app),
      ...jobFeedPages(app),
      jobDetailPages(app),
    ]);
  },
};
