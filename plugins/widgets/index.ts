// Serves the web-component bundle schools embed, a demo page of the embed, and the staff console's 嵌入代码 page.
import type { App } from '../../core/app.js';
import type { FeaturePlugin } from '../../core/server.js';
import { widgetBundleRoute } from './routes/widget-bundle.js';
import { addFeaturePages } from '../../core/pages/index.js';
import { widgetDemoPages } from './pages/public/demo.js';
import { embedPages, embedScriptRoute } from './pages/staff/embed.js';

export const widgetsPlugin: FeaturePlugin = {
  name: 'xz-widgets',
  version: '1.0.0',
  register(server, { app }: { app: App }) {
    server.route([widgetBundleRoute(), embedScriptRoute()]);
    app.pages.staffMenu({ key: 'embed', label: '嵌入代码', href: '/admin/embed', order: 85 });
    addFeaturePages(server, app, 'widgets', [widgetDemoPages(app), ...embedPages(app)]);
  },
};
