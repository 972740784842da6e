// The public, unauthenticated JSON API that school websites and widgets use.
import type { App } from '../../core/app.js';
import type { FeaturePlugin } from '../../core/server.js';
import { getSiteRoute } from './routes/get-site.js';
import { listSitesRoute } from './routes/list-sites.js';

export const publicApiPlugin: FeaturePlugin = {
  name: 'xz-public-api',
  version: '1.0.0',
  register(server, { app }: { app: App }) {
    server.route([listSitesRoute(app), getSiteRoute(app)]);
  },
};
