import type { App } from '../../core/app.js';
import type { FeaturePlugin } from '../../core/server.js';
import { healthzRoute } from './routes/healthz.js';

export const healthPlugin: FeaturePlugin = {
  name: 'xz-health',
  version: '1.0.0',
  register(server, { app }: { app: App }) {
    server.route(healthzRoute(app));
  },
};
