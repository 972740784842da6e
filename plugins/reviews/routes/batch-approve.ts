import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import type { StaffCredentials } from '../../../core/auth/principals.js';
import type { ReviewService } from '../review-service.js';

export function batchApproveRoute(reviews: ReviewService): ServerRoute {
  return {
    method: 'POST',
    path: '/api/v1/admin/sites/{slug}/reviews/batch-approve',
    options: {
      tags: ['api', 'admin'],
      description: '批量审核通过（逐条判断，已审核或不属于本站的事项跳过并说明原因）',
      auth: 'staff',
      app: { access: { staffSiteParam: 'slug' } },
      validate: {
        params: Joi.object({
          slug: Joi.string()
            .pattern(/^[a-z0-9-]+$/)
            .required(),
        }),
        payload: Joi.object({
          ids: Joi.array().items(Joi.number().integer().min(1)).min(1).max(200).unique().required(),
          comment: Joi.string().trim().max(500).allow('', null),
        }),
      },
      handler: async (request) => {
        const staff = request.auth.credentials as unknown as StaffCredentials;
        const { ids, comment } = request.payload as { ids: number[]; comment?: string | null };
        const result = await reviews.approveMany(staff, ids, comment ?? null);
        return {
          approved: result.approved.map((a) => a.id),
          skipped: result.skipped.map(({ id, code, message }) => ({ id, code, message })),
        };
      },
    },
  };
}
