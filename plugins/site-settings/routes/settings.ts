import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import type { StaffCredentials } from '../../../core/auth/principals.js';
import {
  employerTagsSchema,
  policyRefSchema,
  SUBJECT_TYPES,
  widgetOriginsSchema,
  type SiteOverrides,
} from '../../../core/tenancy/manifest.js';
import type { SiteSettingsService } from '../site-settings-service.js';

const slugParams = Joi.object({
  slug: Joi.string()
    .pattern(/^[a-z0-9-]+$/)
    .max(40)
    .required(),
});

export function settingsRoutes(settings: SiteSettingsService): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/api/v1/admin/sites/{slug}/settings',
      options: {
        tags: ['api', 'admin'],
        description: '本站配置：主题与主题设置、单位标记、各类事项的审核策略、组件来源域名',
        auth: 'staff',
        app: { access: { staffSiteParam: 'slug' } },
        validate: { params: slugParams },
        handler: (request) => settings.view((request.params as { slug: string }).slug),
      },
    },
    {
      method: 'PUT',
      path: '/api/v1/admin/sites/{slug}/settings',
      options: {
        tags: ['api', 'admin'],
        description: '修改本站配置（按已安装的主题和插件校验，立即生效，记录审计）',
        auth: 'staff',
        app: { access: { staffSiteParam: 'slug' } },
        validate: {
          params: slugParams,
          payload: Joi.object({
            theme: Joi.object({
              name: Joi.string().max(40).required(),
              settings: Joi.object().unknown(true).default({}),
            }),
            employerTags: employerTagsSchema,
            reviewPolicies: Joi.object(Object.fromEntries(SUBJECT_TYPES.map((t) => [t, policyRefSchema]))),
            widgetOrigins: widgetOriginsSchema,
          }).min(1),
        },
        handler: (request) =>
          settings.update(
            request.auth.credentials as unknown as StaffCredentials,
            (request.params as { slug: string }).slug,
            request.payload as SiteOverrides,
          ),
      },
    },
    {
      method: 'GET',
      path: '/api/v1/admin/sites/{slug}/settings/audit',
      options: {
        tags: ['api', 'admin'],
        description: '本站配置修改记录',
        auth: 'staff',
        app: { access: { staffSiteParam: 'slug' } },
        validate: {
          params: slugParams,
          query: Joi.object({
            page: Joi.number().integer().min(1).default(1),
            pageSize: Joi.number().integer().min(1).max(100).default(20),
          }),
        },
        handler: (request) => {
          const { page, pageSize } = request.query as { page: number; pageSize: number };
          return settings.audit((request.params as { slug: string }).slug, page, pageSize);
        },
      },
    },
  ];
}
