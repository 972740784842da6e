import type { ServerRoute } from '@hapi/hapi';
import { idParams } from '../../../core/http/schemas.js';
import type { StaffCredentials } from '../../../core/auth/principals.js';
import { appError } from '../../../core/http/errors.js';
import type { ReviewService } from '../review-service.js';

export function getReviewRoute(reviews: ReviewService): ServerRoute {
  return {
    method: 'GET',
    path: '/api/v1/admin/reviews/{id}',
    options: {
      tags: ['api', 'admin'],
      description: '审核事项、其内容（details：职位、公告或展位预定的内容）及全部审核记录',
      auth: 'staff',
      app: { access: {} },
      validate: { params: idParams },
      handler: async (request) => {
        const staff = request.auth.credentials as unknown as StaffCredentials;
        const review = await reviews.get((request.params as { id: number }).id);
        if (!review) throw appError(404, 'NOT_FOUND', '审核记录不存在');
        if (review.site_id !== staff.siteId) throw appError(403, 'FORBIDDEN', '您只能查看本校站点的审核事项');
        return {
          ...reviews.view(review),
          details: await reviews.details(review),
          history: await reviews.history(Number(review.id)),
        };
      },
    },
  };
}
