// The review engine and the staff review routes.
import type { App } from '../../core/app.js';
import type { FeaturePlugin } from '../../core/server.js';
import { ReviewService } from './review-service.js';
import { batchApproveRoute } from './routes/batch-approve.js';
import { decideReviewRoute } from './routes/decide-review.js';
import { getReviewRoute } from './routes/get-review.js';
import { listReviewsRoute } from './routes/list-reviews.js';

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
  },
};
