// Job-fair pages of every site, in the site's theme: the employer's 预定展位 and 我的预定 (employer centre), the staff
// console's 招聘会 (editor, bookings with payment checks, Excel export, check-in list) and the public 招聘会 pages
// with read-only booth maps. Pages call the fairs, jobs and files services and never touch tables.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from '../../core/app.js';
import type { FeaturePlugin } from '../../core/server.js';
import { employerBookingRoutes } from './routes/employer-bookings.js';
import { employerFairRoutes } from './routes/employer-fairs.js';
import { publicFairRoutes } from './routes/public-fairs.js';
import { staffFairRoutes } from './routes/staff-fairs.js';
import { VIEWS_DIR } from './view.js';

/** views/partials/xz-fair-*.hbs become partials of every theme (booth map, facts, form pieces). */
function registerPartials(app: App): void {
  const dir = join(VIEWS_DIR, 'partials');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.hbs'))) {
    app.themes.registerSharedPartial(file.replace(/\.hbs$/, ''), readFileSync(join(dir, file), 'utf8'));
  }
}

export const fairPagesPlugin: FeaturePlugin = {
  name: 'xz-fair-pages',
  version: '1.0.0',
  dependencies: [
    'xz-fairs',
    'xz-jobs',
    'xz-files',
    'xz-employer-pages',
    'xz-staff-pages',
    'xz-listing-pages',
  ],
  register(server, { app }: { app: App }) {
    registerPartials(app);
    server.route([
      ...employerFairRoutes(app),
      ...employerBookingRoutes(app),
      ...staffFairRoutes(app),
      ...publicFairRoutes(app),
    ]);
  },
};
