// Employer accounts and roles: the `employer` token resolver, sub-accounts, roles and the permission catalogue.
import type { App } from '../../core/app.js';
import type { FeaturePlugin } from '../../core/server.js';
import { AccountService } from './account-service.js';
import { accountRoutes } from './routes/accounts.js';

declare module '../../core/app.js' {
  interface Services {
    accounts: AccountService;
  }
}

export const accountsPlugin: FeaturePlugin = {
  name: 'xz-accounts',
  version: '1.0.0',
  register(server, { app }: { app: App }) {
    const accounts = new AccountService(app.db);
    app.services.accounts = accounts;
    app.principals.resolve('employer', (payload) => accounts.resolve(payload));
    server.route(accountRoutes(accounts));
  },
};
