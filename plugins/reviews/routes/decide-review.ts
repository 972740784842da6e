import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { idParams } from '../../../core/http/schemas.js';
import type { StaffCredentials } from '../../../core/auth/principals.js';
import type { ReviewService } from '../review-service.js';

export function decideReviewRoute(reviews: ReviewService): ServerRoute {
  return {
    method: 'POST',
    path: '/api/v1/admin/reviews/{id}/decision',
    options: {
      tags: ['api', 'admin'],
      description:
        '审核：通过或驳回（驳回须填写意见）；input 为该类事项审核时需填写的信息（如签约授权的 validUntil 授权有效期至）',
      auth: 'staff',
      app: { access: {} },
      validate: {
        params: idParams,
        payload: Joi.object({
          decision: Joi.string().valid('approve', 'reject').required(),
          comment: Joi.string().trim().max(500).allow('', null),
          input: Joi.object()
            .pattern(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/, Joi.string().max(200).allow('', null))
            .max(10),
        }),
      },
      handler: async (request) => {
        const staff = request.auth.credentials as unknown as StaffCredentials;
        const { decision, comment, input } = request.payload as {
          decision: 'approve' | 'reject';
          comment?: string | null;
          input?: Record<string, string | null>;
        };
        const review = await reviews.decide(
          staff,
          (request.params as { id: number }).id,
          decision,
          comment ?? null,
          input ?? {},
        );
        return reviews.view(review);
      },
    },
  };
}
