import type { ServerRoute } from '@hapi/hapi';
import { idParams } from '../../../core/http/schemas.js';
import type { StaffCredentials } from '../../../core/auth/principals.js';
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
        const review = await reviews.getForStaff(staff, (request.params as { id: number }).id);
        return {
          ...reviews.view(review),
          details: await reviews.details(review),
          history: await reviews.history(Number(review.id)),
        };
      },
    },
  };
}
