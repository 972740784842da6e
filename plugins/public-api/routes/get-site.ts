import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import type { App } from '../../../core/app.js';
import { publicSite, publicSiteSchema, slugParam } from '../site-view.js';

export function getSiteRoute(app: App): ServerRoute {
  return {
    method: 'GET',
    path: '/api/v1/public/sites/{slug}',
    options: {
      tags: ['api', 'public'],
      description: '站点信息（名称、城市、层次、主题设置、单位标记）',
      auth: false,
      app: { access: { public: true } },
      cache: { expiresIn: 60_000, privacy: 'public' },
      validate: { params: Joi.object({ slug: slugParam }) },
      response: { status: { 200: publicSiteSchema } },
      handler: (request) => {
        return publicSite(app.sites.require((request.params as { slug: string }).slug));
      },
    },
  };
}
