// Employers: registration, login (password, SMS, reset, logout), profile and certification on `main`,
// province USCC override, one-click login to school sites, and the demo employers.
import type { App } from '../../core/app.js';
import { service } from '../../core/app.js';
import type { FeaturePlugin } from '../../core/server.js';
import { appError } from '../../core/http/errors.js';
import { seedDemoEmployers } from './demo.js';
import { EmployerService } from './employer-service.js';
import { authRoutes } from './routes/auth.js';
import { profileRoutes } from './routes/profile.js';
import { regionSelectScriptRoute } from './routes/region-select-script.js';
import { registerRoute } from './routes/register.js';
import { ssoRoute } from './routes/sso.js';
import { SsoService } from './sso-service.js';
import { addFeaturePages } from '../../core/pages/index.js';
import { homePages } from './pages/employer/home.js';
import { letterPages } from './pages/employer/letters.js';
import { loginPages } from './pages/employer/login.js';
import { passwordResetPages } from './pages/employer/password-reset.js';
import { profilePages } from './pages/employer/profile.js';
import { registerPages } from './pages/employer/register.js';
import { sessionPages } from './pages/employer/session.js';
import { EMPLOYER_STATUS } from './status.js';

declare module '../../core/app.js' {
  interface Services {
    employers: EmployerService;
    sso: SsoService;
  }
}

export const employersPlugin: FeaturePlugin = {
  name: 'xz-employers',
  version: '1.0.0',
  dependencies: ['xz-accounts', 'xz-network', 'xz-reviews', 'xz-verification', 'xz-files'],
  register(server, { app }: { app: App }) {
    const accounts = service(app, 'accounts');
    const memberships = service(app, 'memberships');
    const verification = service(app, 'verification');
    const employers = new EmployerService(
      app.db,
      app.sites,
      accounts,
      memberships,
      service(app, 'reviews'),
      verification,
      service(app, 'files'),
    );
    const sso = new SsoService(app.kv, app.sites, accounts, memberships);
    app.services.employers = employers;
    app.services.sso = sso;
    app.services.phoneRules = {
      async precheck(phone, purpose) {
        const exists = !!(await accounts.byPhone(phone));
        if (purpose === 'register' && exists) throw appError(409, 'PHONE_TAKEN', '该手机号已注册');
        if (purpose !== 'register' && !exists)
          throw appError(422, 'PHONE_NOT_REGISTERED', '该手机号尚未注册');
      },
    };
    server.route([
      registerRoute(app, employers),
      ...authRoutes(app, employers, accounts, verification),
      ...profileRoutes(employers, memberships, app.sites),
      ssoRoute(sso),
      regionSelectScriptRoute(),
    ]);
    app.seeders.push({ name: 'employers', run: () => seedDemoEmployers(app) });
    app.pages.employerIdentity(async (c) => {
      const summary = await employers.summary(c.employerId);
      return { name: summary.name, ...EMPLOYER_STATUS[summary.status] };
    });
    app.pages.employerMenu(
      { key: 'home', label: '首页', href: '/employer', order: 10 },
      { key: 'profile', label: '单位信息', href: '/employer/profile', permission: 'profile', order: 30 },
    );
    addFeaturePages(server, app, 'employers', [
      ...registerPages(app),
      ...loginPages(app),
      ...passwordResetPages(app),
      ...sessionPages(app),
      homePages(app),
      ...profilePages(app),
      ...letterPages(app),
    ]);
  },
};
