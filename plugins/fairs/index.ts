// Job fairs: staff fair editor and booking management, employer booking, public fair maps with live booth states.
import type { App } from '../../core/app.js';
import { service } from '../../core/app.js';
import type { FeaturePlugin } from '../../core/server.js';
import { seedDemoFairs } from './demo.js';
import { FairService } from './fair-service.js';
import { employerFairRoutes } from './routes/employer-fairs.js';
import { publicFairRoutes } from './routes/public-fairs.js';
import { staffFairRoutes } from './routes/staff-fairs.js';

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
  },
};
