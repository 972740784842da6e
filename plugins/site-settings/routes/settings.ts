import type { Lifecycle, ServerRoute } from '@hapi/hapi';
import { joiDetails, validationError } from '../../../core/http/errors.js';
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
  /** The payload's joi errors as sentences naming their field (第 2 个单位标记的标识只能包含…). */
  const failAction: Lifecycle.Method = (request, _h, err) => {
    const error = err as Joi.ValidationError | undefined;
    if (!Array.isArray(error?.details)) throw err;
    const slug = (request.params as { slug?: string }).slug ?? '';
    if (!/^[a-z0-9-]+$/.test(slug) || !settings.exists(slug)) throw validationError(joiDetails(error));
    const theme = (request.payload as { theme?: { name?: unknown } } | null)?.theme?.name;
    throw validationError(
      settings.describeJoi(
        slug,
        error.details,
        joiDetails(error),
        typeof theme === 'string' ? theme : undefined,
      ),
    );
  };
  return [
    {
      method: 'GET',
      path: '/api/v1/admin/sites/{slug}/settings',
      options: {
        tags: ['api', 'admin'],
        description: '本站配置：主题与主题设置、单位标记、各类事项的审核策略、嵌入来源域名',
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
        description:
          '修改本站配置（按已安装的主题和插件校验，立即生效，记录审计）；可原样提交 GET 的结果，只读字段忽略，version 过期时 409 VERSION_CONFLICT，无变化时不写入',
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
            // What GET answers may be sent back whole: `version` guards against a lost update, the rest is read-only
            // and ignored.
            version: Joi.number().integer().min(0),
            site: Joi.any().strip(),
            updatedAt: Joi.any().strip(),
            overridden: Joi.any().strip(),
            available: Joi.any().strip(),
          }).min(1),
          failAction,
        },
        handler: (request) => {
          const { version, ...input } = request.payload as SiteOverrides & { version?: number };
          return settings.update(
            request.auth.credentials as unknown as StaffCredentials,
            (request.params as { slug: string }).slug,
            input,
            version,
          );
        },
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
