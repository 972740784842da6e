// Site configuration by school staff (theme, employer tags, review policies, widget origins).
import type { App } from '../../core/app.js';
import type { FeaturePlugin } from '../../core/server.js';
import { settingsRoutes } from './routes/settings.js';
import { SiteSettingsService } from './site-settings-service.js';
import { addFeaturePages } from '../../core/pages/index.js';
import { settingsPages } from './pages/staff/settings.js';

declare module '../../core/app.js' {
  interface Services {
    siteSettings: SiteSettingsService;
  }
}

export const siteSettingsPlugin: FeaturePlugin = {
  name: 'xz-site-settings',
  version: '1.0.0',
  async register(server, { app }: { app: App }) {
    const settings = new SiteSettingsService(app);
    app.services.siteSettings = settings;
    await settings.follow();
    server.route(settingsRoutes(settings));
    app.pages.staffMenu(
      { key: 'settings', label: '站点设置', href: '/admin/settings', order: 80 },
      { key: 'audit', label: '修改记录', href: '/admin/settings/audit', order: 90 },
    );
    addFeaturePages(server, app, 'site-settings', settingsPages(app));
  },
};
