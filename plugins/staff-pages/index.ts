// The staff console (管理控制台) of every site, in the site's theme: 管理员登录, 审核队列 and the decision page,
// 站点设置 and 修改记录. Staff of a site work on their own site's host or prefix only; pages call the reviews,
// employers, memberships, files, staff and site-settings services and never touch tables.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from '../../core/app.js';
import type { FeaturePlugin } from '../../core/server.js';
import { fileRoutes } from './routes/files.js';
import { loginRoutes } from './routes/login.js';
import { reviewRoutes } from './routes/reviews.js';
import { settingsRoutes } from './routes/settings.js';
import { VIEWS_DIR } from './view.js';

/** views/partials/xz-staff-*.hbs become partials of every theme (the console shell). */
function registerPartials(app: App): void {
  const dir = join(VIEWS_DIR, 'partials');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.hbs'))) {
    app.themes.registerSharedPartial(file.replace(/\.hbs$/, ''), readFileSync(join(dir, file), 'utf8'));
  }
}

export const staffPagesPlugin: FeaturePlugin = {
  name: 'xz-staff-pages',
  version: '1.0.0',
  dependencies: [
    'xz-staff',
    'xz-reviews',
    'xz-employers',
    'xz-network',
    'xz-files',
    'xz-accounts',
    'xz-site-settings',
    'xz-employer-pages',
  ],
  register(server, { app }: { app: App }) {
    registerPartials(app);
    server.route([...loginRoutes(app), ...reviewRoutes(app), ...fileRoutes(app), ...settingsRoutes(app)]);
  },
};
