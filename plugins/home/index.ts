// Every site's home page in its theme, with the site's latest jobs, fairs and announcements (the shared partial
// xz-home-latest every theme's home includes), and the assets pages need: theme assets under a versioned path, the
// shared UI stylesheet (core's plus each feature's) and the favicon.
import type { App } from '../../core/app.js';
import { addFeaturePages } from '../../core/pages/index.js';
import type { FeaturePlugin } from '../../core/server.js';
import { homePages } from './pages/public/home.js';
import { faviconRoute, themeAssetsRoute, uiAssetsRoute } from './routes/theme-assets.js';

export const homePlugin: FeaturePlugin = {
  name: 'xz-home',
  version: '1.0.0',
  dependencies: ['xz-jobs', 'xz-announcements', 'xz-fairs'],
  register(server, { app }: { app: App }) {
    server.route([themeAssetsRoute(app), uiAssetsRoute(app), faviconRoute()]);
    addFeaturePages(server, app, 'home', [homePages(app)]);
  },
};
