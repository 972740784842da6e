// Server-rendered employer pages of every site, in the site's theme: registration, login (password, SMS, one-click
// from the main site), and the employer centre (home, profile and certification, 登录学校分站, messages, password,
// accounts, roles, 招聘信息: jobs and announcements).
// Pages call the services of the employers, accounts, verification, files, network, messages, jobs and announcements
// plugins; they never touch tables.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from '../../core/app.js';
import type { FeaturePlugin } from '../../core/server.js';
import { accountRoutes } from './routes/accounts.js';
import { announcementRoutes } from './routes/announcements.js';
import { homeRoute } from './routes/home.js';
import { jobRoutes } from './routes/jobs.js';
import { letterRoutes } from './routes/letters.js';
import { loginRoutes } from './routes/login.js';
import { messageRoutes } from './routes/messages.js';
import { passwordRoutes } from './routes/password.js';
import { profileRoutes } from './routes/profile.js';
import { registerRoutes } from './routes/register.js';
import { roleRoutes } from './routes/roles.js';
import { sessionRoutes } from './routes/session.js';
import { siteRoutes } from './routes/sites.js';
import { VIEWS_DIR } from './view.js';

/** views/partials/xz-*.hbs become partials of every theme (the centre shell, form fields, alerts, pager). */
function registerPartials(app: App): void {
  const dir = join(VIEWS_DIR, 'partials');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.hbs'))) {
    app.themes.registerSharedPartial(file.replace(/\.hbs$/, ''), readFileSync(join(dir, file), 'utf8'));
  }
}

export const employerPagesPlugin: FeaturePlugin = {
  name: 'xz-employer-pages',
  version: '1.0.0',
  dependencies: [
    'xz-employers',
    'xz-accounts',
    'xz-verification',
    'xz-files',
    'xz-network',
    'xz-messages',
    'xz-jobs',
    'xz-announcements',
    'xz-fairs',
  ],
  register(server, { app }: { app: App }) {
    registerPartials(app);
    server.route([
      ...registerRoutes(app),
      ...loginRoutes(app),
      ...sessionRoutes(app),
      homeRoute(app),
      ...profileRoutes(app),
      ...siteRoutes(app),
      ...messageRoutes(app),
      ...letterRoutes(app),
      ...passwordRoutes(app),
      ...accountRoutes(app),
      ...roleRoutes(app),
      ...jobRoutes(app),
      ...announcementRoutes(app),
    ]);
  },
};
