// Serves the web-component bundle schools embed, and a demo page of the embed.
import type { App } from '../../core/app.js';
import type { FeaturePlugin } from '../../core/server.js';
import { widgetBundleRoute } from './routes/widget-bundle.js';
import { addFeaturePages } from '../../core/pages/index.js';
import { widgetDemoPages } from './pages/public/demo.js';

export const widgetsPlugin: FeaturePlugin = {
  name: 'xz-widgets',
  version: '1.0.0',
  register(server, { app }: { app: App }) {
    server.route(widgetBundleRoute());
    addFeaturePages(server, app, 'widgets', [widgetDemoPages(app)]);
  },
};
