// Public listing pages of every site, in the site's theme and without client JavaScript: 招聘信息 (/jobs, with
// filters and pages), job pages with schema.org JobPosting data, 招聘公告 (/announcements) and the job feeds
// (JSON Feed and Atom). Pages show exactly what the public API shows for the site: they call the jobs and
// announcements services (their per-site listing cache) and never touch tables.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from '../../core/app.js';
import type { FeaturePlugin } from '../../core/server.js';
import { announcementDetailRoute } from './routes/announcement-detail.js';
import { announcementListRoute } from './routes/announcement-list.js';
import { jobDetailRoute } from './routes/job-detail.js';
import { jobFeedRoutes } from './routes/job-feeds.js';
import { jobListRoute } from './routes/job-list.js';
import { VIEWS_DIR } from './view.js';

/** views/partials/xz-listing-*.hbs become partials of every theme (tabs, pager). */
function registerPartials(app: App): void {
  const dir = join(VIEWS_DIR, 'partials');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.hbs'))) {
    app.themes.registerSharedPartial(file.replace(/\.hbs$/, ''), readFileSync(join(dir, file), 'utf8'));
  }
}

export const listingPagesPlugin: FeaturePlugin = {
  name: 'xz-listing-pages',
  version: '1.0.0',
  dependencies: ['xz-jobs', 'xz-announcements'],
  register(server, { app }: { app: App }) {
    registerPartials(app);
    server.route([
      jobListRoute(app),
      ...jobFeedRoutes(app),
      jobDetailRoute(app),
      announcementListRoute(app),
      announcementDetailRoute(app),
    ]);
  },
};
