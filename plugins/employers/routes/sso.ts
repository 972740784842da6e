import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import type { EmployerCredentials } from '../../accounts/permissions.js';
import type { SsoService } from '../sso-service.js';

export function ssoRoute(sso: SsoService): ServerRoute {
  return {
    method: 'POST',
    path: '/api/v1/employer/sites/{slug}/sso',
    options: {
      tags: ['api', 'employer'],
      description: '一键登录学校分站：返回该站点域名下的一次性登录链接（60 秒内有效，只能使用一次）',
      auth: 'employer',
      app: { access: { permission: 'sites' } },
      validate: {
        params: Joi.object({
          slug: Joi.string()
            .pattern(/^[a-z0-9-]+$/)
            .max(40)
            .required(),
        }),
      },
      handler: (request) =>
        sso.issue(
          request.auth.credentials as unknown as EmployerCredentials,
          (request.params as { slug: string }).slug,
        ),
    },
  };
}
