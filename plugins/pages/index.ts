// Server-rendered pages of every site, in the site's theme.
import type { App } from '../../core/app.js';
import type { FeaturePlugin } from '../../core/server.js';
import { homeRoute } from './routes/home.js';
import { faviconRoute, themeAssetsRoute, uiAssetsRoute } from './routes/theme-assets.js';

export const pagesPlugin: FeaturePlugin = {
  name: 'xz-pages',
  version: '1.0.0',
  register(server, { app }: { app: App }) {
    server.route([homeRoute(app), themeAssetsRoute(app), uiAssetsRoute(), faviconRoute()]);
  },
};
