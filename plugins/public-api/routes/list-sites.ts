import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import type { App } from '../../../core/app.js';
import { SITE_LEVELS } from '../../../core/tenancy/manifest.js';
import { siteSummary, siteSummarySchema } from '../site-view.js';

export function listSitesRoute(app: App): ServerRoute {
  return {
    method: 'GET',
    path: '/api/v1/public/sites',
    options: {
      tags: ['api', 'public'],
      description: '站点列表：按城市、办学层次筛选，按名称搜索',
      auth: false,
      app: { access: { public: true } },
      validate: {
        query: Joi.object({
          city: Joi.string().trim().max(20),
          level: Joi.string().valid(...SITE_LEVELS),
          q: Joi.string().trim().max(40).allow(''),
          page: Joi.number().integer().min(1).default(1),
          pageSize: Joi.number().integer().min(1).max(100).default(20),
        }),
      },
      response: {
        status: {
          200: Joi.object({
            items: Joi.array().items(siteSummarySchema).required(),
            total: Joi.number().required(),
            page: Joi.number().required(),
            pageSize: Joi.number().required(),
          }).label('SiteList'),
        },
      },
      handler: (request) => {
        const { city, level, q, page, pageSize } = request.query as {
          city?: string;
          level?: string;
          q?: string;
          page: number;
          pageSize: number;
        };
        const matches = app.sites
          .all()
          .filter(
            (s) =>
              (!city || s.city === city) &&
              (!level || s.level === level) &&
              (!q || s.name.includes(q) || s.slug.includes(q.toLowerCase())),
          );
        return {
          items: matches.slice((page - 1) * pageSize, page * pageSize).map(siteSummary),
          total: matches.length,
          page,
          pageSize,
        };
      },
    },
  };
}
