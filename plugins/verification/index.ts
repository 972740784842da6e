// SMS verification codes for registration, login and password reset.
import type { App } from '../../core/app.js';
import { service } from '../../core/app.js';
import type { FeaturePlugin } from '../../core/server.js';
import { sendCodeRoute, type PhoneRules } from './routes/send-code.js';
import { VerificationService } from './verification-service.js';

declare module '../../core/app.js' {
  interface Services {
    verification: VerificationService;
    /** Set by the accounts plugin: which phones may receive which codes. */
    phoneRules: PhoneRules;
  }
}

export const verificationPlugin: FeaturePlugin = {
  name: 'xz-verification',
  version: '1.0.0',
  dependencies: ['xz-sms'],
  register(server, { app }: { app: App }) {
    const verification = new VerificationService(app.db, app.kv, service(app, 'sms'));
    app.services.verification = verification;
    server.route(sendCodeRoute(verification, () => app.services.phoneRules));
  },
};
