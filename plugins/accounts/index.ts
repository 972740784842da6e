// Employer accounts and roles: the `employer` token resolver, sub-accounts, roles and the permission catalogue.
import { service, type App } from '../../core/app.js';
import type { FeaturePlugin } from '../../core/server.js';
import { AccountService } from './account-service.js';
import { accountRoutes } from './routes/accounts.js';
import { addFeaturePages } from '../../core/pages/index.js';
import { accountPages } from './pages/employer/accounts.js';
import { passwordPages } from './pages/employer/password.js';
import { rolePages } from './pages/employer/roles.js';

declare module '../../core/app.js' {
  interface Services {
    accounts: AccountService;
  }
}

export const accountsPlugin: FeaturePlugin = {
  name: 'xz-accounts',
  version: '1.0.0',
  dependencies: ['xz-verification'],
  register(server, { app }: { app: App }) {
    const accounts = new AccountService(app.db, service(app, 'loginLimits'));
    app.services.accounts = accounts;
    app.principals.resolve('employer', (payload) => accounts.resolve(payload));
    server.route(accountRoutes(accounts));
    const group = { key: 'account-admin', label: '账号管理', order: 900 };
    app.pages.employerMenu(
      {
        key: 'accounts',
        label: '子账号',
        href: '/employer/accounts',
        permission: 'accounts',
        group,
        order: 1,
      },
      { key: 'roles', label: '角色管理', href: '/employer/roles', permission: 'accounts', group, order: 2 },
    );
    addFeaturePages(server, app, 'accounts', [
      ...passwordPages(app),
      ...accountPages(app),
      ...rolePages(app),
    ]);
  },
};
