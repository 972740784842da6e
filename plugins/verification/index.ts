// SMS verification codes for registration, login and password reset, and the login attempt limits.
import type { App } from '../../core/app.js';
import { service } from '../../core/app.js';
import { addFeaturePages } from '../../core/pages/index.js';
import type { FeaturePlugin } from '../../core/server.js';
import { LoginLimits } from './login-limits.js';
import { sendCodeRoute } from './routes/send-code.js';
import { smsCodeScriptRoute } from './routes/sms-code-script.js';
import { VerificationService, type PhoneRules } from './verification-service.js';

declare module '../../core/app.js' {
  interface Services {
    verification: VerificationService;
    /** Set by the accounts plugin: which phones may receive which codes. */
    phoneRules: PhoneRules;
    /** Login attempt limits per account and per IP, shared by employer, staff and SMS logins. */
    loginLimits: LoginLimits;
  }
}

export const verificationPlugin: FeaturePlugin = {
  name: 'xz-verification',
  version: '1.0.0',
  dependencies: ['xz-sms'],
  register(server, { app }: { app: App }) {
    const verification = new VerificationService(
      app.db,
      app.kv,
      service(app, 'sms'),
      () => app.services.phoneRules,
    );
    app.services.verification = verification;
    app.services.loginLimits = new LoginLimits(app.kv);
    server.route([sendCodeRoute(verification), smsCodeScriptRoute()]);
    // the xz-verification-code partial of the pages that send codes (registration, SMS login, password reset)
    addFeaturePages(server, app, 'verification', []);
  },
};
