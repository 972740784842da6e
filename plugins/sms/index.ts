// SMS delivery behind a driver: `memory` in development mode (readable by anyone at GET /api/v1/dev/sms, so only
// mounted when config.devMode: the embedded profile, tests, or XZ_DEV=1), `log` otherwise.
import type { App } from '../../core/app.js';
import type { FeaturePlugin } from '../../core/server.js';
import type { SmsDriver } from './drivers/driver.js';
import { LogSmsDriver } from './drivers/log.js';
import { MemorySmsDriver } from './drivers/memory.js';
import { devSmsRoute } from './routes/dev-sms.js';
import { SmsService, TEMPLATES } from './sms-service.js';

declare module '../../core/app.js' {
  interface Services {
    sms: SmsService;
  }
}

export const smsPlugin: FeaturePlugin = {
  name: 'xz-sms',
  version: '1.0.0',
  register(server, { app }: { app: App }) {
    const driver: SmsDriver =
      app.config.smsDriver === 'memory'
        ? new MemorySmsDriver(app.db, (template, params) => TEMPLATES[template]?.(params) ?? '')
        : new LogSmsDriver(app.log);
    const sms = new SmsService(driver);
    app.services.sms = sms;
    app.tasks.define(sms.task());
    if (driver instanceof MemorySmsDriver && app.config.devMode && app.config.env !== 'production')
      server.route(devSmsRoute(driver));
  },
};
