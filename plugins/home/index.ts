// Every site's home page in its theme, and the assets pages need: theme assets under a versioned path, the shared UI
// stylesheet (core's plus each feature's) and the favicon.
import type { App } from '../../core/app.js';
import { addFeaturePages } from '../../core/pages/index.js';
import type { FeaturePlugin } from '../../core/server.js';
import { homePages } from './pages/public/home.js';
import { faviconRoute, themeAssetsRoute, uiAssetsRoute } from './routes/theme-assets.js';

export const homePlugin: FeaturePlugin = {
  name: 'xz-home',
  version: '1.0.0',
  register(server, { app }: { app: App }) {
    server.route([themeAssetsRoute(app), uiAssetsRoute(app), faviconRoute()]);
    addFeaturePages(server, app, 'home', [homePages(app)]);
  },
};
