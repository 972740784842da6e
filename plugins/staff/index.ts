// Staff accounts: login, the `staff` token resolver and the demo accounts `<slug>.admin`.
import { service, type App } from '../../core/app.js';
import type { FeaturePlugin } from '../../core/server.js';
import { staffLoginRoute } from './routes/staff-login.js';
import { staffLogoutRoute, staffMeRoute } from './routes/staff-me.js';
import { StaffService } from './staff-service.js';
import { addFeaturePages } from '../../core/pages/index.js';
import { loginPages } from './pages/staff/login.js';

declare module '../../core/app.js' {
  interface Services {
    staff: StaffService;
  }
}

export const staffPlugin: FeaturePlugin = {
  name: 'xz-staff',
  version: '1.0.0',
  dependencies: ['xz-verification'],
  register(server, { app }: { app: App }) {
    const staff = new StaffService(app.db, app.sites, service(app, 'loginLimits'));
    app.services.staff = staff;
    app.principals.resolve('staff', (payload) => staff.resolve(payload));
    server.route([staffLoginRoute(app, staff), staffMeRoute(), staffLogoutRoute(staff)]);
    app.seeders.push({
      name: 'staff',
      async run() {
        const queue = [...app.sites.all()];
        const worker = async () => {
          for (let site = queue.shift(); site; site = queue.shift()) {
            await staff.ensure({
              siteId: site.id,
              username: `${site.slug}.admin`,
              name: `${site.shortName}管理员`,
              password: app.config.demoPassword,
            });
          }
        };
        await Promise.all([worker(), worker(), worker(), worker()]);
      },
    });
    addFeaturePages(server, app, 'staff', loginPages(app));
  },
};
