// Site network: employers' memberships of the main site (certification) and of school sites.
import type { App } from '../../core/app.js';
import { service } from '../../core/app.js';
import type { FeaturePlugin } from '../../core/server.js';
import { MembershipService } from './membership-service.js';
import { membershipRoutes } from './routes/memberships.js';
import { addFeaturePages } from '../../core/pages/index.js';
import { sitePages } from './pages/employer/sites.js';

declare module '../../core/app.js' {
  interface Services {
    memberships: MembershipService;
  }
}

export const networkPlugin: FeaturePlugin = {
  name: 'xz-network',
  version: '1.0.0',
  dependencies: ['xz-reviews', 'xz-messages'],
  register(server, { app }: { app: App }) {
    const memberships = new MembershipService(app.db, app.sites, service(app, 'reviews'), (slug) =>
      app.tenantPlugins.firstContribution(slug, 'employerTags')?.(),
    );
    app.services.memberships = memberships;
    server.route(membershipRoutes(app, memberships));
    service(app, 'reviews').label('membership', '入驻申请', '单位认证');
    service(app, 'messages').subject('membership', {
      name: '入驻申请',
      link: (_id, site) => (app.sites.get(site)?.isMain ? '/employer/profile' : '/employer/sites'),
    });
    app.pages.employerMenu({
      key: 'sites',
      label: '登录学校分站',
      href: '/employer/sites',
      permission: 'sites',
      order: 40,
    });
    addFeaturePages(server, app, 'network', sitePages(app));
  },
};
