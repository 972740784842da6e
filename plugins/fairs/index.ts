// Job fairs: staff fair editor and booking management, employer booking, public fair maps with live booth states.
import type { App } from '../../core/app.js';
import { service } from '../../core/app.js';
import type { FeaturePlugin } from '../../core/server.js';
import { seedDemoFairs } from './demo.js';
import { FairService } from './fair-service.js';
import { employerFairRoutes } from './routes/employer-fairs.js';
import { publicFairRoutes } from './routes/public-fairs.js';
import { staffFairRoutes } from './routes/staff-fairs.js';
import { addFeaturePages } from '../../core/pages/index.js';
import type { EmployerCredentials } from '../accounts/permissions.js';
import { employerBookingPages } from './pages/employer/bookings.js';
import { employerFairPages } from './pages/employer/fairs.js';
import { publicFairPages } from './pages/public/fairs.js';
import { staffFairPages } from './pages/staff/fairs.js';

declare module '../../core/app.js' {
  interface Services {
    fairs: FairService;
  }
}

export const fairsPlugin: FeaturePlugin = {
  name: 'xz-fairs',
  version: '1.0.0',
  dependencies: ['xz-jobs', 'xz-reviews', 'xz-network', 'xz-files', 'xz-employers'],
  register(server, { app }: { app: App }) {
    const employers = service(app, 'employers');
    const fairs = new FairService(
      app.db,
      app.sites,
      app.clock,
      service(app, 'reviews'),
      service(app, 'memberships'),
      service(app, 'files'),
      service(app, 'jobs'),
      app.pubsub,
      async (id, trx) => (await employers.get(id, trx)).name,
    );
    app.services.fairs = fairs;
    server.route([
      ...staffFairRoutes(app, fairs),
      ...employerFairRoutes(fairs),
      ...publicFairRoutes(app, fairs),
    ]);
    app.seeders.push({ name: 'fairs', run: () => seedDemoFairs(app, fairs) });
    service(app, 'messages').subject('fair_booking', {
      name: '招聘会展位预定',
      link: (id) => `/employer/fair-bookings/${id}`,
    });
    service(app, 'reviews').label('fair_booking', '招聘会展位');
    service(app, 'reviews').ends('fair_booking', {
      ended: (db, bookingId) =>
        db('fair_bookings as b')
          .join('fairs as f', 'f.id', 'b.fair_id')
          .where('b.id', bookingId)
          .where('f.ends_at', '<=', app.clock.now()),
      message: '该招聘会已结束，不能再审核此展位预定，已从待审核队列撤回',
    });
    const group = { key: 'fairs', label: '招聘会', order: 60 };
    app.pages.employerMenu(
      { key: 'fairs', label: '预定展位', href: '/employer/fairs', permission: 'fairs', group, order: 1 },
      {
        key: 'fair-bookings',
        label: '我的预定',
        href: '/employer/fair-bookings',
        permission: 'fairs',
        group,
        order: 2,
      },
    );
    app.pages.staffMenu({ key: 'fairs', label: '招聘会', href: '/admin/fairs', order: 20 });
    app.pages.homeCard({
      key: 'fairs',
      order: 20,
      permission: 'fairs',
      partial: 'xz-fairs-home-card',
      async load(_request, c) {
        const bookings = await service(app, 'fairs').mine(c as EmployerCredentials);
        const live = bookings.items.filter((b) => b.status === 'pending' || b.status === 'approved');
        return { active: live.length, pending: live.filter((b) => b.status === 'pending').length };
      },
    });
    addFeaturePages(server, app, 'fairs', [
      ...employerFairPages(app),
      ...employerBookingPages(app),
      ...staffFairPages(app),
      ...publicFairPages(app),
    ]);
  },
};
