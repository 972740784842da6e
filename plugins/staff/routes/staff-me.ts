import type { ServerRoute } from '@hapi/hapi';
import type { StaffCredentials } from '../../../core/auth/principals.js';
import type { StaffService } from '../staff-service.js';

export function staffLogoutRoute(staff: StaffService): ServerRoute {
  return {
    method: 'POST',
    path: '/api/v1/auth/staff-logout',
    options: {
      tags: ['api', 'auth'],
      description: '管理员退出登录（此前签发的登录凭证全部失效）',
      auth: 'staff',
      app: { access: {} },
      handler: async (request, h) => {
        await staff.revokeTokens((request.auth.credentials as unknown as StaffCredentials).id);
        return h.response().code(204);
      },
    },
  };
}

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
