import type { ServerRoute } from '@hapi/hapi';
import type { StaffCredentials } from '../../../core/auth/principals.js';

export function staffMeRoute(): ServerRoute {
  return {
    method: 'GET',
    path: '/api/v1/admin/me',
    options: {
      tags: ['api', 'admin'],
      description: '当前管理员信息',
      auth: 'staff',
      app: { access: {} },
      handler: (request) => {
        const c = request.auth.credentials as unknown as StaffCredentials;
        return { id: c.id, username: c.username, site: c.site, roles: c.roles };
      },
    },
  };
}
