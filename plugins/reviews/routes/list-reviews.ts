import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import type { App } from '../../../core/app.js';
import { SUBJECT_TYPES, type SubjectType } from '../../../core/tenancy/manifest.js';
import type { ReviewService, ReviewStatus } from '../review-service.js';

export function listReviewsRoute(app: App, reviews: ReviewService): ServerRoute {
  return {
    method: 'GET',
    path: '/api/v1/admin/sites/{slug}/reviews',
    options: {
      tags: ['api', 'admin'],
      description: '本站审核队列（最早提交的在前）',
      auth: 'staff',
      app: { access: { staffSiteParam: 'slug' } },
      validate: {
        params: Joi.object({
          slug: Joi.string()
            .pattern(/^[a-z0-9-]+$/)
            .required(),
        }),
        query: Joi.object({
          status: Joi.string().valid('pending', 'approved', 'rejected'),
          type: Joi.string().valid(...SUBJECT_TYPES),
          page: Joi.number().integer().min(1).default(1),
          pageSize: Joi.number().integer().min(1).max(100).default(20),
        }),
      },
      handler: async (request) => {
        const site = app.sites.require((request.params as { slug: string }).slug);
        const q = request.query as {
          status?: ReviewStatus;
          type?: SubjectType;
          page: number;
          pageSize: number;
        };
        const result = await reviews.list(site.id, q);
        return { ...result, page: q.page, pageSize: q.pageSize };
      },
    },
  };
}
