// The review engine and the staff review routes.
import type { App } from '../../core/app.js';
import type { FeaturePlugin } from '../../core/server.js';
import { ReviewService } from './review-service.js';
import { batchApproveRoute } from './routes/batch-approve.js';
import { decideReviewRoute } from './routes/decide-review.js';
import { getReviewRoute } from './routes/get-review.js';
import { listReviewsRoute } from './routes/list-reviews.js';
import { addFeaturePages } from '../../core/pages/index.js';
import { reviewPages } from './pages/staff/reviews.js';

declare module '../../core/app.js' {
  interface Services {
    reviews: ReviewService;
  }
}

export const reviewsPlugin: FeaturePlugin = {
  name: 'xz-reviews',
  version: '1.0.0',
  register(server, { app }: { app: App }) {
    const reviews = new ReviewService(app.db, app.sites, app.tenantPlugins);
    app.services.reviews = reviews;
    server.route([
      listReviewsRoute(app, reviews),
      getReviewRoute(reviews),
      decideReviewRoute(reviews),
      batchApproveRoute(reviews),
    ]);
    app.pages.staffMenu({
      key: 'reviews',
      label: '审核队列',
      href: '/admin/reviews',
      order: 10,
      badge: async (request) => {
        const { total } = await reviews.list(request.app.xz.site.id, {
          status: 'pending',
          page: 1,
          pageSize: 1,
        });
        return { count: total, label: '项待审核' };
      },
    });
    app.tasks.every('reviews.withdraw-ended', 60_000, () => reviews.withdrawEnded());
    addFeaturePages(server, app, 'reviews', reviewPages(app));
  },
};
